package id.aduan.notification.persistence;

import id.aduan.contracts.ReplyAddress;
import id.aduan.notification.application.WindowStore;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * When each citizen last wrote on each address ({@code citizen_windows}, {@code _id} = {@link
 * Recipients#key}: channel, account and the keyed hash of the recipient): WhatsApp's and Meta's
 * windows count from it.
 */
@Repository
public class CitizenWindows implements WindowStore {

  private static final String COLLECTION = "citizen_windows";
  private final MongoTemplate mongo;
  private final Recipients recipients;

  CitizenWindows(MongoTemplate mongo, Recipients recipients) {
    this.mongo = mongo;
    this.recipients = recipients;
  }

  /** Moves the last inbound moment forward only, so a late redelivery does not shrink it. */
  public Instant touch(ReplyAddress address, Instant at) {
    Document after =
        mongo.findAndModify(
            Query.query(Criteria.where("_id").is(recipients.key(address))),
            new Update().max("lastInboundAt", Date.from(at)),
            FindAndModifyOptions.options().upsert(true).returnNew(true),
            Document.class,
            COLLECTION);
    return after == null || after.getDate("lastInboundAt") == null
        ? at
        : after.getDate("lastInboundAt").toInstant();
  }

  public @Nullable Instant lastInbound(ReplyAddress address) {
    Document doc =
        mongo.getCollection(COLLECTION).find(new Document("_id", recipients.key(address))).first();
    return doc == null || doc.getDate("lastInboundAt") == null
        ? null
        : doc.getDate("lastInboundAt").toInstant();
  }
}
