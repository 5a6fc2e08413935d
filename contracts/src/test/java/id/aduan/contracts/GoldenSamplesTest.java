package id.aduan.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Every contract record has a golden sample that survives a round trip unchanged. */
class GoldenSamplesTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  static Stream<String> types() {
    return EventTypes.all().values().stream().sorted();
  }

  private static JsonNode sample(String type) throws IOException {
    try (InputStream in =
        GoldenSamplesTest.class.getResourceAsStream("/samples/" + type + ".json")) {
      assertThat(in).as("golden sample for %s", type).isNotNull();
      return JSON.readTree(in);
    }
  }

  @ParameterizedTest
  @MethodSource("types")
  void sampleRoundTripsWithoutLoss(String type) throws IOException {
    JsonNode golden = sample(type);
    Class<?> recordClass = EventTypes.classOf(type).orElseThrow();

    Object record = JSON.treeToValue(golden, recordClass);
    // Through text, so that numbers compare by value rather than by Java type.
    JsonNode written = JSON.readTree(JSON.writeValueAsString(record));

    assertThat(written).isEqualTo(golden);
  }

  @ParameterizedTest
  @MethodSource("types")
  void readersIgnoreFieldsAddedLater(String type) throws IOException {
    ObjectNode future = (ObjectNode) sample(type);
    future.put("fieldFromAFutureVersion", "ignored");
    Class<?> recordClass = EventTypes.classOf(type).orElseThrow();

    Object record = JSON.treeToValue(future, recordClass);

    assertThat(JSON.valueToTree(record).has("fieldFromAFutureVersion")).isFalse();
  }

  @Test
  void everyTypeNameIsVersionedAndDistinct() {
    assertThat(EventTypes.all().values())
        .allMatch(t -> t.startsWith("id.aduan.") && t.endsWith(".v1"));
    assertThat(EventTypes.all().values()).doesNotHaveDuplicates();
  }

  @Test
  void everyTopicHasADeadLetterTopicAndAVersion() {
    assertThat(Topics.all()).hasSize(Topics.MAIN.size() * 2);
    assertThat(Topics.MAIN).allMatch(t -> t.endsWith(".v1"));
    assertThat(Topics.dlq(Topics.COMPLAINTS_INBOUND)).isEqualTo("complaints.inbound.v1.dlq");
  }

  @Test
  void missingListsReadAsEmpty() {
    ObjectNode minimal =
        (ObjectNode)
            JSON.valueToTree(
                JSON.treeToValue(
                    sampleUnchecked("id.aduan.complaint.received.v1"), ComplaintReceived.class));
    minimal.remove("attachments");
    minimal.remove("references");
    minimal.remove("metadata");

    ComplaintReceived read = JSON.treeToValue(minimal, ComplaintReceived.class);

    assertThat(read.attachments()).isEmpty();
    assertThat(read.references()).isEmpty();
    assertThat(read.metadata()).isEmpty();
  }

  @Test
  void eventsWrittenBeforeTheIntakeCheckWasCarriedReadAsNull() {
    ObjectNode opened = (ObjectNode) sampleUnchecked("id.aduan.case.opened.v1");
    opened.remove("intakeCheck");
    ObjectNode requested = (ObjectNode) sampleUnchecked("id.aduan.case.information-requested.v1");
    requested.remove("announcedWith");

    CaseEvent.CaseOpened oldOpened = JSON.treeToValue(opened, CaseEvent.CaseOpened.class);
    CaseEvent.InformationRequested oldRequested =
        JSON.treeToValue(requested, CaseEvent.InformationRequested.class);

    assertThat(oldOpened.intakeCheck()).isNull();
    assertThat(oldOpened.language()).isEqualTo("id");
    assertThat(oldRequested.announcedWith()).isNull();
    assertThat(oldRequested.missing()).containsExactly("kk", "ktp");
  }

  private static JsonNode sampleUnchecked(String type) {
    try {
      return sample(type);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
