package id.aduan.email.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import id.aduan.contracts.ComplaintReceived;
import id.aduan.contracts.Topics;
import id.aduan.email.EmailChannelApplication;
import id.aduan.testsupport.TopicProbe;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.Flags;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Kafka becomes unreachable while the service runs: the in-JVM KRaft broker stays up but every
 * client reaches it only through a relay (its advertised address), and the relay refuses every
 * connection for a while. Mail that arrives meanwhile is tried and fails, and nothing advances: no
 * dedup key is DONE, the checkpoint stays where it was, no mail is flagged {@code \Seen}. Once
 * Kafka is reachable again, every mail becomes exactly one message.
 */
class EmailKafkaOutageTest {

  private static final String MAILBOX = "pengaduan@psr.aduan.test";
  private static final String PASSWORD = "rahasia";
  private static final int MAILS = 5;

  @Test
  void whileKafkaIsUnreachableNothingAdvancesAndAfterwardsEveryMailIsOneMessage() throws Exception {
    int relayPort = MailKit.freePort();
    EmbeddedKafkaKraftBroker broker =
        new EmbeddedKafkaKraftBroker(
            1,
            2,
            Topics.COMPLAINTS_INBOUND,
            Topics.dlq(Topics.COMPLAINTS_INBOUND),
            Topics.OUTBOUND_EMAIL,
            Topics.dlq(Topics.OUTBOUND_EMAIL),
            Topics.DELIVERY_RECEIPTS);
    broker.brokerProperty("advertised.listeners", "EXTERNAL://127.0.0.1:" + relayPort);
    GreenMail greenMail =
        new GreenMail(new ServerSetup[] {MailKit.loopback(ServerSetup.PROTOCOL_IMAP)});
    ConfigurableApplicationContext app = null;
    // The broker's own port is known once it listens, before any client is told the relay's.
    try (DroppableProxy kafka =
        new DroppableProxy(
            relayPort,
            () -> {
              String bootstrap = broker.getCluster().bootstrapServers();
              return Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
            })) {
      broker.afterPropertiesSet();
      greenMail.start();
      GreenMailUser user = greenMail.setUser(MAILBOX, MAILBOX, PASSWORD);
      String brokers = "127.0.0.1:" + relayPort;
      try (TopicProbe probe = new TopicProbe(brokers, Topics.COMPLAINTS_INBOUND)) {
        app =
            EmailChannelApplication.builder()
                .run(
                    "--spring.cloud.stream.kafka.binder.brokers=" + brokers,
                    "--spring.cloud.stream.kafka.binder.producer-properties[max.block.ms]=3000",
                    "--spring.cloud.stream.kafka.binder.producer-properties[request.timeout.ms]=2000",
                    "--spring.cloud.stream.kafka.binder.producer-properties[delivery.timeout.ms]=5000",
                    "--spring.mongodb.uri="
                        + id.aduan.testsupport.InJvmMongo.freshDatabaseUri("email-outage"),
                    "--server.port=0",
                    "--aduan.email.imap.port=" + greenMail.getImap().getPort(),
                    "--aduan.email.accounts[0].address=" + MAILBOX,
                    "--aduan.email.accounts[0].password=" + PASSWORD,
                    "--aduan.email.poll-interval=500ms",
                    "--aduan.email.publication-check-timeout=3s",
                    "--aduan.email.reconnect-initial-backoff=200ms",
                    "--aduan.email.reconnect-max-backoff=1s");
        MongoTemplate mongo = app.getBean(MongoTemplate.class);
        MeterRegistry meters = app.getBean(MeterRegistry.class);

        // Kafka is up: the first mail goes through (the service has sent to the topic before).
        deliver(user, 0);
        assertThat(
                MailKit.read(
                    probe.awaitAtLeast(1, Duration.ofSeconds(60)), ComplaintReceived.class))
            .hasSize(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> allSeen(greenMail, user));
        long checkpointBefore = lastUid(mongo);

        kafka.refuse();
        for (int i = 1; i < MAILS; i++) {
          deliver(user, i);
        }
        // The service tried, Kafka did not acknowledge; it read the mailbox again and could not
        // find out from Kafka whether the publication got there, so it still did nothing.
        double reconnects = readReconnects(meters);
        await()
            .atMost(Duration.ofSeconds(90))
            .until(() -> failedPublishes(meters) >= 1 && readReconnects(meters) >= reconnects + 2);
        assertThat(lastUid(mongo)).as("checkpoint").isEqualTo(checkpointBefore);
        assertThat(doneKeys(mongo)).as("dedup keys marked done").isEqualTo(1);
        assertThat(inbox(greenMail, user))
            .hasSize(MAILS)
            .filteredOn(m -> m.isSet(Flags.Flag.SEEN))
            .hasSize(1);

        kafka.restore();
        await().atMost(Duration.ofSeconds(120)).until(() -> allSeen(greenMail, user));
        List<ComplaintReceived> all =
            MailKit.read(probe.readToEnd(Duration.ofSeconds(60)), ComplaintReceived.class);
        List<String> expected = new ArrayList<>();
        IntStream.range(0, MAILS).forEach(i -> expected.add(messageId(i)));
        assertThat(all)
            .extracting(ComplaintReceived::providerMessageId)
            .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(doneKeys(mongo)).isEqualTo(MAILS);
        assertThat(lastUid(mongo)).isGreaterThan(checkpointBefore);
      }
    } finally {
      if (app != null) {
        app.close();
      }
      greenMail.stop();
      broker.destroy();
    }
  }

  private static String messageId(int i) {
    return "<outage-" + i + "@warga.test>";
  }

  private static void deliver(GreenMailUser user, int i) throws Exception {
    String raw =
        MailKit.citizenMail(
            messageId(i), "warga" + i + "@warga.test", MAILBOX, "Keluhan " + i, "isi " + i);
    user.deliver(
        new MimeMessage(
            Session.getInstance(new Properties()),
            new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))));
  }

  private static double failedPublishes(MeterRegistry meters) {
    var c =
        meters
            .find("aduan.publish")
            .tags("topic", Topics.COMPLAINTS_INBOUND, "outcome", "failed")
            .counter();
    return c == null ? 0 : c.count();
  }

  private static double readReconnects(MeterRegistry meters) {
    var c = meters.find("aduan.email.imap.reconnects").tag("connection", "read").counter();
    return c == null ? 0 : c.count();
  }

  private static long lastUid(MongoTemplate mongo) {
    Document d = mongo.findById(MAILBOX, Document.class, "mailbox_checkpoints");
    return d == null ? 0 : ((Number) d.get("lastUid")).longValue();
  }

  private static long doneKeys(MongoTemplate mongo) {
    return mongo.findAll(Document.class, "processed_mails").stream()
        .filter(d -> !"PENDING".equals(d.getString("state")))
        .count();
  }

  private static List<StoredMessage> inbox(GreenMail greenMail, GreenMailUser user)
      throws Exception {
    return greenMail.getManagers().getImapHostManager().getInbox(user).getMessages();
  }

  private static boolean allSeen(GreenMail greenMail, GreenMailUser user) throws Exception {
    List<StoredMessage> inbox = inbox(greenMail, user);
    return !inbox.isEmpty() && inbox.stream().allMatch(m -> m.isSet(Flags.Flag.SEEN));
  }
}
