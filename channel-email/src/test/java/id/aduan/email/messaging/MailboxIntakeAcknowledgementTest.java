package id.aduan.email.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import id.aduan.contracts.ComplaintReceived;
import id.aduan.contracts.Topics;
import id.aduan.email.client.ImapClient;
import id.aduan.email.client.MailboxSession;
import id.aduan.email.config.EmailTestProperties;
import id.aduan.email.domain.MailParser;
import id.aduan.email.domain.MimeLimits;
import id.aduan.email.domain.SenderAuthentication;
import id.aduan.email.messaging.MailboxIntake.Mailbox;
import id.aduan.email.persistence.Checkpoints;
import id.aduan.email.persistence.MailFiles;
import id.aduan.email.persistence.OutboundMails;
import id.aduan.email.persistence.ProcessedMails;
import id.aduan.support.messaging.CloudEvents;
import id.aduan.support.messaging.EventPublisher;
import id.aduan.support.pii.PiiCipher;
import id.aduan.testsupport.InJvmMongo;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.Flags;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.SimpleMongoClientDatabaseFactory;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.gridfs.GridFsTemplate;
import org.springframework.messaging.Message;
import tools.jackson.databind.json.JsonMapper;

/**
 * The order of effects in one read, with Kafka replaced by a {@link StreamBridge} that does or does
 * not acknowledge, and by a stand-in for the question "is this event on Kafka already?" (the mocks;
 * IMAP is GreenMail, MongoDB the in-JVM server; the real broker is in EmailKafkaOutageTest and
 * EmailIntakeKillTest): without an acknowledgement nothing moves (the dedup key stays PENDING, no
 * checkpoint, no {@code \Seen}); with one, all of them do; and a PENDING mail that Kafka turns out
 * to hold already is finished without being published again.
 */
class MailboxIntakeAcknowledgementTest {

  private static final String MAILBOX = "pengaduan@lbk.aduan.test";
  private final Mailbox mailbox = new Mailbox(MAILBOX, "LBK");

  private GreenMail greenMail;
  private GreenMailUser user;
  private MongoClient client;
  private MongoTemplate mongo;
  private StreamBridge bridge;
  private PublishedEvents published;
  private GridFsTemplate gridFs;
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private MailboxIntake intake;

  @BeforeEach
  void setUp() throws Exception {
    greenMail =
        new GreenMail(
            new ServerSetup[] {new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
    greenMail.start();
    user = greenMail.setUser(MAILBOX, MAILBOX, "rahasia");
    String raw =
        "From: w@warga.test\r\nMessage-ID: <ack@warga.test>\r\nSubject: Keluhan\r\n\r\nisi\r\n";
    user.deliver(
        new MimeMessage(
            Session.getInstance(new Properties()),
            new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))));
    String uri = InJvmMongo.freshDatabaseUri("email-ack");
    client = MongoClients.create(uri.substring(0, uri.lastIndexOf('/')));
    String database = uri.substring(uri.lastIndexOf('/') + 1);
    mongo = new MongoTemplate(client, database);
    gridFs =
        new GridFsTemplate(
            new SimpleMongoClientDatabaseFactory(client, database), mongo.getConverter());
    bridge = mock(StreamBridge.class);
    published = mock(PublishedEvents.class);
    intake = intake(MimeLimits.DEFAULT);
  }

  private MailboxIntake intake(MimeLimits limits) {
    return new MailboxIntake(
        new MailParser(limits),
        new Checkpoints(mongo),
        new ProcessedMails(mongo),
        new MailFiles(gridFs, PiiCipher.demo("test")),
        new OutboundMails(mongo),
        published,
        new EventPublisher(
            bridge, new CloudEvents(JsonMapper.builder().build(), "/aduan/test"), meters),
        meters,
        Clock.fixed(Instant.parse("2026-03-17T02:00:00Z"), ZoneOffset.UTC),
        new SenderAuthentication(List.of("mx.aduan.test"), List.of()));
  }

