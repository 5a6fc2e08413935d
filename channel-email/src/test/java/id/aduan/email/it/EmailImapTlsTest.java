package id.aduan.email.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import id.aduan.contracts.ComplaintReceived;
import id.aduan.contracts.Topics;
import id.aduan.email.EmailChannelApplication;
import id.aduan.email.client.ImapClient;
import id.aduan.email.client.MailboxSession;
import id.aduan.email.config.EmailProperties;
import id.aduan.email.config.EmailTestProperties;
import id.aduan.testsupport.AduanKafka;
import id.aduan.testsupport.InJvmMongo;
import id.aduan.testsupport.TopicProbe;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslStoreBundle;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;

/**
 * IMAP over TLS (IMAPS) against GreenMail with its own self-signed test certificate, trusted
 * through a Spring SSL bundle: the TLS mode connects and reads, the certificate is really checked
 * (not trusted without the bundle; rejected when the server identity is checked, since the test
 * certificate names no host), and plain IMAP still works beside it. The service itself, configured
 * for TLS, turns a mail read over IMAPS into a complaint on Kafka.
 */
@AduanKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmailImapTlsTest {

  private static final String MAILBOX = "pengaduan@babel.aduan.test";
  private static final String PASSWORD = "rahasia";

  private GreenMail greenMail;
  private GreenMailUser user;
  private KeyStore trustGreenMail;
  private Path certificatePem;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    greenMail =
        new GreenMail(
            new ServerSetup[] {
              MailKit.loopback(ServerSetup.PROTOCOL_IMAPS),
              MailKit.loopback(ServerSetup.PROTOCOL_IMAP)
            });
    greenMail.start();
    user = greenMail.setUser(MAILBOX, MAILBOX, PASSWORD);
    deliver(
        MailKit.citizenMail(
            "<tls-1@warga.test>", "w@warga.test", MAILBOX, "Lewat TLS", "Jalan berlubang."));
    // GreenMail's test certificate, from the keystore its IMAPS server uses
    KeyStore greenMailKeys = KeyStore.getInstance("PKCS12");
    try (InputStream in = GreenMail.class.getClassLoader().getResourceAsStream("greenmail.p12")) {
      greenMailKeys.load(in, "changeit".toCharArray());
    }
    Certificate certificate = greenMailKeys.getCertificate("greenmail");
    trustGreenMail = KeyStore.getInstance("PKCS12");
    trustGreenMail.load(null, null);
    trustGreenMail.setCertificateEntry("greenmail", certificate);
    certificatePem = dir.resolve("greenmail.pem");
    Files.writeString(
        certificatePem,
        "-----BEGIN CERTIFICATE-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(certificate.getEncoded())
            + "\n-----END CERTIFICATE-----\n");
  }

  @AfterAll
  void stop() {
    greenMail.stop();
  }

  @Test
  void imapsWithTheTrustedCertificateConnectsAndReads() throws Exception {
    ImapClient client =
        new ImapClient(
            properties(true, greenMail.getImaps().getPort(), "greenmail", false),
            new DefaultSslBundleRegistry(
                "greenmail", SslBundle.of(SslStoreBundle.of(null, null, trustGreenMail))));

    try (MailboxSession session = client.open(MAILBOX, PASSWORD)) {
      assertThat(session.fetchFrom(1, 10))
          .singleElement()
          .satisfies(
              m ->
                  assertThat(new String(m.raw(), StandardCharsets.UTF_8))
                      .contains("<tls-1@warga.test>"));
    }
  }

  @Test
  void imapsChecksTheCertificate() {
    int port = greenMail.getImaps().getPort();
    // Not in the JVM's trust store: the handshake fails.
    assertThatThrownBy(
            () -> new ImapClient(properties(true, port, "", false)).open(MAILBOX, PASSWORD))
        .isInstanceOf(MessagingException.class)
        .hasRootCauseInstanceOf(java.security.cert.CertPathBuilderException.class);
    // Trusted, but the server identity is checked by default and the test certificate names no
    // host.
    ImapClient identityChecked =
        new ImapClient(
            properties(true, port, "greenmail", true),
            new DefaultSslBundleRegistry(
                "greenmail", SslBundle.of(SslStoreBundle.of(null, null, trustGreenMail))));
    try {
      identityChecked.open(MAILBOX, PASSWORD);
    } catch (Exception e) {
      e.printStackTrace(System.out);
    }
    assertThatThrownBy(() -> identityChecked.open(MAILBOX, PASSWORD))
        .isInstanceOf(MessagingException.class)
        .rootCause()
        .isInstanceOf(java.security.cert.CertificateException.class)
        .hasMessageContaining("subject alternative names");
  }

  @Test
  void plainImapStillWorks() throws Exception {
    try (MailboxSession session =
        new ImapClient(properties(false, greenMail.getImap().getPort(), "", true))
            .open(MAILBOX, PASSWORD)) {
      assertThat(session.fetchFrom(1, 10)).hasSize(1);
    }
  }

  @Test
  void theServiceConfiguredForTlsTurnsAMailReadOverImapsIntoAComplaint() {
    String brokers = EmbeddedKafkaCondition.getBroker().getBrokersAsString();
    try (TopicProbe probe = new TopicProbe(brokers, Topics.COMPLAINTS_INBOUND);
        ConfigurableApplicationContext app =
            EmailChannelApplication.builder()
                .run(
                    "--spring.cloud.stream.kafka.binder.brokers=" + brokers,
                    "--spring.mongodb.uri=" + InJvmMongo.freshDatabaseUri("email-tls"),
                    "--server.port=0",
                    "--spring.ssl.bundle.pem.greenmail.truststore.certificate=file:"
                        + certificatePem,
                    "--aduan.email.imap.tls=true",
                    "--aduan.email.imap.ssl-bundle=greenmail",
                    "--aduan.email.imap.check-server-identity=false",
                    "--aduan.email.imap.port=" + greenMail.getImaps().getPort(),
                    "--aduan.email.accounts[0].address=" + MAILBOX,
                    "--aduan.email.accounts[0].password=" + PASSWORD,
                    "--aduan.email.poll-interval=1h")) {
      List<ComplaintReceived> complaints =
          MailKit.read(probe.awaitAtLeast(1, Duration.ofSeconds(60)), ComplaintReceived.class);
      assertThat(complaints)
          .singleElement()
          .satisfies(
              c -> {
                assertThat(c.providerMessageId()).isEqualTo("<tls-1@warga.test>");
                assertThat(c.agencyCode()).isEqualTo("BABEL");
                assertThat(c.text()).contains("Jalan berlubang.");
              });
    }
  }

  private void deliver(String raw) throws Exception {
    user.deliver(
        new MimeMessage(
            Session.getInstance(new Properties()),
            new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))));
  }

  private static EmailProperties properties(
      boolean tls, int port, String sslBundle, boolean checkServerIdentity) {
    return EmailTestProperties.with(
        EmailTestProperties.imap(tls, port, sslBundle, checkServerIdentity));
  }
}
