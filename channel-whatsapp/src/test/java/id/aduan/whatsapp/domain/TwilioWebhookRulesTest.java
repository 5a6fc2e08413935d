package id.aduan.whatsapp.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.aduan.agency.AgencyCatalog;
import id.aduan.contracts.ComplaintReceived;
import id.aduan.contracts.DeliveryReceipt;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Twilio's signature and form parameters, as plain rules. */
class TwilioWebhookRulesTest {

  private static final Instant NOW = Instant.parse("2026-11-25T01:00:00Z");
  private final TwilioNormalizer normalizer =
      new TwilioNormalizer(AgencyCatalog.bundled(), Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void theSignatureMatchesTwiliosPublishedExample() {
    // Twilio's own example (TwilioDevEd/api-snippets, security/signature_validation).
    Map<String, List<String>> params = new LinkedHashMap<>();
    params.put("CallSid", List.of("CA1234567890ABCDE"));
    params.put("Caller", List.of("+14158675310"));
    params.put("Digits", List.of("1234"));
    params.put("From", List.of("+14158675310"));
    params.put("To", List.of("+18005551212"));
    TwilioSignature signature = new TwilioSignature("12345");
    String url = "https://mycompany.com/myapp.php?foo=1&bar=2";

    assertThat(signature.verify(url, params, "GvWf1cFY/Q7PnoempGyD5oXAezc=")).isTrue();
    assertThat(
            signature.verify(
                "http://mycompany.com/myapp.php?foo=1&bar=2",
                params,
                "GvWf1cFY/Q7PnoempGyD5oXAezc="))
        .as("another URL")
        .isFalse();
    Map<String, List<String>> extra = new LinkedHashMap<>(params);
    extra.put("Unknown", List.of("x"));
    assertThat(signature.verify(url, extra, "GvWf1cFY/Q7PnoempGyD5oXAezc="))
        .as("an added parameter is signed too")
        .isFalse();
    assertThat(signature.verify(url, params, null)).isFalse();
  }

  private static Map<String, String> incoming(String to) {
    Map<String, String> p = new HashMap<>();
    p.put("MessageSid", "SM0001");
    p.put("AccountSid", "AC1");
    p.put("From", "whatsapp:+6281234567890");
    p.put("To", to);
    p.put("WaId", "6281234567890");
    p.put("ProfileName", "Ibu Ṡiti");
    p.put("SmsStatus", "received");
    p.put("NumMedia", "0");
    p.put("Body", "Bantuan belum cair");
    return p;
  }

  @Test
  void aTextMessageIsRoutedByTheToNumberWithTheProfileName() {
    WebhookBatch batch = normalizer.normalize(incoming("whatsapp:+6281221742841"));

    ComplaintReceived m = batch.messages().getFirst();
    assertThat(m.agencyCode()).isEqualTo("BDG");
    assertThat(m.channelAccountId()).isEqualTo("100000000000001");
    assertThat(m.providerMessageId()).isEqualTo("SM0001");
    assertThat(m.sender().channelUserId()).isEqualTo("6281234567890");
    assertThat(m.sender().displayName()).isEqualTo("Ibu Ṡiti");
    assertThat(m.text()).isEqualTo("Bantuan belum cair");
    assertThat(m.messageType()).isEqualTo("text");
  }

  @Test
  void mediaUrlsAreAnnouncedForDownloadAndGiveTheType() {
    Map<String, String> p = incoming("whatsapp:+6281221742841");
    p.put("NumMedia", "2");
    p.put("MediaUrl0", "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/SM0001/Media/ME0");
    p.put("MediaContentType0", "image/jpeg");
    p.put("MediaUrl1", "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/SM0001/Media/ME1");
    p.put("MediaContentType1", "application/pdf");

    WebhookBatch batch = normalizer.normalize(p);

    assertThat(batch.messages().getFirst().messageType()).isEqualTo("image");
    assertThat(batch.mediaOf("SM0001"))
        .extracting(WebhookBatch.MediaRef::kind, WebhookBatch.MediaRef::url)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("image", p.get("MediaUrl0")),
            org.assertj.core.groups.Tuple.tuple("document", p.get("MediaUrl1")));
  }

  @Test
  void locationAndButtonRepliesAndRepliesToEarlierMessagesAreKept() {
    Map<String, String> location = incoming("whatsapp:+6281221742841");
    location.put("Latitude", "-6.9175");
    location.put("Longitude", "107.6191");
    location.put("Label", "Balai Kota");
    Map<String, String> button = incoming("whatsapp:+6281221742841");
    button.put("ButtonText", "Puas");
    button.put("ButtonPayload", "SURVEY_PUAS");
    button.put("OriginalRepliedMessageSid", "SM0000");

    ComplaintReceived l = normalizer.normalize(location).messages().getFirst();
    ComplaintReceived b = normalizer.normalize(button).messages().getFirst();

    assertThat(l.location())
        .isEqualTo(new ComplaintReceived.Location(-6.9175, 107.6191, "Balai Kota", null));
    assertThat(b.messageType()).isEqualTo("button");
    assertThat(b.text()).isEqualTo("Puas");
    assertThat(b.metadata()).containsEntry("buttonPayload", "SURVEY_PUAS");
    assertThat(b.inReplyTo()).isEqualTo("SM0000");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "sent, SENT",
    "delivered, DELIVERED",
    "read, READ",
    "failed, FAILED",
    "undelivered, FAILED"
  })
  void statusCallbacksBecomeReceipts(String twilioStatus, DeliveryReceipt.Status status) {
    Map<String, String> p = new HashMap<>();
    p.put("MessageSid", "SM0009");
    p.put("MessageStatus", twilioStatus);
    p.put("From", "whatsapp:+6281221742841");
    p.put("To", "whatsapp:+6281234567890");
    p.put("ErrorCode", "63016");

    DeliveryReceipt r = normalizer.normalize(p).receipts().getFirst();

    assertThat(r.status()).isEqualTo(status);
    assertThat(r.providerMessageId()).isEqualTo("SM0009");
    assertThat(r.errorCode()).isEqualTo("63016");
  }

  @Test
  void anUnknownNumberIsRejectedAndAMissingSidIsMalformed() {
    assertThat(normalizer.normalize(incoming("whatsapp:+10000000000")).rejected())
        .singleElement()
        .extracting(WebhookBatch.Rejected::reason)
        .isEqualTo("UNKNOWN_ACCOUNT");
    Map<String, String> noSid = incoming("whatsapp:+6281221742841");
    noSid.remove("MessageSid");
    assertThatThrownBy(() -> normalizer.normalize(noSid))
        .isInstanceOf(MalformedWebhookException.class)
        .hasMessageContaining("MessageSid");
  }

  @ParameterizedTest(name = "HTTP {0} code {1}: {2}")
  @CsvSource({
    "400, 63016, USE_TEMPLATE",
    "401, 20003, TOKEN_INVALID",
    "429, 20429, RETRY",
    "503, , RETRY",
    "400, 21211, FINAL"
  })
  void twilioErrorsAreClassified(int status, Integer code, SendFailure expected) {
    assertThat(SendFailure.classifyTwilio(status, code)).isEqualTo(expected);
  }
}
