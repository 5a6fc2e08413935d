package id.aduan.email.it;

import static id.aduan.email.it.MailKit.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import id.aduan.contracts.ComplaintReceived;
import id.aduan.contracts.Topics;
import id.aduan.email.EmailChannelApplication;
import id.aduan.testsupport.AduanKafka;
import id.aduan.testsupport.InJvmMongo;
import id.aduan.testsupport.TopicProbe;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;

/**
 * The service is stopped while it is in the middle of a full mailbox and started again: every mail
 * is exactly one message on Kafka, and every mail ends in the processed folder (the configurable
 * alternative to flagging {@code \Seen}). Without IDLE, the periodic poll alone finds later mail.
 */
@AduanKafka
class EmailIntakeRestartTest {

  private static final int MAILS = 40;
  private static final String MAILBOX = "pengaduan@bdg.aduan.test";
  private static final String PASSWORD = "rahasia";

  @Test
  void stoppedMidMailboxAndRestartedEveryMailIsExactlyOneMessage() throws Exception {
    GreenMail greenMail =
        new GreenMail(new ServerSetup[] {MailKit.loopback(ServerSetup.PROTOCOL_IMAP)});
    greenMail.start();
    try (TopicProbe probe =
        new TopicProbe(
            EmbeddedKafkaCondition.getBroker().getBrokersAsString(), Topics.COMPLAINTS_INBOUND)) {
      GreenMailUser user = greenMail.setUser(MAILBOX, MAILBOX, PASSWORD);
      Session session = Session.getInstance(new Properties());
      for (int i = 0; i < MAILS; i++) {
        String raw =
            MailKit.citizenMail(
                "<restart-" + i + "@warga.test>",
                "warga" + i + "@warga.test",
                MAILBOX,
                "Keluhan " + i,
                "isi " + i);
        user.deliver(
            new MimeMessage(
                session, new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))));
      }
      probe.drain(Duration.ofMillis(500)); // joined and assigned before the service publishes
      String mongo = InJvmMongo.freshDatabaseUri("email-restart");

      ConfigurableApplicationContext first = start(greenMail, mongo, "1h");
      int beforeStop = probe.awaitAtLeast(1, Duration.ofSeconds(30)).size();
      first.close();
      int firstRun = probe.drain(Duration.ofMillis(500)).size();

      // IDLE is off and the poll runs every 500 ms: the backstop alone must find new mail.
      ConfigurableApplicationContext second = start(greenMail, mongo, "500ms");
      try {
        probe.awaitAtLeast(MAILS, Duration.ofSeconds(60));
        List<ComplaintReceived> all =
            read(probe.drain(Duration.ofSeconds(1)), ComplaintReceived.class);

        assertThat(beforeStop).isGreaterThanOrEqualTo(1);
        assertThat(firstRun).as("stopped in the middle of the mailbox").isBetween(1, MAILS - 1);
        assertThat(all).hasSize(MAILS);
        assertThat(new HashSet<>(all.stream().map(ComplaintReceived::providerMessageId).toList()))
            .hasSize(MAILS);
        await()
            .atMost(Duration.ofSeconds(10))
            .untilAsserted(
                () -> {
                  assertThat(count(greenMail, "INBOX")).isZero();
                  assertThat(count(greenMail, "Diproses")).isEqualTo(MAILS);
                });

        String late =
            MailKit.citizenMail(
                "<restart-late@warga.test>", "late@warga.test", MAILBOX, "Terlambat", "isi");
        user.deliver(
            new MimeMessage(
                session, new ByteArrayInputStream(late.getBytes(StandardCharsets.UTF_8))));
        assertThat(
                read(
                    probe.awaitAtLeast(MAILS + 1, Duration.ofSeconds(20)), ComplaintReceived.class))
            .extracting(ComplaintReceived::providerMessageId)
            .contains("<restart-late@warga.test>");
      } finally {
        second.close();
      }
    } finally {
      greenMail.stop();
    }
  }

  private static ConfigurableApplicationContext start(
      GreenMail greenMail, String mongo, String pollInterval) {
    return EmailChannelApplication.builder()
        .run(
            "--spring.cloud.stream.kafka.binder.brokers="
                + EmbeddedKafkaCondition.getBroker().getBrokersAsString(),
            "--spring.mongodb.uri=" + mongo,
            "--server.port=0",
            "--aduan.email.imap.port=" + greenMail.getImap().getPort(),
            "--aduan.email.accounts[0].address=" + MAILBOX,
            "--aduan.email.accounts[0].password=" + PASSWORD,
            "--aduan.email.processed-folder=Diproses",
            "--aduan.email.idle=false",
            "--aduan.email.batch-size=5",
            "--aduan.email.poll-interval=" + pollInterval);
  }

  private static int count(GreenMail greenMail, String folder) throws Exception {
    Properties props = new Properties();
    Session session = Session.getInstance(props);
    try (Store store = session.getStore("imap")) {
      store.connect("127.0.0.1", greenMail.getImap().getPort(), MAILBOX, PASSWORD);
      Folder f = store.getFolder(folder);
      if (!f.exists()) {
        return 0;
      }
      f.open(Folder.READ_ONLY);
      try {
        return f.getMessageCount();
      } finally {
        f.close(false);
      }
    }
  }
}
