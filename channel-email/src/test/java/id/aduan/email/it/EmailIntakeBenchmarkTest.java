package id.aduan.email.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import id.aduan.contracts.Topics;
import id.aduan.email.EmailChannelApplication;
import id.aduan.testsupport.AduanKafka;
import id.aduan.testsupport.InJvmMongo;
import id.aduan.testsupport.TopicProbe;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;

/**
 * Intake throughput against the real mail server (docs/benchmarks.md). Runs only when asked: {@code
 * ./mvnw -pl channel-email -am verify -Dtest=EmailIntakeBenchmarkTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Daduan.benchmark=true}; it is a measurement, not a
 * check, so the regular suite skips it.
 */
@AduanKafka
class EmailIntakeBenchmarkTest {

  private static final String MAILBOX = "pengaduan@bdg.aduan.test";

  @Test
  void intakeRateFromDovecotToKafka() throws Exception {
    assumeTrue(
        Boolean.getBoolean("aduan.benchmark"), "a measurement: run with -Daduan.benchmark=true");
    assumeTrue(
        Files.isExecutable(Path.of("/usr/sbin/dovecot")), "run deploy/mail/install.sh first");
    int mails = Integer.getInteger("aduan.benchmark.mails", 1000);
    Path data = Files.createTempDirectory("aduan-mail-bench-");
    int smtp = MailKit.freePort();
    int imap = MailKit.freePort();
    Map<String, String> env =
        Map.of(
            "ADUAN_MAIL_SMTP_PORT", String.valueOf(smtp),
            "ADUAN_MAIL_IMAP_PORT", String.valueOf(imap),
            "ADUAN_MAIL_LMTP_PORT", String.valueOf(MailKit.freePort()));
    assertThat(MailKit.mailServer(data, env, "start")).isZero();
    String brokers = EmbeddedKafkaCondition.getBroker().getBrokersAsString();
    try (TopicProbe probe = new TopicProbe(brokers, Topics.COMPLAINTS_INBOUND)) {
      Properties props = new Properties();
      props.setProperty("mail.smtp.host", "127.0.0.1");
      props.setProperty("mail.smtp.port", String.valueOf(smtp));
      Session session = Session.getInstance(props);
      long s0 = System.nanoTime();
      try (Transport transport = session.getTransport("smtp")) {
        transport.connect();
        for (int i = 0; i < mails; i++) {
          String raw =
              MailKit.citizenMail(
                  "<bench-" + i + "@warga.test>",
                  "warga" + i + "@warga.test",
                  MAILBOX,
                  "Keluhan " + i,
                  "Bantuan belum cair. ".repeat(40));
          MimeMessage m =
              new MimeMessage(
                  session, new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
          transport.sendMessage(m, new InternetAddress[] {new InternetAddress(MAILBOX)});
        }
      }
      double smtpSeconds = (System.nanoTime() - s0) / 1e9;
      Thread.sleep(3000); // let postfix hand the queue to dovecot before the clock starts
      probe.drain(Duration.ofMillis(500));
      long t0 = System.nanoTime();
      ConfigurableApplicationContext app =
          EmailChannelApplication.builder()
              .run(
                  "--spring.cloud.stream.kafka.binder.brokers=" + brokers,
                  "--spring.mongodb.uri=" + InJvmMongo.freshDatabaseUri("email-bench"),
                  "--server.port=0",
                  "--aduan.email.imap.port=" + imap,
                  "--aduan.email.smtp.port=" + smtp,
                  "--aduan.email.default-password=aduan-demo",
                  "--logging.level.root=WARN");
      long started = System.nanoTime();
      int seen = probe.awaitAtLeast(mails, Duration.ofMinutes(5)).size();
      long done = System.nanoTime();
      app.close();
      double intakeSeconds = (done - started) / 1e9;
      System.out.printf(
          "BENCHMARK mails=%d smtp_submit=%.1f/s startup=%.1fs intake=%.1fs rate=%.1f mails/s seen=%d%n",
          mails,
          mails / smtpSeconds,
          (started - t0) / 1e9,
          intakeSeconds,
          mails / intakeSeconds,
          seen);
      assertThat(seen).isEqualTo(mails);
    } finally {
      MailKit.mailServer(data, env, "stop");
      MailKit.deleteTree(data);
    }
  }
}
