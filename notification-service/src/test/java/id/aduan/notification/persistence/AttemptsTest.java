package id.aduan.notification.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import id.aduan.testsupport.InJvmMongo;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Against the in-JVM MongoDB-protocol server. */
class AttemptsTest {

  private static final Instant AT = Instant.parse("2026-11-20T03:00:00Z");
  private MongoClient client;
  private Attempts attempts;

  @BeforeEach
  void freshDatabase() {
    String uri = InJvmMongo.freshDatabaseUri("attempts");
    client = MongoClients.create(uri);
    attempts = new Attempts(new MongoTemplate(client, uri.substring(uri.lastIndexOf('/') + 1)));
    attempts.created(
        new Attempts.Attempt(
            "out-1",
            "evt/WHATSAPP:628",
            "c-1",
            "BDG",
            "ANSWER",
            "WHATSAPP",
            "PENDING",
            AT,
            List.of(),
            false));
  }

  @AfterEach
  void close() {
    client.close();
  }

  @Test
  void everyReceiptIsKeptOnceAndTheStatusOnlyMovesForward() {
    Attempts.Receipt read = new Attempts.Receipt("READ", AT.plusSeconds(20), null);
    attempts.receipt("out-1", new Attempts.Receipt("SENT", AT, null));
    attempts.receipt("out-1", read);
    attempts.receipt("out-1", read);
    attempts.receipt("out-1", new Attempts.Receipt("DELIVERED", AT.plusSeconds(10), null));

    Attempts.Attempt attempt = attempts.byId("out-1").orElseThrow();
    assertThat(attempt.status()).isEqualTo("READ");
    assertThat(attempt.receipts())
        .extracting(Attempts.Receipt::status)
        .containsExactly("SENT", "READ", "DELIVERED");
    assertThat(attempts.forCase("c-1")).hasSize(1);
  }

  @Test
  void aReceiptForAMessageThatIsNotOursIsNotRecorded() {
    assertThat(attempts.receipt("someone-elses", new Attempts.Receipt("SENT", AT, null))).isEmpty();
    assertThat(attempts.byId("someone-elses")).isEmpty();
  }

  @Test
  void theFallbackOfAFailedAttemptIsClaimedOnce() {
    attempts.receipt("out-1", new Attempts.Receipt("FAILED", AT, "131026"));

    assertThat(attempts.claimFallback("out-1")).isTrue();
    assertThat(attempts.claimFallback("out-1")).isFalse();
    assertThat(attempts.byId("out-1").orElseThrow().status()).isEqualTo("FAILED");
  }
}
