package id.aduan.email.it;

import static id.aduan.email.it.MailKit.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import id.aduan.contracts.Channel;
import id.aduan.contracts.ComplaintReceived;
import id.aduan.contracts.DeliveryReceipt;
import id.aduan.contracts.OutboundMessage;
import id.aduan.contracts.ReplyAddress;
import id.aduan.contracts.Topics;
import id.aduan.email.EmailChannelApplication;
import id.aduan.testsupport.AduanKafka;
import id.aduan.testsupport.InJvmMongo;
import id.aduan.testsupport.TopicProbe;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;

/**
 * End to end against a real mail server: Debian's dovecot (IMAP, LMTP) and postfix (SMTP), started
 * by the project's own {@code deploy/mail/mailserver.sh} on free loopback ports. Skipped, with a
 * message naming the scripts, where the packages are not installed; CI installs them.
 */
@AduanKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmailChannelMailServerTest {

  private static final Path SCRIPT = Path.of("..", "deploy", "mail", "mailserver.sh");
  private static final String PASSWORD = "aduan-demo";
  private static final String MAILBOX = "pengaduan@bdg.aduan.test";

  private Path data;
  private Map<String, String> env;
  private int smtpPort;
  private int imapPort;
  private ConfigurableApplicationContext app;
  private String brokers;
  private final Map<String, TopicProbe> probes = new HashMap<>();

  @BeforeAll
  void startMailServer() throws Exception {
    assumeTrue(
        Files.isExecutable(Path.of("/usr/sbin/dovecot"))
            && Files.isExecutable(Path.of("/usr/sbin/postfix")),
        "dovecot and postfix are not installed: run deploy/mail/install.sh (CI does) to run this test");
    assumeTrue(
        "root".equals(System.getProperty("user.name")),
        "deploy/mail/mailserver.sh must run as root (dovecot and postfix drop privileges themselves)");
    data = Files.createTempDirectory("aduan-mail-");
    smtpPort = MailKit.freePort();
    imapPort = MailKit.freePort();
    env =
        Map.of(
            "ADUAN_MAIL_SMTP_PORT", String.valueOf(smtpPort),
            "ADUAN_MAIL_IMAP_PORT", String.valueOf(imapPort),
            "ADUAN_MAIL_LMTP_PORT", String.valueOf(MailKit.freePort()),
            "ADUAN_MAIL_PASSWORD", PASSWORD);
    assertThat(MailKit.mailServer(data, env, "start")).as("mailserver.sh start").isZero();
    brokers = EmbeddedKafkaCondition.getBroker().getBrokersAsString();
    app =
        EmailChannelApplication.builder()
            .run(
                "--spring.cloud.stream.kafka.binder.brokers=" + brokers,
                "--spring.mongodb.uri=" + InJvmMongo.freshDatabaseUri("email-mailserver"),
                "--server.port=0",
                "--aduan.email.imap.port=" + imapPort,
                "--aduan.email.smtp.port=" + smtpPort,
                "--aduan.email.default-password=" + PASSWORD,
                "--aduan.email.poll-interval=1h");
  }

  @AfterAll
  void stopMailServer() throws Exception {
    probes.values().forEach(TopicProbe::close);
    if (app != null) {
      app.close();
    }
    if (data != null) {
      MailKit.mailServer(data, env, "stop");
      MailKit.deleteTree(data);
    }
  }

  @Test
  void aComplaintSentOverSmtpIsAnsweredThreadedAndABouncedAnswerFails() throws Exception {
    String citizen = "warga." + UUID.randomUUID().toString().substring(0, 8) + "@gmail.example";
    String complaintId = "<" + UUID.randomUUID() + "@gmail.example>";
    smtp(
        citizen,
        MAILBOX,
        MailKit.citizenMail(
            complaintId, citizen, MAILBOX, "Bantuan PKH belum cair", "Mohon dibantu."));

    ComplaintReceived complaint =
        awaitOn(
            Topics.COMPLAINTS_INBOUND,
            ComplaintReceived.class,
            c -> c.providerMessageId().equals(complaintId));
    assertThat(complaint.sender().channelUserId()).isEqualTo(citizen);
    assertThat(complaint.text()).isEqualTo("Mohon dibantu.");

    String answerId = UUID.randomUUID().toString();
    MailKit.publish(
        brokers, Topics.OUTBOUND_EMAIL, citizen, answer(answerId, citizen, complaintId), answerId);
    DeliveryReceipt sent =
        awaitOn(
            Topics.DELIVERY_RECEIPTS,
            DeliveryReceipt.class,
            r -> answerId.equals(r.outboundEventId()) && r.status() == DeliveryReceipt.Status.SENT);
    MimeMessage delivered =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> firstMail(citizen), Optional::isPresent)
            .orElseThrow();
    assertThat(delivered.getHeader("Message-ID", null)).isEqualTo(sent.providerMessageId());
    assertThat(delivered.getHeader("In-Reply-To", null)).isEqualTo(complaintId);
    assertThat(delivered.getHeader("Auto-Submitted", null)).isEqualTo("auto-replied");
    assertThat(delivered.getHeader("Return-Path", null))
        .isEqualTo("<pengaduan+bounce-" + answerId + "@bdg.aduan.test>");
    assertThat(delivered.getSubject()).startsWith("[BDG-2026-000321]");

    // An answer to an address that bounces: postfix accepts it, then returns a DSN to the VERP
    // address, which dovecot delivers into the agency's mailbox.
    String bouncedId = UUID.randomUUID().toString();
    MailKit.publish(
        brokers,
        Topics.OUTBOUND_EMAIL,
        "x",
        answer(bouncedId, "tidak.ada@bounce.aduan.test", complaintId),
        bouncedId);
    DeliveryReceipt failed =
        awaitOn(
            Topics.DELIVERY_RECEIPTS,
            DeliveryReceipt.class,
            r ->
                bouncedId.equals(r.outboundEventId())
                    && r.status() == DeliveryReceipt.Status.FAILED);
    assertThat(failed.errorCode()).startsWith("5.");
  }

  @Test
  void anOutOfOfficeReplyToOurAnswerIsNotAComplaint() throws Exception {
    String id = "<ooo-" + UUID.randomUUID() + "@outlook.example>";
    String sentinel = "<after-ooo-" + UUID.randomUUID() + "@outlook.example>";
    smtp(
        "kepala@outlook.example",
        MAILBOX,
        MailKit.citizenMail(
                id,
                "kepala@outlook.example",
                MAILBOX,
                "Balasan Otomatis: [BDG-2026-000321]",
                "Saya sedang cuti.")
            .replace("Subject:", "Auto-Submitted: auto-replied\r\nSubject:"));
    smtp(
        "kepala@outlook.example",
        MAILBOX,
        MailKit.citizenMail(sentinel, "kepala@outlook.example", MAILBOX, "Pengaduan", "isi"));

    awaitOn(
        Topics.COMPLAINTS_INBOUND,
        ComplaintReceived.class,
        c -> c.providerMessageId().equals(sentinel));
    assertThat(read(probe(Topics.COMPLAINTS_INBOUND), ComplaintReceived.class))
        .extracting(ComplaintReceived::providerMessageId)
        .doesNotContain(id);
  }

  private static OutboundMessage answer(String eventId, String to, String inReplyTo) {
    return new OutboundMessage(
        eventId,
        Instant.now(),
        "BDG",
        "c-e2e",
        "BDG-2026-000321",
        new ReplyAddress(Channel.EMAIL, MAILBOX, to),
        "ACKNOWLEDGEMENT",
        "id",
        "Pengaduan Anda sudah kami terima",
        "Terima kasih. Nomor tiket Anda BDG-2026-000321.",
        null,
        inReplyTo,
        List.of(),
        List.of(),
        true,
        null,
        null);
  }

  private <T> T awaitOn(String topic, Class<T> type, Predicate<T> match) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> read(probe(topic), type).stream().filter(match).findFirst(), Optional::isPresent)
        .orElseThrow();
  }

  private synchronized List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> probe(
      String topic) {
    return probes
        .computeIfAbsent(topic, t -> new TopicProbe(brokers, t))
        .drain(Duration.ofMillis(300));
  }

  private void smtp(String from, String to, String raw) throws Exception {
    Properties props = new Properties();
    props.setProperty("mail.smtp.host", "127.0.0.1");
    props.setProperty("mail.smtp.port", String.valueOf(smtpPort));
    Session session = Session.getInstance(props);
    MimeMessage message =
        new MimeMessage(session, new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
    // Transport.send would call saveChanges() and replace the Message-ID; sendMessage keeps it.
    try (Transport transport = session.getTransport("smtp")) {
      transport.connect();
      transport.sendMessage(message, new InternetAddress[] {new InternetAddress(to)});
    }
  }

  private Optional<MimeMessage> firstMail(String user) throws Exception {
    Session session = Session.getInstance(new Properties());
    try (Store store = session.getStore("imap")) {
      store.connect("127.0.0.1", imapPort, user, PASSWORD);
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      try {
        Message[] all = inbox.getMessages();
        return all.length == 0
            ? Optional.empty()
            : Optional.of(new MimeMessage((MimeMessage) all[0]));
      } finally {
        inbox.close(false);
      }
    }
  }
}