  @Test
  void anAttachmentOverTheCapIsPublishedAsTooLargeWithoutItsBytesAndCounted() throws Exception {
    String big =
        "From: w@warga.test\r\nMessage-ID: <big@warga.test>\r\nSubject: Foto\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n\r\nFoto jalan terlampir.\r\n--b\r\n"
            + "Content-Type: image/jpeg\r\nContent-Disposition: attachment; filename=jalan.jpg\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\n"
            + java.util.Base64.getMimeEncoder().encodeToString(new byte[4096])
            + "\r\n--b--\r\n";
    user.deliver(
        new MimeMessage(
            Session.getInstance(new Properties()),
            new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))));
    when(bridge.send(anyString(), any(Message.class))).thenReturn(true);

    try (MailboxSession session = imap().open(MAILBOX, "rahasia")) {
      assertThat(
              intake(new MimeLimits(100, 8, 1_000_000, 1024))
                  .readOnce(session, mailbox, 10, () -> true))
          .isEqualTo(2);
    }

    ArgumentCaptor<Message<byte[]>> sent = ArgumentCaptor.forClass(Message.class);
    verify(bridge, times(2)).send(anyString(), sent.capture());
    ComplaintReceived complaint =
        sent.getAllValues().stream()
            .map(
                m ->
                    JsonMapper.builder().build().readValue(m.getPayload(), ComplaintReceived.class))
            .filter(c -> c.providerMessageId().equals("<big@warga.test>"))
            .findFirst()
            .orElseThrow();
    assertThat(complaint.text()).isEqualTo("Foto jalan terlampir.");
    assertThat(complaint.attachments())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.status()).isEqualTo("TOO_LARGE");
              assertThat(a.storageRef()).isNull();
              // Its own id, not its place in the mail, which another mail's file shares.
              assertThat(a.attachmentId()).doesNotStartWith("part-").hasSize(36);
              assertThat(a.fileName()).isEqualTo("jalan.jpg");
              assertThat(a.sizeBytes()).isGreaterThan(1024);
            });
    assertThat(
            meters
                .get("aduan.inbound.messages")
                .tags("outcome", "attachment", "reason", "too_large")
                .counter()
                .count())
        .isEqualTo(1.0);
  }

  @Test
  void theReceivingServersAuthenticationResultsSayWhetherTheFromIsTheSenders() throws Exception {
    // Ours (mx.aduan.test) says the DMARC check passed; a header the sender wrote claims the same
    // from another server, and counts for nothing; ours says SPF failed.
    deliver(
        "<auth-pass@warga.test>",
        "Authentication-Results: mx.aduan.test; dmarc=pass"
            + " (p=none) header.from=warga.test\r\n");
    deliver(
        "<auth-forged@warga.test>",
        "Authentication-Results: mx.elsewhere.test; dmarc=pass" + " header.from=warga.test\r\n");
    deliver(
        "<auth-fail@warga.test>",
        "Authentication-Results: mx.aduan.test;" + " spf=fail smtp.mailfrom=w@warga.test\r\n");
    when(bridge.send(anyString(), any(Message.class))).thenReturn(true);

    try (MailboxSession session = imap().open(MAILBOX, "rahasia")) {
      // With the mail of setUp, which carries no header at all.
      assertThat(intake.readOnce(session, mailbox, 10, () -> true)).isEqualTo(4);
    }

    ArgumentCaptor<Message<byte[]>> sent = ArgumentCaptor.forClass(Message.class);
    verify(bridge, times(4)).send(anyString(), sent.capture());
    java.util.Map<String, String> verdicts = new java.util.HashMap<>();
    for (Message<byte[]> m : sent.getAllValues()) {
      ComplaintReceived c =
          JsonMapper.builder().build().readValue(m.getPayload(), ComplaintReceived.class);
      verdicts.put(c.providerMessageId(), c.metadata().get("senderAuthenticated"));
    }
    assertThat(verdicts)
        .containsEntry("<auth-pass@warga.test>", "true")
        .containsEntry("<auth-forged@warga.test>", "unknown")
        .containsEntry("<auth-fail@warga.test>", "false")
        .containsEntry("<ack@warga.test>", "unknown");
    assertThat(
            meters
                .get("aduan.email.senders")
                .tags("authenticated", "unknown", "basis", "none")
                .counter()
                .count())
        .isEqualTo(2.0);
  }

  private void deliver(String messageId, String headers) throws Exception {
    String mail =
        "From: w@warga.test\r\nMessage-ID: "
            + messageId
            + "\r\n"
            + headers
            + "Subject: BDG-2026-000039\r\n\r\nTolong dibuka lagi.\r\n";
    user.deliver(
        new MimeMessage(
            Session.getInstance(new Properties()),
            new ByteArrayInputStream(mail.getBytes(StandardCharsets.UTF_8))));
  }

  @AfterEach
  void tearDown() {
    client.close();
    greenMail.stop();
  }

  @Test
  void withoutAnAcknowledgementNothingAdvancesAndWithOneEverythingDoes() throws Exception {
    when(bridge.send(anyString(), any(Message.class))).thenReturn(false);
    try (MailboxSession session = imap().open(MAILBOX, "rahasia")) {
      assertThatThrownBy(() -> intake.readOnce(session, mailbox, 10, () -> true))
          .isInstanceOf(EventPublisher.PublishFailedException.class);
    }
    assertThat(processedState()).isEqualTo("PENDING");
    assertThat(mongo.count(new Query(), "mailbox_checkpoints")).isZero();
    assertThat(inbox()).noneMatch(m -> m.isSet(Flags.Flag.SEEN));

    when(bridge.send(anyString(), any(Message.class))).thenReturn(true);
    try (MailboxSession session = imap().open(MAILBOX, "rahasia")) {
      assertThat(intake.readOnce(session, mailbox, 10, () -> true)).isEqualTo(1);
    }
    assertThat(processedState()).isEqualTo("DONE");
    assertThat(mongo.findAll(org.bson.Document.class, "mailbox_checkpoints"))
        .singleElement()
        .satisfies(d -> assertThat(((Number) d.get("lastUid")).longValue()).isPositive());
    assertThat(inbox()).allMatch(m -> m.isSet(Flags.Flag.SEEN));
    // Both attempts carried the event id recorded before the first one.
    ArgumentCaptor<Message<?>> sent = ArgumentCaptor.forClass(Message.class);
    verify(bridge, times(2)).send(anyString(), sent.capture());
    assertThat(sent.getAllValues())
        .extracting(m -> new String((byte[]) m.getHeaders().get("ce_id"), StandardCharsets.UTF_8))
        .containsOnly(firstEventId);
  }

  @Test
  void aPendingMailThatKafkaAlreadyHoldsIsFinishedWithoutPublishingAgain() throws Exception {
    // The first read's publication reached Kafka, but its acknowledgement did not come back.
    when(bridge.send(anyString(), any(Message.class))).thenReturn(false);
    try (MailboxSession session = imap().open(MAILBOX, "rahasia")) {
      assertThatThrownBy(() -> intake.readOnce(session, mailbox, 10, () -> true))
          .isInstanceOf(EventPublisher.PublishFailedException.class);
    }
    when(published.contains(eq(Topics.COMPLAINTS_INBOUND), eq(pendingEventId()), any()))
        .thenReturn(true);

    try (MailboxSession session = imap().open(MAILBOX, "rahasia")) {
      assertThat(intake.readOnce(session, mailbox, 10, () -> true)).isEqualTo(1);
    }

    verify(bridge, times(1)).send(anyString(), any(Message.class));
    assertThat(processedState()).isEqualTo("DONE");
    assertThat(inbox()).allMatch(m -> m.isSet(Flags.Flag.SEEN));
  }

  private String firstEventId;

  private String pendingEventId() {
    return mongo
        .findAll(org.bson.Document.class, "processed_mails")
        .getFirst()
        .getString("eventId");
  }

  private String processedState() {
    List<org.bson.Document> keys = mongo.findAll(org.bson.Document.class, "processed_mails");
    assertThat(keys).hasSize(1);
    if (firstEventId == null) {
      firstEventId = keys.getFirst().getString("eventId");
    }
    return keys.getFirst().getString("state");
  }

  private List<StoredMessage> inbox() throws Exception {
    return greenMail.getManagers().getImapHostManager().getInbox(user).getMessages();
  }

  /**
   * Issue 21 (the EmailIntakeKillTest "hang"): a read that dies after the mail is on Kafka and its
   * key DONE, but before the mail is flagged (a SIGKILL, a cut connection), must leave the flag to
   * the next read. When the checkpoint passed the mail first, the next read started after it and
   * the mail stayed unflagged for good (the kill test then waited for its 300th \Seen until it
   * timed out, its child idle).
   */
  @Test
  void aReadCutBeforeTheSeenFlagLeavesTheFlagToTheNextReadWithoutPublishingAgain()
      throws Exception {
    when(bridge.send(anyString(), any(Message.class))).thenReturn(true);
    try (MailboxSession session = imap().open(MAILBOX, "rahasia")) {
      MailboxSession cut = spy(session);
      doThrow(new jakarta.mail.MessagingException("connection cut"))
          .when(cut)
          .markProcessed(anyLong());
      assertThatThrownBy(() -> intake.readOnce(cut, mailbox, 10, () -> true))
          .isInstanceOf(jakarta.mail.MessagingException.class);
    }
    assertThat(inbox()).noneMatch(m -> m.isSet(Flags.Flag.SEEN));

    try (MailboxSession session = imap().open(MAILBOX, "rahasia")) {
      intake.readOnce(session, mailbox, 10, () -> true);
    }

    assertThat(inbox()).isNotEmpty().allMatch(m -> m.isSet(Flags.Flag.SEEN));
    verify(bridge, times(1)).send(anyString(), any(Message.class));
  }

  private ImapClient imap() {
    return new ImapClient(
        EmailTestProperties.with(EmailTestProperties.imap(greenMail.getImap().getPort())));
  }
}
