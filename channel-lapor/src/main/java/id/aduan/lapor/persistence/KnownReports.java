package id.aduan.lapor.persistence;

import id.aduan.lapor.domain.KnownReport;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * What the adapter last knew of each report ({@link KnownReport}), one document per tracking id,
 * kept for good: a report may change again months later.
 */
@Repository
public class KnownReports {

  static final String COLLECTION = "lapor_known_reports";
  private final MongoTemplate mongo;

  KnownReports(MongoTemplate mongo) {
    this.mongo = mongo;
  }

  public @Nullable KnownReport of(String trackingId) {
    Known doc = mongo.findById(trackingId, Known.class, COLLECTION);
    return doc == null ? null : new KnownReport(doc.status(), doc.reporterFollowUps());
  }

  public void save(String trackingId, KnownReport known, Instant at) {
    mongo.upsert(
        byId(trackingId),
        new Update()
            .set("status", known.status())
            .set("reporterFollowUps", known.reporterFollowUps())
            .set("at", at),
        COLLECTION);
  }

  /**
   * Records a status we are about to set in LAPOR!, so that the poll does not take our own change
   * for LAPOR!'s.
   *
   * <p>A report never polled is left unknown: its first poll must still publish it.
   *
   * @return the status known before, to restore when the change fails; null when none
   */
  public @Nullable String ownStatus(String trackingId, String status, Instant at) {
    Known before =
        mongo.findAndModify(
            byId(trackingId),
            new Update().set("status", status).set("at", at),
            FindAndModifyOptions.options().returnNew(false),
            Known.class,
            COLLECTION);
    return before == null ? null : before.status();
  }

  public void restoreStatus(String trackingId, @Nullable String status) {
    if (status != null) {
      mongo.updateFirst(byId(trackingId), new Update().set("status", status), COLLECTION);
    }
  }

  private static Query byId(String trackingId) {
    return Query.query(Criteria.where("_id").is(trackingId));
  }

  record Known(String id, String status, int reporterFollowUps, Instant at) {}
}
