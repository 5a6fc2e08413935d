package id.aduan.support.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import id.aduan.contracts.CaseEvent;
import id.aduan.contracts.Channel;
import id.aduan.contracts.CloudEventHeaders;
import id.aduan.contracts.ComplaintReceived;
import id.aduan.contracts.DeadLetter;
import id.aduan.contracts.EventTypes;
import id.aduan.contracts.OutboundMessage;
import id.aduan.contracts.ReplyAddress;
import id.aduan.support.pii.PiiCipher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * Personal components of contract records are ciphertext in every body a service writes, decided by
 * the record's schema ({@code @Personal}), while the services read clear values (ADR 0026).
 */
class PersonalFieldsTest {

  static final String NIK = "3273012345670001";
  static final String PHONE = "6281234567890";

  private static PiiCipher cipher(String keyId, int seed) {
    byte[] key = new byte[32];
    byte[] lookup = new byte[32];
    java.util.Arrays.fill(key, (byte) seed);
    java.util.Arrays.fill(lookup, (byte) (seed + 1));
    return new PiiCipher(keyId, Map.of(keyId, key), lookup);
  }

  private final JsonMapper json = JsonMapper.builder().build();
  private final PersonalFields personal = new PersonalFields(cipher("k1", 7), json);
  private final CloudEvents sealed = new CloudEvents(json, "/aduan/test", personal);
  private final CloudEvents clear = new CloudEvents(json, "/aduan/test");

  private static ComplaintReceived complaint(String text) {
    return new ComplaintReceived(
        "e-1",
        Samples.AT,
        "BDG",
        Channel.WHATSAPP,
        "100000000000001",
        "wamid.1",
        new ComplaintReceived.Sender(PHONE, "Siti Aminah", false, false),
        "text",
        "NIK " + NIK,
        text,
        List.of(
            new ComplaintReceived.Attachment(
                "a-1", "image/jpeg", "KTP_" + NIK + ".jpg", 10, null, "g-1", "STORED")),
        new ComplaintReceived.Location(-6.9, 107.6, "Rumah", "Jl. Melati 5"),
        null,
        List.of(),
        Samples.RECEIVED,
        Map.of("fullText", "hubungi " + PHONE),
        null);
  }

  private static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Test
  void personalComponentsLeaveAsCiphertextAndComeBackClear() {
    ComplaintReceived record = complaint("NIK saya " + NIK + ", telepon " + PHONE);

    Message<byte[]> message = sealed.toMessage(record, "BDG:" + PHONE, null);

    String body = utf8(message.getPayload());
    assertThat(body)
        .doesNotContain(NIK)
        .doesNotContain(PHONE)
        .doesNotContain("Siti")
        .doesNotContain("Melati")
        .contains("\"$pii\":\"enc:v1:k1:");
    assertThat(utf8((byte[]) message.getHeaders().get(KafkaHeaders.KEY)))
        .doesNotContain(PHONE)
        .startsWith("key:");
    assertThat(sealed.read(message, null)).isEqualTo(record);
  }

  @Test
  void everyReplyAddressAndOfficerTextOfTheOtherRecordsIsSealedToo() {
    ReplyAddress to = new ReplyAddress(Channel.WHATSAPP, "100000000000001", PHONE);
    CaseEvent.CaseAnswered answered =
        new CaseEvent.CaseAnswered(
            "e-2",
            Samples.AT,
            "c-1",
            "BDG-2026-000001",
            "BDG",
            id.aduan.contracts.CaseStatus.ANSWERED,
            "Untuk NIK " + NIK + " sudah diproses",
            to,
            "officer",
            List.of(to));
    OutboundMessage outbound =
        new OutboundMessage(
            "e-3",
            Samples.AT,
            "BDG",
            "c-1",
            "BDG-2026-000001",
            to,
            "ANSWER",
            "id",
            null,
            "NIK " + NIK,
            new OutboundMessage.Template("answer", "id", List.of("Siti", NIK)),
            null,
            List.of(),
            List.of(),
            false,
            null,
            null);
    DeadLetter dead =
        new DeadLetter(
            "e-4",
            Samples.AT,
            "channel-email",
            Channel.EMAIL,
            "MALFORMED",
            "no body",
            "message/rfc822",
            Base64.getEncoder().encodeToString(("From: x\n\n" + NIK).getBytes()));

    for (Object record : List.of(answered, outbound, dead)) {
      Message<byte[]> message = sealed.toMessage(record, "c-1", null);
      assertThat(utf8(message.getPayload()))
          .as(record.getClass().getSimpleName())
          .doesNotContain(NIK)
          .doesNotContain(PHONE)
          .doesNotContain("Siti")
          .doesNotContain(dead.payloadBase64());
      assertThat(sealed.read(message, null)).isEqualTo(record);
    }
  }

