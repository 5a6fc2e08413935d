package id.aduan.email.persistence;

import id.aduan.email.domain.Checkpoint;
import java.time.Instant;
import java.util.Optional;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/** The UID checkpoint of each mailbox, one document per mailbox address. */
@Repository
public class Checkpoints {

  static final String COLLECTION = "mailbox_checkpoints";
  private final MongoTemplate mongo;

  public Checkpoints(MongoTemplate mongo) {
    this.mongo = mongo;
  }

  public Optional<Checkpoint> find(String mailbox) {
    return Optional.ofNullable(mongo.findById(mailbox, Stored.class, COLLECTION))
        .map(s -> new Checkpoint(s.id(), s.uidValidity(), s.lastUid()));
  }

  /** Called only after Kafka acknowledged every mail up to {@code lastUid}. */
  public void save(Checkpoint checkpoint, Instant at) {
    mongo.upsert(
        Query.query(Criteria.where("_id").is(checkpoint.mailbox())),
        Update.update("uidValidity", checkpoint.uidValidity())
            .set("lastUid", checkpoint.lastUid())
            .set("at", at),
        COLLECTION);
  }

  record Stored(String id, long uidValidity, long lastUid, Instant at) {}
}
