package id.aduan.whatsapp.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.aduan.agency.AgencyCatalog;
import id.aduan.contracts.ComplaintReceived;
import id.aduan.contracts.DeliveryReceipt;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The payload corpus under {@code src/test/resources/whatsapp-corpus} (one realistic webhook per
 * message type, batches, unknown types and numbers, missing phone, non-ASCII names, broken input)
 * drives the normalizer: each file with what it must become.
 */
class WhatsAppPayloadCorpusTest {

  private static final Instant NOW = Instant.parse("2026-11-25T01:00:00Z");
  private static final Instant SENT = Instant.ofEpochSecond(1764032400);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final WebhookNormalizer normalizer =
      new WebhookNormalizer(AgencyCatalog.bundled(), Clock.fixed(NOW, ZoneOffset.UTC));

  static Stream<Arguments> singleMessages() {
    return Stream.of(
        one("text.json", "text", m -> assertThat(m.text()).startsWith("Bantuan PKH")),
        one("image.json", "image", m -> assertThat(m.text()).isEqualTo("Foto rumah yang rusak")),
        one("document.json", "document", m -> assertThat(m.text()).isEqualTo("KTP dan KK")),
        one(
            "audio-voice.json",
            "audio",
            m -> assertThat(m.metadata()).containsEntry("voice", "true")),
        one("video.json", "video", m -> assertThat(m.text()).isEqualTo("Video jalan rusak")),
        one(
            "sticker.json",
            "sticker",
            m -> assertThat(m.metadata()).containsEntry("animated", "true")),
        one(
            "location.json",
            "location",
            m ->
                assertThat(m.location())
                    .isEqualTo(
                        new ComplaintReceived.Location(
                            -6.9175, 107.6191, "Balai Kota Bandung", "Jl. Wastukencana No.2"))),
        one(
            "contacts.json",
            "contacts",
            m -> assertThat(m.text()).isEqualTo("Pak RT Ahmad +62 812-0000-1111")),
        one(
            "interactive-button.json",
            "interactive",
            m -> {
              assertThat(m.text()).isEqualTo("Ya, sudah selesai");
              assertThat(m.metadata()).containsEntry("replyId", "btn-ya");
              assertThat(m.inReplyTo()).isEqualTo("wamid.OUT-7");
            }),
        one(
            "interactive-list.json",
            "interactive",
            m -> {
              assertThat(m.text()).isEqualTo("Bantuan sosial PKH");
              assertThat(m.metadata())
                  .containsEntry("replyId", "kat-pkh")
                  .containsEntry("replyDescription", "Program Keluarga Harapan");
            }),
        one(
            "template-button.json",
            "button",
            m -> {
              assertThat(m.text()).isEqualTo("Puas");
              assertThat(m.metadata()).containsEntry("buttonPayload", "SURVEY_PUAS");
              assertThat(m.inReplyTo()).isEqualTo("wamid.OUT-8");
            }),
        one(
            "reaction.json",
            "reaction",
            m -> {
              assertThat(m.text()).isEqualTo("\uD83D\uDC4D");
              assertThat(m.inReplyTo()).isEqualTo("wamid.OUT-9");
              assertThat(m.metadata()).containsEntry("reaction", "added");
            }),
        one(
            "reaction-removed.json",
            "reaction",
            m -> {
              assertThat(m.text()).isNull();
              assertThat(m.metadata()).containsEntry("reaction", "removed");
            }),
        one(
            "unsupported.json",
            "unsupported",
            m -> {
              assertThat(m.text()).isNull();
              assertThat(m.metadata()).containsEntry("errorCode", "131051");
            }),
        one(
            "unknown-type.json",
            "order",
            m -> assertThat(m.metadata()).containsEntry("unknownType", "true")),
        one(
            "context-reply.json",
            "text",
            m -> {
              assertThat(m.inReplyTo()).isEqualTo("wamid.OUT-1");
              assertThat(m.metadata()).containsEntry("contextFrom", "6281221742841");
            }),
        one(
            "context-forwarded.json",
            "text",
            m -> {
              assertThat(m.inReplyTo()).isNull();
              assertThat(m.metadata()).containsEntry("forwarded", "true");
            }),
        one(
            "referral.json",
            "text",
            m ->
                assertThat(m.metadata())
                    .containsEntry("referral.source_url", "https://fb.me/abc")
                    .containsEntry("referral.source_type", "ad")
                    .containsEntry("referral.headline", "Lapor ke Dinsos")
                    .containsEntry("referral.ctwa_clid", "CLID-1")),
        one(
            "missing-phone-user-id.json",
            "text",
            m -> {
              assertThat(m.sender().channelUserId()).isEqualTo("ID.1234567890123456");
              assertThat(m.sender().displayName()).isEqualTo("Warga Tanpa Nomor");
              assertThat(m.metadata()).containsEntry("senderIdKind", "business_scoped_user_id");
            }),
        one(
            "non-ascii-name.json",
            "text",
            m -> assertThat(m.sender().displayName()).isEqualTo("Dewi Ayu Ṡ. 💐 Ñoñó")));
  }

