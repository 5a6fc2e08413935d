package id.aduan.lapor.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import id.aduan.lapor.domain.LaporGateway;
import id.aduan.lapor.domain.LaporReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Both mappers of version 1 over one corpus (src/test/resources/lapor-corpus): every good document
 * exists as JSON and as XML and must read to the same reports; every bad document must end in a
 * {@link LaporProtocolException} that says what is wrong, keeps the answer for the archive and the
 * dead letter, and quotes none of it.
 */
class LaporMapperCorpusTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @ParameterizedTest
  @ValueSource(strings = {"full", "minimal", "unknown-fields", "one-bad-report"})
  void givenTheSameDocumentInJsonAndXml_thenBothMappersReadTheSamePage(String name) {
    LaporGateway.Page fromJson = json(name);
    LaporGateway.Page fromXml = xml(name);

    assertThat(fromXml.reports()).isEqualTo(fromJson.reports()).isNotEmpty();
    assertThat(fromXml.nextCursor()).isEqualTo(fromJson.nextCursor());
    assertThat(fromXml.unreadable())
        .extracting(LaporGateway.Unreadable::reason)
        .isEqualTo(fromJson.unreadable().stream().map(LaporGateway.Unreadable::reason).toList());
    assertThat(fromXml.raw()).isEqualTo(corpus(name + ".xml"));
  }

  @Test
  void theFullDocumentIsReadField_byField_escapesIncluded() {
    LaporReport r = xml("full").reports().getFirst();

    assertThat(r.trackingId()).isEqualTo("LAPOR-2026-0001234");
    assertThat(r.transactionId()).isEqualTo("TRX-99812");
    assertThat(r.version()).isEqualTo(3);
    assertThat(r.content()).endsWith("& belum ada kabar <penting>.");
    assertThat(r.category()).isEqualTo(new LaporReport.Category("101", "Bantuan Sosial"));
    assertThat(r.tags()).containsExactly("pkh", "bpnt");
    assertThat(r.createdAt()).isEqualTo(Instant.parse("2026-03-02T01:00:00Z"));
    assertThat(r.anonymous()).isFalse();
    assertThat(r.confidential()).isTrue();
    assertThat(r.reporter())
        .isEqualTo(
            new LaporReport.Reporter("u-77", "Siti Aminah", "6281234567890", "siti@contoh.test"));
    assertThat(r.location()).isEqualTo(new LaporReport.Location(-5.46, 122.61, "Pasarwajo"));
    assertThat(r.attachments())
        .containsExactly(
            new LaporReport.Attachment(
                "f1", "foto.jpg", "image/jpeg", 48213, "https://lapor.test/files/f1"));
    assertThat(r.dispositions())
        .extracting(LaporReport.Disposition::to)
        .containsExactly("Dinas Sosial");
    assertThat(r.followUps())
        .extracting(LaporReport.FollowUp::author)
        .containsExactly("agency", "reporter");
    assertThat(xml("full").nextCursor()).isEqualTo("50");
  }

  @Test
  void missingOptionalFieldsAreEmptyOrAbsent_neverAnError() {
    LaporReport r = xml("minimal").reports().getFirst();

    assertThat(r.transactionId()).isNull();
    assertThat(r.title()).isEmpty();
    assertThat(r.category()).isNull();
    assertThat(r.reporter()).isNull();
    assertThat(r.location()).isNull();
    assertThat(r.tags()).isEmpty();
    assertThat(r.attachments()).isEmpty();
    assertThat(r.followUps()).isEmpty();
    assertThat(r.anonymous()).isFalse();
    assertThat(xml("minimal").nextCursor()).isNull();
  }

  @Test
  void unknownFieldsAreIgnored_andTheKnownOnesStillRead() {
    LaporReport r = xml("unknown-fields").reports().getFirst();

    assertThat(r.status()).isEqualTo("tunda");
    assertThat(r.anonymous()).isTrue();
    assertThat(r.category()).isEqualTo(new LaporReport.Category("102", "Pungutan Liar"));
    assertThat(r.attachments()).extracting(LaporReport.Attachment::sizeBytes).containsExactly(0L);
  }

  @Test
  void aBrokenReportIsSetAside_withItsReason_andTheRestOfThePageRead() {
    LaporGateway.Page page = xml("one-bad-report");

    assertThat(page.reports()).extracting(LaporReport::trackingId).containsExactly("LAPOR-OK");
    assertThat(page.unreadable())
        .extracting(LaporGateway.Unreadable::reason)
        .containsExactly(
            "'created_at' is not an ISO-8601 instant",
            // An unreadable anonymity flag must not be taken as "not anonymous".
            "'anonymous' is not true or false",
            "a report lacks its version");
  }

  @ParameterizedTest
  @CsvSource({
    "bad-truncated.json, the JSON answer is not well-formed",
    "bad-truncated.xml, the XML answer is not well-formed",
    "bad-xxe.xml, the XML answer is not well-formed",
    "bad-version.json, unsupported LAPOR! api_version '9'",
    "bad-version.xml, unsupported LAPOR! api_version '9'",
    "bad-no-version.xml, unsupported LAPOR! api_version ''",
    "bad-no-data.json, the page has no 'data' array",
    "bad-no-data.xml, the page has no 'data' array",
    "bad-not-an-object.json, the JSON answer is not an object",
  })
  void aBadDocumentIsAClearErrorThatKeepsTheAnswerAndQuotesNoneOfIt(String file, String reason) {
    String raw = corpus(file);

    LaporProtocolException e =
        catchThrowableOfType(
            LaporProtocolException.class,
            () -> {
              if (file.endsWith(".xml")) {
                LaporXmlMapper.readPage(raw);
              } else {
                LaporJsonMapper.readPage(JSON, raw);
              }
            });

    assertThat(e).isNotNull();
    assertThat(e.getMessage()).startsWith(reason).doesNotContain("Siti", "passwd", "LAPOR-");
    assertThat(e.raw()).isEqualTo(raw);
  }

  @Test
  void theTopicTreeReadsAlikeInBothFormats() {
    String jsonTree =
        """
        {"api_version":"1","data":[{"id":"100","name":"Sosial","parent_id":null},
         {"id":"101","name":"Bantuan Sosial","parent_id":"100"}]}""";
    String xmlTree =
        """
        <response api_version="1"><data>
         <topic><id>100</id><name>Sosial</name><parent_id/></topic>
         <topic><id>101</id><name>Bantuan Sosial</name><parent_id>100</parent_id></topic>
        </data></response>""";

    assertThat(LaporXmlMapper.readTopics(xmlTree).topics())
        .isEqualTo(LaporJsonMapper.readTopics(JSON, jsonTree).topics())
        .containsExactly(
            new LaporGateway.Topic("100", "Sosial", null),
            new LaporGateway.Topic("101", "Bantuan Sosial", "100"));
  }

  private static LaporGateway.Page json(String name) {
    return LaporJsonMapper.readPage(JSON, corpus(name + ".json"));
  }

  private static LaporGateway.Page xml(String name) {
    return LaporXmlMapper.readPage(corpus(name + ".xml"));
  }

  private static String corpus(String file) {
    try (InputStream in =
        LaporMapperCorpusTest.class.getResourceAsStream("/lapor-corpus/" + file)) {
      if (in == null) {
        throw new IllegalArgumentException("no corpus file " + file);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
