package id.aduan.support.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.aduan.contracts.CaseEvent;
import id.aduan.contracts.CloudEventHeaders;
import id.aduan.contracts.ComplaintReceived;
import id.aduan.contracts.EventTypes;
import id.aduan.contracts.SlaEvent;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import tools.jackson.databind.json.JsonMapper;

class CloudEventsTest {

  private final CloudEvents cloudEvents =
      new CloudEvents(JsonMapper.builder().build(), "/aduan/test-service");

  static Stream<Object> records() {
    return Stream.of(
        Samples.complaint("e-complaint"),
        Samples.opened("e-opened"),
        Samples.clockStarted("e-sla"),
        Samples.outbound("e-outbound"),
        Samples.receipt("e-receipt"),
        Samples.deadLetter("e-dead"));
  }

  private static String text(Message<?> message, String header) {
    Object value = message.getHeaders().get(header);
    assertThat(value).as("header %s", header).isInstanceOf(byte[].class);
    return new String((byte[]) value, StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @MethodSource("records")
  void everyRecordSurvivesTheRoundTripReadByItsCeType(Object record) {
    Message<byte[]> message = cloudEvents.toMessage(record, "key-1", "BDG-2026-000001");

    assertThat(cloudEvents.read(message, null)).isEqualTo(record);
  }

  @ParameterizedTest
  @MethodSource("records")
  void theCloudEventsAttributesAreUtf8BytesTakenFromTheRecord(Object record) {
    Message<byte[]> message = cloudEvents.toMessage(record, "key-1", "BDG-2026-000001");

    assertThat(text(message, CloudEventHeaders.ID)).isEqualTo(CloudEvents.eventId(record));
    assertThat(text(message, CloudEventHeaders.TYPE))
        .isEqualTo(EventTypes.typeOf(record.getClass()));
    assertThat(text(message, CloudEventHeaders.SOURCE)).isEqualTo("/aduan/test-service");
    assertThat(text(message, CloudEventHeaders.TIME)).isEqualTo("2026-11-20T01:15:02.123Z");
    assertThat(text(message, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
    assertThat(text(message, CloudEventHeaders.SUBJECT)).isEqualTo("BDG-2026-000001");
    assertThat(text(message, KafkaHeaders.KEY)).isEqualTo("key-1");
    assertThat(text(message, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
  }

  /**
   * What the binder writes: the message's headers through the registered header mapper, as Kafka
   * record headers. A String value would be left out by that mapper (content-type once was).
   */
  @ParameterizedTest
  @MethodSource("records")
  void everyCloudEventsHeaderReachesTheKafkaRecordThroughTheBindersHeaderMapper(Object record) {
    Message<byte[]> message = cloudEvents.toMessage(record, "key-1", "BDG-2026-000001");
    RecordHeaders wire = new RecordHeaders();

    new MessagingConfiguration().kafkaBinderHeaderMapper().fromHeaders(message.getHeaders(), wire);

    assertThat(wireText(wire, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
    assertThat(wireText(wire, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
    assertThat(wireText(wire, CloudEventHeaders.ID)).isEqualTo(CloudEvents.eventId(record));
    assertThat(wireText(wire, CloudEventHeaders.TYPE))
        .isEqualTo(EventTypes.typeOf(record.getClass()));
    assertThat(wireText(wire, CloudEventHeaders.SOURCE)).isEqualTo("/aduan/test-service");
    assertThat(wireText(wire, CloudEventHeaders.TIME)).isEqualTo("2026-11-20T01:15:02.123Z");
    assertThat(wireText(wire, CloudEventHeaders.SUBJECT)).isEqualTo("BDG-2026-000001");
  }

  private static String wireText(RecordHeaders headers, String name) {
    Header header = headers.lastHeader(name);
    assertThat(header).as("record header %s", name).isNotNull();
    return new String(header.value(), StandardCharsets.UTF_8);
  }

  @Test
  void givenNoSubject_thenNoSubjectHeader() {
    Message<byte[]> message = cloudEvents.toMessage(Samples.opened("e-1"), "c-1", null);

    assertThat(message.getHeaders()).doesNotContainKey(CloudEventHeaders.SUBJECT);
  }

  @Test
  void nonAsciiTextTravelsAsUtf8() {
    ComplaintReceived complaint = Samples.complaint("e-utf8");

    Message<byte[]> message = cloudEvents.toMessage(complaint, "k", null);

    assertThat(new String(message.getPayload(), StandardCharsets.UTF_8))
        .contains("Soekarno\u2013Hatta \uD83D\uDE4F");
    assertThat(cloudEvents.read(message, null))
        .isInstanceOfSatisfying(
            ComplaintReceived.class,
            c -> assertThat(c.sender().displayName()).isEqualTo("Siti Aminah \u2014 \u00c9"));
  }

  @Test
  void theCeTypeDecidesOverTheFallback() {
    Message<byte[]> message = cloudEvents.toMessage(Samples.clockStarted("e-1"), "c-1", null);

    assertThat(cloudEvents.read(message, CaseEvent.CaseOpened.class))
        .isInstanceOf(SlaEvent.SlaClockStarted.class);
  }

  @Test
  void givenNoCeType_thenReadAsTheFallback() {
    ComplaintReceived complaint = Samples.complaint("e-1");
    Message<byte[]> bare =
        MessageBuilder.withPayload(cloudEvents.toMessage(complaint, "k", null).getPayload())
            .build();

    assertThat(cloudEvents.read(bare, ComplaintReceived.class)).isEqualTo(complaint);
  }

  @Test
  void givenNoCeTypeAndNoFallback_thenUnreadableWithReasonNoType() {
    Message<byte[]> bare =
        MessageBuilder.withPayload("{}".getBytes(StandardCharsets.UTF_8)).build();

    assertThatThrownBy(() -> cloudEvents.read(bare, null))
        .isInstanceOfSatisfying(
            UnreadableMessageException.class, e -> assertThat(e.reason()).isEqualTo("NO_TYPE"));
  }

  @Test
  void theCanonicalCeDashSpellingAndTextValuesAreUnderstoodToo() {
    CaseEvent.CaseOpened opened = Samples.opened("e-1");
    Message<byte[]> message =
        MessageBuilder.withPayload(cloudEvents.toMessage(opened, "c-1", null).getPayload())
            .setHeader("ce-type", "id.aduan.case.opened.v1")
            .build();

    assertThat(CloudEvents.type(message)).hasValue("id.aduan.case.opened.v1");
    assertThat(cloudEvents.read(message, null)).isEqualTo(opened);
  }

  @Test
  void givenUnknownCeType_thenUnreadableWithReasonUnknownTypeNamingIt() {
    Message<byte[]> message =
        MessageBuilder.withPayload(
                cloudEvents.toMessage(Samples.opened("e-1"), "c-1", null).getPayload())
            .setHeader(
                CloudEventHeaders.TYPE, "id.aduan.case.opened.v9".getBytes(StandardCharsets.UTF_8))
            .build();

    assertThatThrownBy(() -> cloudEvents.read(message, CaseEvent.CaseOpened.class))
        .isInstanceOfSatisfying(
            UnreadableMessageException.class,
            e -> {
              assertThat(e.reason()).isEqualTo("UNKNOWN_TYPE");
              assertThat(e.getMessage()).contains("id.aduan.case.opened.v9");
            });
  }

  @ParameterizedTest(name = "[{index}] body \"{0}\"")
  @ValueSource(
      strings = {
        "",
        "null",
        "not json",
        "{\"eventId\":",
        "[1,2,3]",
        "{\"occurredAt\":\"yesterday\"}"
      })
  void givenBodyThatIsNotTheRecord_thenUnreadableWithReasonMalformed(String body) {
    Message<byte[]> message =
        MessageBuilder.withPayload(body.getBytes(StandardCharsets.UTF_8))
            .setHeader(
                CloudEventHeaders.TYPE, "id.aduan.case.opened.v1".getBytes(StandardCharsets.UTF_8))
            .build();

    assertThatThrownBy(() -> cloudEvents.read(message, null))
        .isInstanceOfSatisfying(
            UnreadableMessageException.class,
            e -> {
              assertThat(e.reason()).isEqualTo("MALFORMED");
              assertThat(e.getMessage()).isNotBlank();
            });
  }

  @Test
  void givenSomethingThatIsNotAContractRecord_thenRefusedWhenWriting() {
    assertThatThrownBy(() -> cloudEvents.toMessage("just a string", "k", null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
