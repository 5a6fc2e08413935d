package id.aduan.notification.persistence;

import id.aduan.notification.application.DailyCountStore;
import java.time.LocalDate;
import java.util.List;
import org.bson.Document;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * The automatic messages each recipient got per day ({@code daily_counts}, {@code _id} = recipient
 * and date), as a set of notification ids, so that a redelivery is not counted twice.
 */
@Repository
public class DailyCounts implements DailyCountStore {

  private static final String COLLECTION = "daily_counts";
  private final MongoTemplate mongo;

  DailyCounts(MongoTemplate mongo) {
    this.mongo = mongo;
  }

  /** Counts the notification for the day and returns its place among the day's (0 = first). */
  public int place(String toKey, LocalDate day, String notificationId) {
    Document after =
        mongo.findAndModify(
            Query.query(Criteria.where("_id").is(toKey + "/" + day)),
            new Update().addToSet("ids", notificationId),
            FindAndModifyOptions.options().upsert(true).returnNew(true),
            Document.class,
            COLLECTION);
    List<String> ids = after == null ? List.of() : after.getList("ids", String.class, List.of());
    return Math.max(0, ids.indexOf(notificationId));
  }
}
