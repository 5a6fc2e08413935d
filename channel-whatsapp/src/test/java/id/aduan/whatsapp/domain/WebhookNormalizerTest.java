package id.aduan.whatsapp.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import id.aduan.agency.AgencyCatalog;
import id.aduan.contracts.Channel;
import id.aduan.contracts.ComplaintReceived;
import id.aduan.contracts.DeliveryReceipt;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

class WebhookNormalizerTest {

  /** Bandung's and Buton's numbers in the bundled demo agencies. */
  private static final String BDG_NUMBER = "100000000000001";

  private static final String BTN_NUMBER = "100000000000003";
  private static final Instant NOW = Instant.parse("2026-11-20T03:00:00Z");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final WebhookNormalizer normalizer =
      new WebhookNormalizer(AgencyCatalog.bundled(), Clock.fixed(NOW, ZoneOffset.UTC));

  private WebhookBatch normalize(String json) {
    return normalizer.normalize(JSON.readTree(json));
  }

  private static String webhook(String... changes) {
    return """
        {"object":"whatsapp_business_account","entry":[{"id":"WABA-1","changes":[%s]}]}
        """
        .formatted(String.join(",", changes));
  }

  private static String messagesChange(String numberId, String contacts, String messages) {
    return """
        {"field":"messages","value":{"messaging_product":"whatsapp",
         "metadata":{"display_phone_number":"6281221742841","phone_number_id":"%s"},
         "contacts":[%s],"messages":[%s]}}
        """
        .formatted(numberId, contacts, messages);
  }

  private static String contact(String waId, String name) {
    return """
        {"profile":{"name":"%s"},"wa_id":"%s"}"""
        .formatted(name, waId);
  }

  private static String textMessage(String wamid, String from, String body) {
    return """
        {"from":"%s","id":"%s","timestamp":"1763607600","type":"text","text":{"body":"%s"}}"""
        .formatted(from, wamid, body);
  }

  @Test
  void givenTextMessage_thenOneComplaintForTheAgencyOwningTheNumber() {
    WebhookBatch batch =
        normalize(
            webhook(
                messagesChange(
                    BDG_NUMBER,
                    contact("6281234567890", "Siti Aminah"),
                    textMessage("wamid.A1", "6281234567890", "Bantuan PKH belum cair"))));

    assertThat(batch.receipts()).isEmpty();
    assertThat(batch.rejected()).isEmpty();
    assertThat(batch.messages()).hasSize(1);
    ComplaintReceived m = batch.messages().getFirst();
    assertThat(m.agencyCode()).isEqualTo("BDG");
    assertThat(m.channel()).isEqualTo(Channel.WHATSAPP);
    assertThat(m.channelAccountId()).isEqualTo(BDG_NUMBER);
    assertThat(m.providerMessageId()).isEqualTo("wamid.A1");
    assertThat(m.sender())
        .isEqualTo(new ComplaintReceived.Sender("6281234567890", "Siti Aminah", false, false));
    assertThat(m.messageType()).isEqualTo("text");
    assertThat(m.text()).isEqualTo("Bantuan PKH belum cair");
    assertThat(m.receivedAt()).isEqualTo(Instant.ofEpochSecond(1763607600L));
    assertThat(m.occurredAt()).isEqualTo(NOW);
    assertThat(m.inReplyTo()).isNull();
    assertThat(m.eventId()).isNotBlank();
  }