  @Test
  void aClearBodyWrittenBeforeEncryptionIsStillRead() {
    ComplaintReceived record = complaint("jalan rusak");

    Message<byte[]> old = clear.toMessage(record, "k", null);

    assertThat(sealed.read(old, null)).isEqualTo(record);
  }

  @Test
  void citizenTextThatLooksLikeCiphertextStaysText() {
    String lookalike = "enc:v1:k1:AAAA";
    String markerObjectAsText = "{\"$pii\":\"enc:v1:k1:AAAA\"}";

    for (String text : List.of(lookalike, markerObjectAsText)) {
      ComplaintReceived record = complaint(text);
      assertThat(sealed.read(sealed.toMessage(record, "k", null), null)).isEqualTo(record);
      // A clear body (old producer, test) with the look-alike is a string by schema: text.
      assertThat(((ComplaintReceived) sealed.read(clear.toMessage(record, "k", null), null)).text())
          .isEqualTo(text);
    }
  }

  @Test
  void aValueUnderAnUnknownKeyIsUnreadableWithItsOwnReasonNotACrash() {
    CloudEvents otherKeys =
        new CloudEvents(json, "/aduan/test", new PersonalFields(cipher("k2", 9), json));
    Message<byte[]> message = otherKeys.toMessage(complaint("x"), "k", null);

    assertThatThrownBy(() -> sealed.read(message, null))
        .isInstanceOfSatisfying(
            UnreadableMessageException.class,
            e -> assertThat(e.reason()).isEqualTo("UNDECRYPTABLE"))
        .hasMessageNotContaining(PHONE);
  }

  @Test
  void aMarkerThatHoldsNoCiphertextIsRefused() {
    String body =
        utf8(clear.toMessage(complaint("x"), "k", null).getPayload())
            .replace("\"text\":\"x\"", "\"text\":{\"$pii\":\"plain\"}");
    Message<byte[]> message =
        MessageBuilder.withPayload(body.getBytes(StandardCharsets.UTF_8))
            .setHeader(CloudEventHeaders.TYPE, EventTypes.typeOf(ComplaintReceived.class))
            .build();

    assertThatThrownBy(() -> sealed.read(message, null))
        .isInstanceOfSatisfying(
            UnreadableMessageException.class,
            e -> assertThat(e.reason()).isEqualTo("UNDECRYPTABLE"));
  }

  @Test
  void aDeadLetterCopiesTheWholePayloadSealedAndItsDetailToo() {
    List<Message<?>> sent = new ArrayList<>();
    StreamBridge bridge = mock(StreamBridge.class);
    when(bridge.send(anyString(), any()))
        .thenAnswer(
            call -> {
              sent.add(call.getArgument(1));
              return true;
            });
    EventPublisher publisher = new EventPublisher(bridge, sealed, new SimpleMeterRegistry());
    byte[] raw = ("{\"broken\": \"NIK " + NIK + " " + PHONE).getBytes(StandardCharsets.UTF_8);
    Message<byte[]> original =
        MessageBuilder.withPayload(raw)
            .setHeader(CloudEventHeaders.TYPE, EventTypes.typeOf(ComplaintReceived.class))
            .build();

    assertThat(publisher.readOrDeadLetter(original, "complaints.inbound.v1", null)).isEmpty();

    assertThat(sent).hasSize(1);
    Message<?> dead = sent.get(0);
    String body = utf8((byte[]) dead.getPayload());
    String reason = utf8((byte[]) dead.getHeaders().get(CloudEventHeaders.DLQ_REASON));
    assertThat(body).doesNotContain(NIK).doesNotContain(PHONE).startsWith("{\"$pii\":");
    assertThat(reason).startsWith("MALFORMED: enc:v1:k1:").doesNotContain(NIK);
    assertThat(dead.getHeaders()).containsKey(PersonalFields.SEALED_HEADER);
    assertThat(personal.unseal((byte[]) dead.getPayload())).isEqualTo(raw);
  }

  @Test
  void outboxEntriesWaitInTheStoreSealed() {
    Outbox outbox = new Outbox(mock(EventPublisher.class), sealed, json);

    Outbox.Entry entry = outbox.entry("outbound.whatsapp.v1", PHONE, complaint("NIK " + NIK), null);

    assertThat(entry.json()).doesNotContain(NIK).doesNotContain(PHONE);
    assertThat(entry.key()).isEqualTo(sealed.key(PHONE)).doesNotContain(PHONE);
  }
}
