package id.aduan.whatsapp.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import id.aduan.testsupport.InJvmMongo;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Against the in-JVM MongoDB-protocol server. */
class ProcessedIdsTest {

  private static final Instant AT = Instant.parse("2026-11-20T03:00:00Z");
  private MongoClient client;
  private MongoTemplate mongo;
  private ProcessedIds processed;

  @BeforeEach
  void freshDatabase() {
    String uri = InJvmMongo.freshDatabaseUri("whatsapp-processed");
    client = MongoClients.create(uri);
    mongo = new MongoTemplate(client, uri.substring(uri.lastIndexOf('/') + 1));
    processed = new ProcessedIds(mongo);
  }

  @AfterEach
  void close() throws Exception {
    processed.destroy();
    client.close();
  }

  @Test
  void givenUnknownId_thenNotSeenAndTheFirstRememberWins() {
    assertThat(processed.seen("wamid", "wamid.1")).isFalse();

    assertThat(processed.remember("wamid", "wamid.1", AT)).isTrue();

    assertThat(processed.seen("wamid", "wamid.1")).isTrue();
  }

  @Test
  void givenTheSameIdRememberedTwice_thenTheSecondReportsItWasAlreadyThere() {
    processed.remember("outbound", "evt-1", AT);

    assertThat(processed.remember("outbound", "evt-1", AT.plusSeconds(5))).isFalse();
    assertThat(mongo.getCollection(ProcessedIds.COLLECTION).countDocuments()).isEqualTo(1);
  }

  @Test
  void idsOfDifferentKindsDoNotCollide() {
    processed.remember("wamid", "same-id", AT);

    assertThat(processed.seen("outbound", "same-id")).isFalse();
    assertThat(processed.remember("outbound", "same-id", AT)).isTrue();
  }

  @Test
  void givenForgottenId_thenItCanBeClaimedAgain() {
    processed.remember("outbound", "evt-2", AT);

    processed.forget("outbound", "evt-2");

    assertThat(processed.seen("outbound", "evt-2")).isFalse();
    assertThat(processed.remember("outbound", "evt-2", AT)).isTrue();
  }

  @Test
  void keysExpireThroughATtlIndexOnTheirTime() {
    processed.remember("wamid", "wamid.ttl", AT);

    Document stored =
        mongo
            .getCollection(ProcessedIds.COLLECTION)
            .find(new Document("_id", "wamid:wamid.ttl"))
            .first();
    assertThat(stored).isNotNull();
    assertThat(stored.get("at")).isInstanceOf(Date.class);
    assertThat(mongo.getCollection(ProcessedIds.COLLECTION).listIndexes())
        .anySatisfy(
            index -> {
              assertThat(index.get("key", Document.class)).containsKey("at");
              assertThat(((Number) index.get("expireAfterSeconds")).longValue())
                  .isGreaterThanOrEqualTo(7 * 24 * 3600L);
            });
  }

  @Test
  void keysRememberedOffThePathAreSeenAtOnceAndWrittenForAnyLaterInstance() throws Exception {
    processed.remember("wamid", "wamid.stored", AT);

    processed.rememberSoon("wamid", "wamid.soon", AT);

    assertThat(processed.seen("wamid", "wamid.soon")).as("from memory, before the write").isTrue();
    assertThat(processed.seenSoon("wamid", "wamid.soon").join()).isTrue();
    processed.flush();
    ProcessedIds restarted = new ProcessedIds(mongo);
    try {
      assertThat(restarted.seenSoon("wamid", "wamid.soon").join()).isTrue();
      assertThat(restarted.seenSoon("wamid", "wamid.stored").join()).isTrue();
      assertThat(restarted.seenSoon("wamid", "wamid.never").join()).isFalse();
      assertThat(
              mongo
                  .getCollection(ProcessedIds.COLLECTION)
                  .find(new Document("_id", "wamid:wamid.soon"))
                  .first())
          .isNotNull()
          .satisfies(d -> assertThat(d.get("at")).isEqualTo(Date.from(AT)));
    } finally {
      restarted.destroy();
    }
  }
}
