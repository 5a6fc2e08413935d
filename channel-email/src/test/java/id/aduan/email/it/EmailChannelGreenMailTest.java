package id.aduan.email.it;

import static id.aduan.email.it.MailKit.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import id.aduan.contracts.Channel;
import id.aduan.contracts.ComplaintReceived;
import id.aduan.contracts.DeadLetter;
import id.aduan.contracts.DeliveryReceipt;
import id.aduan.contracts.OutboundMessage;
import id.aduan.contracts.ReplyAddress;
import id.aduan.contracts.Topics;
import id.aduan.email.EmailChannelApplication;
import id.aduan.testsupport.AduanKafka;
import id.aduan.testsupport.AduanService;
import id.aduan.testsupport.TopicProbe;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.Flags;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * channel-email against GreenMail (IMAP with IDLE, SMTP) in the JVM, the in-JVM KRaft broker and
 * the MongoDB-protocol server, through a TCP relay the test can cut. The poll interval is an hour,
 * so every mail that arrives during a test was found through IDLE (or the read that follows a
 * reconnect), never through the backstop poll.
 */
@AduanKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmailChannelGreenMailTest {

  private static final String PASSWORD = "rahasia";
  private static final List<String> MAILBOXES =
      List.of(
          "pengaduan@bdg.aduan.test",
          "pengaduan@babel.aduan.test",
          "pengaduan@btn.aduan.test",
          "pengaduan@lbk.aduan.test",
          "pengaduan@psr.aduan.test");

  private static final GreenMail greenMail = startGreenMail();
  private static final DroppableProxy imapRelay = relay(greenMail.getImap().getPort());
  private static final DroppableProxy smtpRelay = relay(greenMail.getSmtp().getPort());

  @RegisterExtension
  static final AduanService app =
      AduanService.of(EmailChannelApplication::builder, "email-greenmail")
          .property("aduan.email.imap.port", () -> imapRelay.port())
          .property("aduan.email.smtp.port", () -> smtpRelay.port())
          .property("aduan.email.default-password", PASSWORD)
          .property("aduan.email.poll-interval", "1h")
          .property("aduan.email.reconnect-initial-backoff", "100ms")
          .property("aduan.email.reconnect-max-backoff", "1s")
          .property("aduan.email.smtp.retry-wait", "100ms")
          .property("logging.level.id.aduan.email", "DEBUG")
          .property("aduan.outbound.retry.first-backoff", "200ms")
          .property("aduan.outbound.retry.max-backoff", "400ms")
          .property("aduan.outbound.retry.poll-interval", "100ms")
          // The outage opens the SMTP circuit; after the server is back its trial send comes
          // this long after the last failure.
          .property("aduan.email.smtp.circuit-open-for", "1s")
          .thenClose(imapRelay)
          .thenClose(smtpRelay)
          .thenClose(greenMail::stop);

  private final java.util.Map<String, TopicProbe> probes = new java.util.HashMap<>();

  private static GreenMail startGreenMail() {
    // GreenMail's connection threads die with an uncaught exception when the relay cuts them;
    // that is the point of one test, not a failure of whichever await happens to be running.
    org.awaitility.Awaitility.doNotCatchUncaughtExceptionsByDefault();
    GreenMail mail =
        new GreenMail(
            new ServerSetup[] {
              MailKit.loopback(ServerSetup.PROTOCOL_SMTP),
              MailKit.loopback(ServerSetup.PROTOCOL_IMAP)
            });
    mail.start();
    MAILBOXES.forEach(m -> mail.setUser(m, m, PASSWORD));
    return mail;
  }

  private static DroppableProxy relay(int port) {
    try {
      return new DroppableProxy(port);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @BeforeAll
  void start() {
    awaitIdling(app.bean(MeterRegistry.class));
  }

  /** Every mailbox has its IDLE connection open: from now on new mail is noticed at once. */
  private static void awaitIdling(MeterRegistry meters) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                MAILBOXES.stream()
                    .allMatch(
                        m -> {
                          var g =
                              meters
                                  .find("aduan.email.imap.idling")
                                  .tag("agency", agencyOf(m))
                                  .gauge();
                          return g != null && g.value() >= 1;
                        }));
  }

  @AfterAll
  void stop() throws Exception {
    probes.values().forEach(TopicProbe::close);
  }

  @Test
  void aMailFoundThroughIdleBecomesOneComplaintWithItsThreadAndIsThenSeen() throws Exception {
    deliver("pengaduan@bdg.aduan.test", corpus("gmail-reply-html.eml"));

    ComplaintReceived complaint =
        awaitComplaint(c -> c.providerMessageId().equals("<CAF=gmail-reply-1@mail.gmail.example>"));

    assertThat(complaint.channel()).isEqualTo(Channel.EMAIL);
    assertThat(complaint.agencyCode()).isEqualTo("BDG");
    assertThat(complaint.channelAccountId()).isEqualTo("pengaduan@bdg.aduan.test");
    assertThat(complaint.sender().channelUserId()).isEqualTo("siti.aminah@gmail.example");
    assertThat(complaint.ticket()).isEqualTo("BDG-2026-000123");
    assertThat(complaint.inReplyTo()).isEqualTo("<BDG-2026-000123.ack@bdg.aduan.test>");
    assertThat(complaint.references()).hasSize(2);
    assertThat(complaint.text()).contains("kantor kelurahan").doesNotContain("menulis:");
    assertThat(complaint.metadata()).containsKeys("originalRef", "fullText");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                inbox("pengaduan@bdg.aduan.test").stream().allMatch(m -> m.isSet(Flags.Flag.SEEN)));
  }

  /**
   * ADR 0041: the SMTP server unreachable for longer than the client's retries and the binding's
   * budget together (which alone would have dead-lettered the reply): the reply is kept and tried
   * again later, and once the server is back it is sent exactly once, with nothing dead-lettered.
   */
  @Test
  void aReplyWhileTheSmtpServerIsDownIsKeptAndSentOnceWhenItIsBack() throws Exception {
    String eventId = UUID.randomUUID().toString();
    String citizen = "warga.tertunda@warga.test";
    OutboundMessage reply =
        new OutboundMessage(
            eventId,
            Instant.now(),
            "BDG",
            "c-2",
            "BDG-2026-000778",
            new ReplyAddress(Channel.EMAIL, "pengaduan@bdg.aduan.test", citizen),
            "ACKNOWLEDGEMENT",
            "id",
            "Pengaduan Anda sudah kami terima",
            "Terima kasih, pengaduan Anda sudah kami terima.",
            null,
            null,
            List.of(),
            List.of(),
            true,
            null,
            null);
    MeterRegistry meters = app.bean(MeterRegistry.class);
    smtpRelay.refuse();
    try {
      MailKit.publish(app.brokers(), Topics.OUTBOUND_EMAIL, citizen, reply, eventId);
      // Kept more than once: beyond what the binding's four attempts would have allowed.
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                var kept =
                    meters
                        .find("aduan.outbound.deferred")
                        .tags("channel", "email", "reason", "provider_unavailable")
                        .counter();
                return kept != null && kept.count() >= 5;
              });
      assertThat(greenMail.findReceivedMessages(u -> u.getEmail().equals(citizen), m -> true))
          .isEmpty();
    } finally {
      smtpRelay.restore();
    }

    awaitReceipt(
        r -> eventId.equals(r.outboundEventId()) && r.status() == DeliveryReceipt.Status.SENT);
    assertThat(
            greenMail.findReceivedMessages(u -> u.getEmail().equals(citizen), m -> true).toList())
        .hasSize(1);
    try (TopicProbe dlq = new TopicProbe(app.brokers(), Topics.dlq(Topics.OUTBOUND_EMAIL))) {
      assertThat(dlq.readToEnd(Duration.ofSeconds(30)))
          .noneMatch(
              r ->
                  new String(r.value(), java.nio.charset.StandardCharsets.UTF_8).contains(eventId));
    }
  }

  @Test
  void aReplyIsSentOnceThreadedAndABounceForItBecomesAFailedReceipt() throws Exception {
    String eventId = UUID.randomUUID().toString();
    OutboundMessage reply =
        new OutboundMessage(
            eventId,
            Instant.now(),
            "BDG",
            "c-1",
            "BDG-2026-000777",
            new ReplyAddress(Channel.EMAIL, "pengaduan@bdg.aduan.test", "warga.balas@warga.test"),
            "ACKNOWLEDGEMENT",
            "id",
            "Pengaduan Anda sudah kami terima",
            "Terima kasih, pengaduan Anda sudah kami terima.\n\nNomor tiket: BDG-2026-000777",
            null,
            "<citizen-1@warga.test>",
            List.of("<citizen-0@warga.test>"),
            List.of(),
            true,
            null,
            null);
    MailKit.publish(app.brokers(), Topics.OUTBOUND_EMAIL, "warga.balas@warga.test", reply, eventId);
    MailKit.publish(app.brokers(), Topics.OUTBOUND_EMAIL, "warga.balas@warga.test", reply, eventId);

    DeliveryReceipt sent =
        awaitReceipt(
            r -> eventId.equals(r.outboundEventId()) && r.status() == DeliveryReceipt.Status.SENT);
    List<MimeMessage> received =
        greenMail
            .findReceivedMessages(u -> u.getEmail().equals("warga.balas@warga.test"), m -> true)
            .toList();
    assertThat(received).hasSize(1);
    MimeMessage mail = received.get(0);
    assertThat(mail.getHeader("Message-ID", null)).isEqualTo(sent.providerMessageId());
    assertThat(mail.getSubject()).isEqualTo("[BDG-2026-000777] Pengaduan Anda sudah kami terima");
    assertThat(mail.getHeader("In-Reply-To", null)).isEqualTo("<citizen-1@warga.test>");
    assertThat(mail.getHeader("References", null).replaceAll("\\s+", " "))
        .isEqualTo("<citizen-0@warga.test> <citizen-1@warga.test>");
    assertThat(mail.getHeader("Auto-Submitted", null)).isEqualTo("auto-replied");
    MimeMultipart alternative = (MimeMultipart) mail.getContent();
    assertThat(alternative.getContentType()).startsWith("multipart/alternative");
    assertThat(alternative.getBodyPart(0).isMimeType("text/plain")).isTrue();
    assertThat(alternative.getBodyPart(1).isMimeType("text/html")).isTrue();

    // The citizen's provider bounces it to the VERP address; the bounce comes back to the mailbox.
    String bounce =
        new String(corpus("bounce.eml"), StandardCharsets.UTF_8)
            .replace("4f1c2e9a-0b6e-4c2a-9f1e-5b7d2f1a9c01", eventId)
            .replace(
                "<20260321030000.8D0A1@mx.mail.example>", "<bounce-" + eventId + "@mx.example>");
    deliver("pengaduan@bdg.aduan.test", bounce.getBytes(StandardCharsets.UTF_8));
    DeliveryReceipt failed =
        awaitReceipt(
            r ->
                eventId.equals(r.outboundEventId()) && r.status() == DeliveryReceipt.Status.FAILED);
    assertThat(failed.errorCode()).isEqualTo("5.1.1");

    // The citizen answers the reply from a client that drops the ticket from the subject.
    String answer =
        MailKit.citizenMail(
                "<answer-" + eventId + "@warga.test>",
                "warga.balas@warga.test",
                "pengaduan@bdg.aduan.test",
                "Re: pertanyaan",
                "Dokumen sudah saya kirim.")
            .replace("Subject:", "In-Reply-To: " + sent.providerMessageId() + "\r\nSubject:");
    deliver("pengaduan@bdg.aduan.test", answer.getBytes(StandardCharsets.UTF_8));
    ComplaintReceived threaded =
        awaitComplaint(c -> c.providerMessageId().equals("<answer-" + eventId + "@warga.test>"));
    assertThat(threaded.ticket()).isEqualTo("BDG-2026-000777");

    assertThat(
            read(probe(Topics.DELIVERY_RECEIPTS, Duration.ofSeconds(1)), DeliveryReceipt.class)
                .stream()
                .filter(
                    r ->
                        eventId.equals(r.outboundEventId())
                            && r.status() == DeliveryReceipt.Status.SENT))
        .hasSize(1);
  }

  @Test
  void aReplyWrittenByAnOfficerCarriesItsAttachmentAndNoAutoSubmittedHeader() throws Exception {
    byte[] pdf = "%PDF-1.4 surat jawaban".getBytes(StandardCharsets.US_ASCII);
    String ref =
        app.bean(id.aduan.email.persistence.MailFiles.class)
            .store(pdf, "jawaban.pdf", "application/pdf", "attachment", "pengaduan@bdg.aduan.test");
    String eventId = UUID.randomUUID().toString();
    OutboundMessage reply =
        new OutboundMessage(
            eventId,
            Instant.now(),
            "BDG",
            "c-2",
            "BDG-2026-000778",
            new ReplyAddress(Channel.EMAIL, "pengaduan@bdg.aduan.test", "lampiran@warga.test"),
            "ANSWER",
            "id",
            "Jawaban pengaduan",
            "Terlampir surat jawaban kami.",
            null,
            null,
            List.of(),
            List.of(
                new OutboundMessage.OutboundAttachment(
                    "Surat Jawaban – BDG.pdf", "application/pdf", ref, null, java.util.Map.of())),
            false,
            null,
            null);
    MailKit.publish(app.brokers(), Topics.OUTBOUND_EMAIL, "lampiran@warga.test", reply, eventId);

    awaitReceipt(
        r -> eventId.equals(r.outboundEventId()) && r.status() == DeliveryReceipt.Status.SENT);
    MimeMessage mail =
        greenMail
            .findReceivedMessages(u -> u.getEmail().equals("lampiran@warga.test"), m -> true)
            .findFirst()
            .orElseThrow();
    assertThat(mail.getHeader("Auto-Submitted")).isNull();
    MimeMultipart mixed = (MimeMultipart) mail.getContent();
    assertThat(mixed.getContentType()).startsWith("multipart/mixed");
    assertThat(mixed.getBodyPart(0).isMimeType("multipart/alternative")).isTrue();
    assertThat(mixed.getBodyPart(1).getFileName()).isEqualTo("Surat Jawaban – BDG.pdf");
    assertThat(mixed.getBodyPart(1).getInputStream().readAllBytes()).isEqualTo(pdf);
  }

  @Test
  void autoRepliesListsAndBrokenMailNeverBecomeComplaintsAndBrokenMailIsDeadLettered()
      throws Exception {
    String mailbox = "pengaduan@lbk.aduan.test";
    deliver(mailbox, corpus("out-of-office.eml"));
    deliver(mailbox, corpus("mailing-list.eml"));
    deliver(mailbox, corpus("broken-base64.eml"));
    deliver(
        mailbox,
        MailKit.citizenMail(
                "<sentinel-lbk@warga.test>",
                "w@warga.test",
                mailbox,
                "Jalan rusak",
                "Mohon diperbaiki.")
            .getBytes(StandardCharsets.UTF_8));

    awaitComplaint(c -> c.providerMessageId().equals("<sentinel-lbk@warga.test>"));

    List<ComplaintReceived> all =
        read(readToEnd(Topics.COMPLAINTS_INBOUND), ComplaintReceived.class);
    assertThat(all)
        .extracting(ComplaintReceived::providerMessageId)
        .doesNotContain(
            "<ooo-1@outlook.example>", "<newsletter-42@list.example>", "<broken-1@mail.example>");
    // The broken mail came before the sentinel, so its dead letter is on the topic by now; read
    // to the end offsets rather than guess how long a new consumer needs to see it.
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(read(readToEnd(Topics.dlq(Topics.COMPLAINTS_INBOUND)), DeadLetter.class))
                    .filteredOn(
                        d ->
                            new String(
                                    Base64.getDecoder().decode(d.payloadBase64()),
                                    StandardCharsets.UTF_8)
                                .contains("<broken-1@mail.example>"))
                    .singleElement()
                    .satisfies(
                        d -> {
                          assertThat(d.reason()).isEqualTo("MALFORMED");
                          assertThat(d.detail()).contains("raw mail in GridFS");
                        }));
    MeterRegistry meters = app.bean(MeterRegistry.class);
    assertThat(
            meters
                .find("aduan.inbound.messages")
                .tags("agency", "LBK", "outcome", "auto_reply")
                .counters())
        .extracting(c -> c.count())
        .containsExactlyInAnyOrder(1.0, 1.0);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> inbox(mailbox).stream().allMatch(m -> m.isSet(Flags.Flag.SEEN)));
  }

  @Test
  void aChangedUidValidityRereadsTheMailboxAndPublishesOnlyWhatIsNew() throws Exception {
    String mailbox = "pengaduan@btn.aduan.test";
    for (int i = 1; i <= 2; i++) {
      deliver(
          mailbox,
          MailKit.citizenMail(
                  "<btn-" + i + "@warga.test>", "w@warga.test", mailbox, "Keluhan " + i, "isi " + i)
              .getBytes(StandardCharsets.UTF_8));
    }
    // A mail without a Message-ID: known again only by the hash of its content.
    deliver(
        mailbox,
        ("From: w@warga.test\r\nTo: "
                + mailbox
                + "\r\nSubject: Tanpa nomor\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
                + "tanpa-message-id-btn\r\n")
            .getBytes(StandardCharsets.UTF_8));
    awaitComplaint(c -> c.providerMessageId().equals("<btn-2@warga.test>"));
    ComplaintReceived unnamed = awaitComplaint(c -> c.text().contains("tanpa-message-id-btn"));
    assertThat(unnamed.providerMessageId()).startsWith("sha256:");
    // The server says a different UIDVALIDITY than the checkpoint (a restored mailbox).
    app.bean(MongoTemplate.class)
        .updateFirst(
            Query.query(Criteria.where("_id").is(mailbox)),
            Update.update("uidValidity", 1L).set("lastUid", 999L),
            "mailbox_checkpoints");

    deliver(
        mailbox,
        MailKit.citizenMail("<btn-3@warga.test>", "w@warga.test", mailbox, "Keluhan 3", "isi 3")
            .getBytes(StandardCharsets.UTF_8));

    awaitComplaint(c -> c.providerMessageId().equals("<btn-3@warga.test>"));
    List<ComplaintReceived> btn =
        read(probe(Topics.COMPLAINTS_INBOUND, Duration.ofSeconds(1)), ComplaintReceived.class)
            .stream()
            .filter(c -> c.channelAccountId().equals(mailbox))
            .toList();
    assertThat(btn)
        .extracting(ComplaintReceived::providerMessageId)
        .containsExactlyInAnyOrder(
            "<btn-1@warga.test>",
            "<btn-2@warga.test>",
            unnamed.providerMessageId(),
            "<btn-3@warga.test>");
    assertThat(
            app.bean(MeterRegistry.class)
                .find("aduan.email.rescans")
                .tag("agency", "BTN")
                .counter()
                .count())
        .isGreaterThanOrEqualTo(1.0);
  }

  @Test
  void attachmentsAndInlineImagesOfAComplaintAreStoredInGridFs() throws Exception {
    deliver("pengaduan@babel.aduan.test", corpus("attachments-rfc2231.eml"));

    ComplaintReceived complaint =
        awaitComplaint(c -> c.providerMessageId().equals("<attachments-1@mail.example>"));

    var files = app.bean(id.aduan.email.persistence.MailFiles.class);
    assertThat(complaint.attachments())
        .extracting(ComplaintReceived.Attachment::fileName)
        .containsExactly(
            null, "Surat Keterangan Tidak Mampu – Budi.pdf", "Kartu Keluarga – 2026.jpg");
    assertThat(complaint.attachments())
        .allSatisfy(
            a -> {
              assertThat(a.status()).isEqualTo("STORED");
              byte[] stored = files.load(a.storageRef()).orElseThrow();
              assertThat(stored).hasSize((int) a.sizeBytes());
              assertThat(id.aduan.email.domain.MailParser.sha256(stored)).isEqualTo(a.sha256());
            });
    assertThat(files.load(complaint.attachments().get(1).storageRef()).orElseThrow())
        .startsWith("%PDF-1.4".getBytes(StandardCharsets.US_ASCII));
    // Each file is named by its own GridFS id, never by its place in the mail (part-1, ...), and
    // carries the agency, which the case service checks before serving it (docs/adr/0028).
    var gridFs = app.bean(org.springframework.data.mongodb.gridfs.GridFsTemplate.class);
    assertThat(complaint.attachments())
        .allSatisfy(
            a -> {
              assertThat(a.attachmentId()).isEqualTo(a.storageRef());
              assertThat(
                      gridFs
                          .findOne(
                              Query.query(
                                  Criteria.where("_id")
                                      .is(new org.bson.types.ObjectId(a.storageRef()))))
                          .getMetadata()
                          .getString("agencyCode"))
                  .isEqualTo("BABEL");
            });
    // the original as received, for the officer who needs the untrimmed mail
    assertThat(
            new String(
                files.load(complaint.metadata().get("originalRef")).orElseThrow(),
                StandardCharsets.UTF_8))
        .contains("Message-ID: <attachments-1@mail.example>");
  }

  @Test
  void aDroppedConnectionIsReopenedAndMailStillArrives() throws Exception {
    MeterRegistry meters = app.bean(MeterRegistry.class);
    double before = reconnects(meters);

    imapRelay.dropAll();

    // Both connections of every mailbox notice, back off and come back, IDLE included.
    await().atMost(Duration.ofSeconds(20)).until(() -> reconnects(meters) >= before + 2);
    awaitIdling(meters);
    String mailbox = "pengaduan@psr.aduan.test";
    deliver(
        mailbox,
        MailKit.citizenMail(
                "<after-drop@warga.test>", "w@warga.test", mailbox, "Setelah putus", "isi")
            .getBytes(StandardCharsets.UTF_8));

    awaitComplaint(c -> c.providerMessageId().equals("<after-drop@warga.test>"));
  }

  private static double reconnects(MeterRegistry meters) {
    return meters.find("aduan.email.imap.reconnects").counters().stream()
        .mapToDouble(c -> c.count())
        .sum();
  }

  private ComplaintReceived awaitComplaint(Predicate<ComplaintReceived> match) {
    return awaitOn(Topics.COMPLAINTS_INBOUND, ComplaintReceived.class, match);
  }

  private DeliveryReceipt awaitReceipt(Predicate<DeliveryReceipt> match) {
    return awaitOn(Topics.DELIVERY_RECEIPTS, DeliveryReceipt.class, match);
  }

  private <T> T awaitOn(String topic, Class<T> type, Predicate<T> match) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                read(probe(topic, Duration.ofMillis(300)), type).stream().filter(match).findFirst(),
            java.util.Optional::isPresent)
        .orElseThrow();
  }

  /** Everything the topic held so far; one probe per topic for the class, so nothing is missed. */
  /** Everything the topic holds at the call (up to each partition's end offset). */
  private synchronized List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>>
      readToEnd(String topic) {
    return probes
        .computeIfAbsent(topic, t -> new TopicProbe(app.brokers(), t))
        .readToEnd(Duration.ofSeconds(30));
  }

  private synchronized List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> probe(
      String topic, Duration wait) {
    return probes.computeIfAbsent(topic, t -> new TopicProbe(app.brokers(), t)).drain(wait);
  }

  private void deliver(String mailbox, byte[] raw) throws Exception {
    GreenMailUser user = greenMail.getUserManager().getUserByEmail(mailbox);
    user.deliver(
        new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw)));
  }

  private List<StoredMessage> inbox(String mailbox) throws Exception {
    GreenMailUser user = greenMail.getUserManager().getUserByEmail(mailbox);
    return greenMail.getManagers().getImapHostManager().getInbox(user).getMessages();
  }

  private static String agencyOf(String mailbox) {
    return mailbox.substring(mailbox.indexOf('@') + 1, mailbox.indexOf('.')).toUpperCase();
  }

  static byte[] corpus(String file) throws Exception {
    try (InputStream in = EmailChannelGreenMailTest.class.getResourceAsStream("/corpus/" + file)) {
      return in.readAllBytes();
    }
  }

  static String raw(MimeMessage m) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    m.writeTo(out);
    return out.toString(StandardCharsets.UTF_8);
  }
}
