package id.aduan.social.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import id.aduan.agency.AgencyCatalog;
import id.aduan.contracts.Channel;
import id.aduan.contracts.ComplaintReceived;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class MetaWebhookNormalizerTest {

  private static final String BABEL_PAGE = "200000000000002";
  private static final String LBK_IG = "300000000000004";
  private final MetaWebhookNormalizer normalizer =
      new MetaWebhookNormalizer(
          AgencyCatalog.bundled(),
          Clock.fixed(Instant.parse("2026-03-05T04:00:00Z"), ZoneOffset.UTC));
  private final JsonMapper json = JsonMapper.builder().build();

  @Test
  void givenBatchedEntriesOfAPageAndAnInstagramAccount_thenEachIsRoutedToItsAgency() {
    SocialBatch batch =
        normalize(
            "page",
            entry(BABEL_PAGE, event("psid-1", "{\"mid\":\"m_1\",\"text\":\"Bantuan belum cair\"}")),
            entry(BABEL_PAGE, event("psid-2", "{\"mid\":\"m_2\",\"text\":\"Kedua\"}")));
    SocialBatch instagram =
        normalize(
            "instagram", entry(LBK_IG, event("igsid-1", "{\"mid\":\"ig_1\",\"text\":\"Halo\"}")));

    assertThat(batch.messages()).hasSize(2);
    ComplaintReceived first = batch.messages().getFirst().complaint();
    assertThat(first.agencyCode()).isEqualTo("BABEL");
    assertThat(first.channel()).isEqualTo(Channel.FACEBOOK);
    assertThat(first.channelAccountId()).isEqualTo(BABEL_PAGE);
    assertThat(first.providerMessageId()).isEqualTo("m_1");
    assertThat(first.sender().channelUserId()).isEqualTo("psid-1");
    assertThat(first.text()).isEqualTo("Bantuan belum cair");
    assertThat(first.messageType()).isEqualTo("text");
    assertThat(first.receivedAt()).isEqualTo(Instant.parse("2026-03-05T04:00:00Z"));
    ComplaintReceived ig = instagram.messages().getFirst().complaint();
    assertThat(ig.agencyCode()).isEqualTo("LBK");
    assertThat(ig.channel()).isEqualTo(Channel.INSTAGRAM);
  }

  @Test
  void givenAnEchoOfThePagesOwnMessage_thenNoComplaint() {
    SocialBatch batch =
        normalize(
            "page",
            entry(
                BABEL_PAGE,
                event("psid-1", "{\"mid\":\"m_e\",\"text\":\"Balasan\",\"is_echo\":true}")));

    assertThat(batch.messages()).isEmpty();
    assertThat(batch.echoes()).isEqualTo(1);
  }

  @Test
  void givenADeletedAndAnEditedMessage_thenConversationEvents() {
    SocialBatch batch =
        normalize(
            "instagram",
            entry(
                LBK_IG,
                event("igsid-1", "{\"mid\":\"ig_9\",\"is_deleted\":true}"),
                """
                {"sender":{"id":"igsid-1"},"recipient":{"id":"x"},"timestamp":1772683200000,
                 "message_edit":{"mid":"ig_8","text":"teks baru","num_edit":1}}
                """));

    assertThat(batch.messages()).isEmpty();
    assertThat(batch.conversationEvents())
        .extracting(SocialBatch.ConversationEvent::kind, SocialBatch.ConversationEvent::mid)
        .containsExactly(
            tuple(SocialBatch.ConversationEvent.Kind.DELETED, "ig_9"),
            tuple(SocialBatch.ConversationEvent.Kind.EDITED, "ig_8"));
    assertThat(batch.conversationEvents().get(1).newText()).isEqualTo("teks baru");
  }

  @Test
  void givenAQuickReplyThatAnswersAnEarlierMessage_thenPayloadAndInReplyTo() {
    ComplaintReceived c =
        normalize(
                "page",
                entry(
                    BABEL_PAGE,
                    event(
                        "psid-1",
                        "{\"mid\":\"m_3\",\"text\":\"Ya\",\"quick_reply\":{\"payload\":\"CONFIRM_YES\"},\"reply_to\":{\"mid\":\"m_out_1\"}}")))
            .messages()
            .getFirst()
            .complaint();

    assertThat(c.metadata()).containsEntry("quickReplyPayload", "CONFIRM_YES");
    assertThat(c.inReplyTo()).isEqualTo("m_out_1");
    assertThat(c.references()).containsExactly("m_out_1");
  }

  @Test
  void givenAReplyToAStory_thenTheStoryIsNamed() {
    ComplaintReceived c =
        normalize(
                "instagram",
                entry(
                    LBK_IG,
                    event(
                        "igsid-1",
                        "{\"mid\":\"ig_5\",\"text\":\"Ini saya\",\"reply_to\":{\"story\":{\"url\":\"https://cdn.test/story\",\"id\":\"st1\"}}}")))
            .messages()
            .getFirst()
            .complaint();

    assertThat(c.metadata())
        .containsEntry("storyReply", "true")
        .containsEntry("storyUrl", "https://cdn.test/story");
  }

  @Test
  void givenAnImage_aStoryMentionAndASharedPost_thenMediaToFetchAndALinkKept() {
    SocialBatch batch =
        normalize(
            "instagram",
            entry(
                LBK_IG,
                event(
                    "igsid-1",
                    "{\"mid\":\"ig_2\",\"attachments\":[{\"type\":\"image\",\"payload\":{\"url\":\"https://cdn.test/a.jpg\"}}]}"),
                event(
                    "igsid-1",
                    "{\"mid\":\"ig_3\",\"attachments\":[{\"type\":\"story_mention\",\"payload\":{\"url\":\"https://cdn.test/s.mp4\"}}]}"),
                event(
                    "igsid-1",
                    "{\"mid\":\"ig_4\",\"attachments\":[{\"type\":\"share\",\"payload\":{\"url\":\"https://instagram.test/p/1\"}}]}")));

    assertThat(batch.messages().get(0).media())
        .containsExactly(new SocialBatch.RemoteMedia("ig_2#0", "image", "https://cdn.test/a.jpg"));
    assertThat(batch.messages().get(0).complaint().messageType()).isEqualTo("image");
    assertThat(batch.messages().get(1).complaint().messageType()).isEqualTo("story_mention");
    assertThat(batch.messages().get(1).media()).hasSize(1);
    assertThat(batch.messages().get(2).media()).isEmpty();
    assertThat(batch.messages().get(2).complaint().messageType()).isEqualTo("share");
    assertThat(batch.messages().get(2).complaint().metadata())
        .containsEntry("sharedUrl", "https://instagram.test/p/1");
  }

  @Test
  void givenDeliveryAndReadEvents_thenReceipts() {
    SocialBatch batch =
        normalize(
            "page",
            entry(
                BABEL_PAGE,
                """
                {"sender":{"id":"psid-1"},"recipient":{"id":"p"},"timestamp":1772683200000,
                 "delivery":{"mids":["m_out_1","m_out_2"],"watermark":1772683100000}}
                """,
                """
                {"sender":{"id":"psid-1"},"recipient":{"id":"p"},"timestamp":1772683200000,
                 "read":{"watermark":1772683150000}}
                """));

    assertThat(batch.receipts()).hasSize(2);
    assertThat(batch.receipts().get(0).status()).isEqualTo(SocialBatch.Receipt.Status.DELIVERED);
    assertThat(batch.receipts().get(0).mids()).containsExactly("m_out_1", "m_out_2");
    assertThat(batch.receipts().get(1).status()).isEqualTo(SocialBatch.Receipt.Status.READ);
    assertThat(batch.receipts().get(1).watermark()).isEqualTo(Instant.ofEpochMilli(1772683150000L));
  }

  @Test
  void givenAnUnknownPage_anUnknownObjectOrAPostback_thenRejectedWithTheReason() {
    assertThat(
            normalize("page", entry("999", event("psid-1", "{\"mid\":\"m_x\",\"text\":\"x\"}")))
                .rejected())
        .singleElement()
        .extracting(SocialBatch.Rejected::reason)
        .isEqualTo("UNKNOWN_ACCOUNT");
    assertThat(normalize("user", entry(BABEL_PAGE)).rejected())
        .singleElement()
        .extracting(SocialBatch.Rejected::reason)
        .isEqualTo("UNSUPPORTED_OBJECT");
    assertThat(
            normalize(
                    "page",
                    entry(
                        BABEL_PAGE,
                        "{\"sender\":{\"id\":\"psid-1\"},\"postback\":{\"payload\":\"X\"}}"))
                .rejected())
        .singleElement()
        .extracting(SocialBatch.Rejected::reason)
        .isEqualTo("UNSUPPORTED_EVENT");
  }

  @Test
  void givenJsonWithoutEntries_thenMalformed() {
    assertThatThrownBy(() -> normalizer.normalize(json.readTree("{\"object\":\"page\"}")))
        .isInstanceOf(MalformedWebhookException.class);
  }

  private SocialBatch normalize(String object, String... entries) {
    return normalizer.normalize(
        json.readTree(
            "{\"object\":\"" + object + "\",\"entry\":[" + String.join(",", entries) + "]}"));
  }

  static String entry(String id, String... events) {
    return "{\"id\":\""
        + id
        + "\",\"time\":1772683200000,\"messaging\":["
        + String.join(",", events)
        + "]}";
  }

  static String event(String sender, String message) {
    return "{\"sender\":{\"id\":\""
        + sender
        + "\"},\"recipient\":{\"id\":\"acct\"},\"timestamp\":1772683200000,\"message\":"
        + message
        + "}";
  }
}
