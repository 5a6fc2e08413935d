package id.aduan.lapor.persistence;

import id.aduan.lapor.domain.KnownReport;
import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
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

  /** LAPOR! statuses after which the report is not the agency's to work on (docs/lapor.md). */
  static final List<String> CLOSED_STATUSES = List.of("selesai", "arsip", "bukan_wewenang");

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
   * As {@link #save}, for a report the agency's listing showed: it is the agency's again (also
   * after it was dispositioned away and back) and is read again by {@link #toRecheck}.
   */
  public void save(String trackingId, KnownReport known, Instant at, String laporAgencyId) {
    save(trackingId, known, at);
    mongo.updateFirst(
        byId(trackingId),
        new Update().set("laporAgencyId", laporAgencyId).set("away", false).set("checkedAt", at),
        COLLECTION);
  }

  /**
   * Reports of the agency still open as far as the adapter knows (not dispositioned away, not in a
   * LAPOR! status that closes them), the least recently read first, at most {@code limit}.
   */
  public List<String> toRecheck(String laporAgencyId, int limit) {
    Query query =
        Query.query(
                Criteria.where("laporAgencyId")
                    .is(laporAgencyId)
                    .and("away")
                    .is(false)
                    .and("status")
                    .nin(CLOSED_STATUSES))
            .with(Sort.by("checkedAt").ascending())
            .limit(limit);
    query.fields().include("_id");
    return mongo.find(query, Document.class, COLLECTION).stream()
        .map(d -> String.valueOf(d.get("_id")))
        .toList();
  }

  /** The report was read again and is still the agency's. */
  public void checked(String trackingId, Instant at) {
    mongo.updateFirst(byId(trackingId), new Update().set("checkedAt", at), COLLECTION);
  }

  /** The report was dispositioned away: no longer read again, until a listing shows it again. */
  public void away(String trackingId, KnownReport known, Instant at) {
    mongo.updateFirst(
        byId(trackingId),
        new Update()
            .set("status", known.status())
            .set("reporterFollowUps", known.reporterFollowUps())
            .set("away", true)
            .set("checkedAt", at),
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