  @ParameterizedTest(name = "[{index}] {0} -> \"{2}\"")
  @CsvSource(
      delimiter = '|',
      nullValues = "NULL",
      value = {
        "text | \"text\":{\"body\":\"Jalan rusak\"} | Jalan rusak",
        "image | \"image\":{\"id\":\"MEDIA1\",\"mime_type\":\"image/jpeg\",\"caption\":\"Foto jalan\"} | Foto jalan",
        "video | \"video\":{\"id\":\"MEDIA2\",\"caption\":\"Video banjir\"} | Video banjir",
        "document | \"document\":{\"id\":\"MEDIA3\",\"filename\":\"ktp.pdf\",\"caption\":\"KTP saya\"} | KTP saya",
        "image | \"image\":{\"id\":\"MEDIA4\",\"mime_type\":\"image/jpeg\"} | NULL",
        "button | \"button\":{\"payload\":\"YA\",\"text\":\"Ya, benar\"} | Ya, benar",
        "interactive | \"interactive\":{\"type\":\"button_reply\",\"button_reply\":{\"id\":\"b1\",\"title\":\"Lanjutkan\"}} | Lanjutkan",
        "interactive | \"interactive\":{\"type\":\"list_reply\",\"list_reply\":{\"id\":\"l2\",\"title\":\"Bantuan sosial\",\"description\":\"PKH, BPNT\"}} | Bantuan sosial",
        "location | \"location\":{\"latitude\":-6.9,\"longitude\":107.6} | NULL",
        "sticker | \"sticker\":{\"id\":\"MEDIA5\"} | NULL"
      })
  void theTextOfEachMessageTypeIsWhatTheCitizenTypedOrChose(
      String type, String part, String expectedText) {
    String message =
        """
        {"from":"6281234567890","id":"wamid.T","timestamp":"1763607600","type":"%s",%s}"""
            .formatted(type, part);

    WebhookBatch batch = normalize(webhook(messagesChange(BDG_NUMBER, "", message)));

    assertThat(batch.messages())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.messageType()).isEqualTo(type);
              assertThat(m.text()).isEqualTo(expectedText);
            });
  }

  @Test
  void givenSeveralEntriesAndChanges_thenEveryMessageIsReadAndRoutedToItsOwnAgency() {
    String json =
        """
        {"object":"whatsapp_business_account","entry":[
          {"id":"WABA-1","changes":[%s]},
          {"id":"WABA-2","changes":[%s,%s]}]}
        """
            .formatted(
                messagesChange(BDG_NUMBER, "", textMessage("wamid.E1", "6281111111111", "satu")),
                messagesChange(
                    BTN_NUMBER,
                    "",
                    textMessage("wamid.E2", "6282222222222", "dua")
                        + ","
                        + textMessage("wamid.E3", "6283333333333", "tiga")),
                messagesChange(BDG_NUMBER, "", textMessage("wamid.E4", "6284444444444", "empat")));

    WebhookBatch batch = normalize(json);

    assertThat(batch.messages())
        .extracting(ComplaintReceived::providerMessageId, ComplaintReceived::agencyCode)
        .containsExactly(
            tuple("wamid.E1", "BDG"),
            tuple("wamid.E2", "BTN"),
            tuple("wamid.E3", "BTN"),
            tuple("wamid.E4", "BDG"));
    assertThat(batch.messages()).extracting(ComplaintReceived::eventId).doesNotHaveDuplicates();
  }

  @Test
  void theProfileNameComesFromTheContactWithTheSameWaId() {
    WebhookBatch batch =
        normalize(
            webhook(
                messagesChange(
                    BDG_NUMBER,
                    contact("6281111111111", "Asep") + "," + contact("6282222222222", "Euis"),
                    textMessage("wamid.N1", "6282222222222", "halo")
                        + ","
                        + textMessage("wamid.N2", "6289999999999", "tanpa kontak"))));

    assertThat(batch.messages())
        .extracting(m -> m.sender().displayName())
        .containsExactly("Euis", null);
  }

  @Test
  void givenNoPhoneNumber_thenTheSenderIsTheBusinessScopedUserIdWithItsProfileName() {
    String contacts =
        """
        {"profile":{"name":"Wa Ode"},"user_id":"ID.1234567890abcdef"}""";
    String message =
        """
        {"from_user_id":"ID.1234567890abcdef","id":"wamid.U1","timestamp":"1763607600",
         "type":"text","text":{"body":"nomor saya disembunyikan"}}""";

    WebhookBatch batch = normalize(webhook(messagesChange(BTN_NUMBER, contacts, message)));

    assertThat(batch.messages())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.agencyCode()).isEqualTo("BTN");
              assertThat(m.sender().channelUserId()).isEqualTo("ID.1234567890abcdef");
              assertThat(m.sender().displayName()).isEqualTo("Wa Ode");
            });
  }

  @Test
  void givenAReplyToAnEarlierMessage_thenItsIdIsKeptForThreading() {
    String message =
        """
        {"from":"6281234567890","id":"wamid.R2","timestamp":"1763607600","type":"text",
         "context":{"from":"6281221742841","id":"wamid.OUT1"},"text":{"body":"ini jawabannya"}}""";

    WebhookBatch batch = normalize(webhook(messagesChange(BDG_NUMBER, "", message)));

    assertThat(batch.messages())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.inReplyTo()).isEqualTo("wamid.OUT1");
              assertThat(m.metadata()).containsEntry("contextFrom", "6281221742841");
            });
  }

  @Test
  void givenNoTimestamp_thenReceivedNowByTheInjectedClock() {
    String message =
        """
        {"from":"6281234567890","id":"wamid.NT","type":"text","text":{"body":"x"}}""";

    WebhookBatch batch = normalize(webhook(messagesChange(BDG_NUMBER, "", message)));

    assertThat(batch.messages())
        .singleElement()
        .extracting(ComplaintReceived::receivedAt)
        .isEqualTo(NOW);
  }

  @Test
  void givenUnknownPhoneNumberId_thenRejectedAsUnknownAccountAndNothingPublished() {
    String change =
        messagesChange("999999999999999", "", textMessage("wamid.X1", "6281234567890", "nyasar"));

    WebhookBatch batch = normalize(webhook(change));

    assertThat(batch.messages()).isEmpty();
    assertThat(batch.receipts()).isEmpty();
    assertThat(batch.rejected())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.reason()).isEqualTo("UNKNOWN_ACCOUNT");
              assertThat(r.json()).contains("wamid.X1").contains("999999999999999");
            });
  }

  @Test
  void givenUnknownNumberBesideAKnownOne_thenOnlyTheUnknownChangeIsRejected() {
    WebhookBatch batch =
        normalize(
            webhook(
                messagesChange("999999999999999", "", textMessage("wamid.X2", "628111", "a")),
                messagesChange(BDG_NUMBER, "", textMessage("wamid.K2", "628222", "b"))));

    assertThat(batch.messages())
        .extracting(ComplaintReceived::providerMessageId)
        .containsExactly("wamid.K2");
    assertThat(batch.rejected())
        .extracting(WebhookBatch.Rejected::reason)
        .containsExactly("UNKNOWN_ACCOUNT");
  }

  @ParameterizedTest
  @ValueSource(strings = {"account_update", "message_template_status_update", "security"})
  void givenFieldOtherThanMessages_thenRejectedAsUnsupportedEvenForAKnownNumber(String field) {
    String change =
        """
        {"field":"%s","value":{"metadata":{"phone_number_id":"%s"},"event":"VERIFIED_ACCOUNT"}}"""
            .formatted(field, BDG_NUMBER);

    WebhookBatch batch = normalize(webhook(change));

    assertThat(batch.messages()).isEmpty();
    assertThat(batch.rejected())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.reason()).isEqualTo("UNSUPPORTED_FIELD");
              assertThat(r.detail()).contains(field);
            });
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource({"sent, SENT", "delivered, DELIVERED", "read, READ"})
  void givenStatus_thenADeliveryReceiptOfThatStatus(
      String status, DeliveryReceipt.Status expected) {
    String change =
        """
        {"field":"messages","value":{"metadata":{"phone_number_id":"%s"},
         "statuses":[{"id":"wamid.OUT7","status":"%s","timestamp":"1763607700","recipient_id":"6281234567890"}]}}"""
            .formatted(BDG_NUMBER, status);

    WebhookBatch batch = normalize(webhook(change));

    assertThat(batch.messages()).isEmpty();
    assertThat(batch.receipts())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.status()).isEqualTo(expected);
              assertThat(r.providerMessageId()).isEqualTo("wamid.OUT7");
              assertThat(r.agencyCode()).isEqualTo("BDG");
              assertThat(r.channel()).isEqualTo(Channel.WHATSAPP);
              assertThat(r.providerTime()).isEqualTo(Instant.ofEpochSecond(1763607700L));
              assertThat(r.errorCode()).isNull();
            });
  }

  @Test
  void givenFailedStatus_thenTheReceiptCarriesMetasErrorCodeAndTitle() {
    String change =
        """
        {"field":"messages","value":{"metadata":{"phone_number_id":"%s"},
         "statuses":[{"id":"wamid.OUT8","status":"failed","timestamp":"1763607800","recipient_id":"6281234567890",
           "errors":[{"code":131047,"title":"Re-engagement message","message":"Re-engagement message"}]}]}}"""
            .formatted(BDG_NUMBER);

    WebhookBatch batch = normalize(webhook(change));

    assertThat(batch.receipts())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.status()).isEqualTo(DeliveryReceipt.Status.FAILED);
              assertThat(r.errorCode()).isEqualTo("131047");
              assertThat(r.errorMessage()).isEqualTo("Re-engagement message");
            });
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "wrong object | {\"object\":\"page\",\"entry\":[]}",
        "no object | {\"entry\":[]}",
        "entry not an array | {\"object\":\"whatsapp_business_account\",\"entry\":{}}",
        "message without id | {\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":[{\"field\":\"messages\",\"value\":{\"metadata\":{\"phone_number_id\":\"100000000000001\"},\"messages\":[{\"from\":\"628\",\"type\":\"text\",\"text\":{\"body\":\"x\"}}]}}]}]}",
        "message without sender | {\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":[{\"field\":\"messages\",\"value\":{\"metadata\":{\"phone_number_id\":\"100000000000001\"},\"messages\":[{\"id\":\"wamid.M\",\"type\":\"text\",\"text\":{\"body\":\"x\"}}]}}]}]}",
        "timestamp not epoch seconds | {\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":[{\"field\":\"messages\",\"value\":{\"metadata\":{\"phone_number_id\":\"100000000000001\"},\"messages\":[{\"id\":\"wamid.M\",\"from\":\"628\",\"timestamp\":\"yesterday\",\"type\":\"text\"}]}}]}]}",
        "unknown status | {\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":[{\"field\":\"messages\",\"value\":{\"metadata\":{\"phone_number_id\":\"100000000000001\"},\"statuses\":[{\"id\":\"wamid.S\",\"status\":\"exploded\"}]}}]}]}",
        "status without id | {\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":[{\"field\":\"messages\",\"value\":{\"metadata\":{\"phone_number_id\":\"100000000000001\"},\"statuses\":[{\"status\":\"read\"}]}}]}]}"
      })
  void givenMalformedWebhook_thenMalformedWebhookException(String why, String json) {
    assertThatThrownBy(() -> normalize(json)).isInstanceOf(MalformedWebhookException.class);
  }
}