  private static Arguments one(String file, String type, Consumer<ComplaintReceived> check) {
    return Arguments.of(file, type, check);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("singleMessages")
  void eachMessageTypeBecomesOneComplaintWithWhatItCarries(
      String file, String type, Consumer<ComplaintReceived> check) throws IOException {
    WebhookBatch batch = normalizer.normalize(corpus(file));

    assertThat(batch.messages()).hasSize(1);
    assertThat(batch.rejected()).isEmpty();
    ComplaintReceived m = batch.messages().getFirst();
    assertThat(m.messageType()).isEqualTo(type);
    assertThat(m.agencyCode()).isEqualTo("BDG");
    assertThat(m.channelAccountId()).isEqualTo("100000000000001");
    assertThat(m.receivedAt()).isEqualTo(SENT);
    assertThat(m.occurredAt()).isEqualTo(NOW);
    check.accept(m);
  }

  static Stream<Arguments> media() {
    return Stream.of(
        Arguments.of("image.json", "MEDIA-IMG-1", "image/jpeg", "abc123", null),
        Arguments.of("document.json", "MEDIA-DOC-1", "application/pdf", "def456", "berkas.pdf"),
        Arguments.of("audio-voice.json", "MEDIA-AUD-1", "audio/ogg; codecs=opus", "aa", null),
        Arguments.of("video.json", "MEDIA-VID-1", "video/mp4", "bb", null),
        Arguments.of("sticker.json", "MEDIA-STK-1", "image/webp", "cc", null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("media")
  void mediaMessagesAnnounceTheirMediaForDownload(
      String file, String mediaId, String mime, String sha, String fileName) throws IOException {
    WebhookBatch batch = normalizer.normalize(corpus(file));

    String wamid = batch.messages().getFirst().providerMessageId();
    assertThat(batch.mediaOf(wamid))
        .singleElement()
        .satisfies(
            ref -> {
              assertThat(ref.mediaId()).isEqualTo(mediaId);
              assertThat(ref.mimeType()).isEqualTo(mime);
              assertThat(ref.sha256()).isEqualTo(sha);
              assertThat(ref.fileName()).isEqualTo(fileName);
            });
  }

  @Test
  void aBatchOfSeveralEntriesAndChangesIsReadWholeAndRoutedPerNumber() throws IOException {
    WebhookBatch batch = normalizer.normalize(corpus("batched.json"));

    assertThat(batch.messages())
        .extracting(ComplaintReceived::providerMessageId, ComplaintReceived::agencyCode)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("wamid.B1", "BDG"),
            org.assertj.core.groups.Tuple.tuple("wamid.B2", "BABEL"),
            org.assertj.core.groups.Tuple.tuple("wamid.B3", "BTN"),
            org.assertj.core.groups.Tuple.tuple("wamid.B4", "BTN"));
    assertThat(batch.messages().get(0).sender().displayName()).isEqualTo("A");
    assertThat(batch.receipts())
        .singleElement()
        .extracting(DeliveryReceipt::agencyCode)
        .isEqualTo("BABEL");
    assertThat(batch.rejected())
        .singleElement()
        .extracting(WebhookBatch.Rejected::reason)
        .isEqualTo("UNKNOWN_ACCOUNT");
  }

  @Test
  void anUnknownNumberIsRejectedNotTurnedIntoAComplaint() throws IOException {
    WebhookBatch batch = normalizer.normalize(corpus("unknown-number.json"));

    assertThat(batch.messages()).isEmpty();
    assertThat(batch.rejected())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.reason()).isEqualTo("UNKNOWN_ACCOUNT");
              assertThat(r.json()).contains("999999999999999");
            });
  }

  @Test
  void aFieldOtherThanMessagesIsRejectedAsUnsupported() throws IOException {
    assertThat(normalizer.normalize(corpus("account-update-field.json")).rejected())
        .singleElement()
        .extracting(WebhookBatch.Rejected::reason)
        .isEqualTo("UNSUPPORTED_FIELD");
  }

  @Test
  void statusesBecomeReceiptsWithProviderTimeAndErrorCode() throws IOException {
    WebhookBatch batch = normalizer.normalize(corpus("statuses.json"));

    assertThat(batch.receipts())
        .extracting(DeliveryReceipt::status)
        .containsExactly(
            DeliveryReceipt.Status.SENT,
            DeliveryReceipt.Status.DELIVERED,
            DeliveryReceipt.Status.READ,
            DeliveryReceipt.Status.FAILED);
    DeliveryReceipt failed = batch.receipts().get(3);
    assertThat(failed.errorCode()).isEqualTo("131026");
    assertThat(failed.errorMessage()).isEqualTo("Message undeliverable");
    assertThat(failed.providerTime()).isEqualTo(Instant.ofEpochSecond(1764032406));
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("missing-id.json", "id is required"),
        Arguments.of("missing-from.json", "neither from nor from_user_id"),
        Arguments.of("bad-timestamp.json", "timestamp"),
        Arguments.of("unknown-status.json", "unknown status"),
        Arguments.of("wrong-object.json", "whatsapp_business_account"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void missingOrWrongFieldsAreRefusedWithTheirReason(String file, String reason)
      throws IOException {
    JsonNode root = corpus(file);
    assertThatThrownBy(() -> normalizer.normalize(root))
        .isInstanceOf(MalformedWebhookException.class)
        .hasMessageContaining(reason);
  }

  @ParameterizedTest
  @ValueSource(strings = "broken.json")
  void brokenJsonDoesNotParse(String file) {
    assertThatThrownBy(() -> corpus(file)).isInstanceOf(JacksonException.class);
  }

  static JsonNode corpus(String file) throws IOException {
    return JSON.readTree(bytes(file));
  }

  static byte[] bytes(String file) throws IOException {
    try (InputStream in =
        WhatsAppPayloadCorpusTest.class.getResourceAsStream("/whatsapp-corpus/" + file)) {
      if (in == null) {
        throw new IOException("no corpus file " + file);
      }
      return in.readAllBytes();
    }
  }
}
