package id.aduan.whatsapp.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import id.aduan.testsupport.InJvmMongo;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Deferred messages in {@code outbound_sends}, against the in-JVM MongoDB-protocol server. */
class OutboundSendsTest {

  private static final Instant AT = Instant.parse("2026-12-07T02:00:00Z");
  private static final Duration LEASE = Duration.ofSeconds(60);
  private static final byte[] PAYLOAD = "{\"eventId\":\"e-1\"}".getBytes(StandardCharsets.UTF_8);
  private MongoClient client;
  private OutboundSends sends;

  @BeforeEach
  void freshDatabase() {
    String uri = InJvmMongo.freshDatabaseUri("whatsapp-sends");
    client = MongoClients.create(uri);
    sends = new OutboundSends(new MongoTemplate(client, uri.substring(uri.lastIndexOf('/') + 1)));
  }

  @AfterEach
  void close() {
    client.close();
  }

  @Test
  void aDeferredMessageIsKeptWithItsSlotAndClaimedOnceWhenItsTimeHasCome() {
    sends.claim("e-1", AT, LEASE);
    sends.partSent("e-1", "wamid.1");
    sends.defer("e-1", AT.plusSeconds(6), PAYLOAD, 0, "CITIZEN");

    assertThat(sends.claim("e-1", AT.plusSeconds(1), LEASE))
        .as("a redelivery from the topic leaves it to the deferred sender")
        .isEqualTo(new OutboundSends.Claim.Deferred(AT.plusSeconds(6)));
    assertThat(sends.claimDue(AT.plusSeconds(5), LEASE)).isEmpty();

    OutboundSends.Due due = sends.claimDue(AT.plusSeconds(6), LEASE).orElseThrow();
    assertThat(due.eventId()).isEqualTo("e-1");
    assertThat(due.payload()).isEqualTo(PAYLOAD);
    assertThat(due.sentParts()).containsExactly("wamid.1");
    assertThat(due.held()).isEqualTo("CITIZEN");
    assertThat(sends.claimDue(AT.plusSeconds(7), LEASE)).as("under its lease").isEmpty();

    sends.done("e-1", "SENT");
    assertThat(sends.claimDue(AT.plusSeconds(100), LEASE)).isEmpty();
    assertThat(sends.claim("e-1", AT.plusSeconds(100), LEASE))
        .isEqualTo(new OutboundSends.Claim.AlreadyDone());
  }

  @Test
  void aDeferredSendThatCrashedIsClaimedAgainOnceItsLeaseExpired() {
    sends.claim("e-1", AT, LEASE);
    sends.defer("e-1", AT.plusSeconds(6), PAYLOAD, 2, null);
    sends.claimDue(AT.plusSeconds(6), LEASE).orElseThrow();

    OutboundSends.Due again = sends.claimDue(AT.plusSeconds(6).plus(LEASE), LEASE).orElseThrow();

    assertThat(again.attempts()).isEqualTo(2);
    assertThat(again.held()).isNull();
  }

  @Test
  void theEarliestSlotIsClaimedFirstAndAReleasedMessageIsLeftToItsRedelivery() {
    for (String id : List.of("late", "early", "released")) {
      sends.claim(id, AT, LEASE);
    }
    sends.defer("late", AT.plusSeconds(12), PAYLOAD, 0, "CITIZEN");
    sends.defer("early", AT.plusSeconds(6), PAYLOAD, 0, "CITIZEN");
    sends.release("released", AT);

    assertThat(sends.claimDue(AT.plusSeconds(20), LEASE).orElseThrow().eventId())
        .isEqualTo("early");
    assertThat(sends.claimDue(AT.plusSeconds(20), LEASE).orElseThrow().eventId()).isEqualTo("late");
    assertThat(sends.claimDue(AT.plusSeconds(20), LEASE)).isEmpty();
  }
}
