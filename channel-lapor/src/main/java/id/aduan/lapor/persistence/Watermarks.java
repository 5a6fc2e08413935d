package id.aduan.lapor.persistence;

import id.aduan.lapor.domain.Watermark;
import java.time.Instant;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/** The updated-at watermark of each LAPOR! agency id, one document each. */
@Repository
public class Watermarks {

  static final String COLLECTION = "lapor_watermarks";
  private final MongoTemplate mongo;

  Watermarks(MongoTemplate mongo) {
    this.mongo = mongo;
  }

  public Watermark of(String laporAgencyId) {
    WatermarkDocument doc = mongo.findById(laporAgencyId, WatermarkDocument.class, COLLECTION);
    return doc == null ? Watermark.START : new Watermark(doc.value());
  }

  /**
   * Moves the watermark forward only (a conditional update): two instances polling at once can
   * never move it back.
   */
  public void advance(String laporAgencyId, Watermark to, Instant now) {
    Query query =
        Query.query(
            Criteria.where("_id")
                .is(laporAgencyId)
                .orOperator(
                    Criteria.where("value").lt(to.value()), Criteria.where("value").exists(false)));
    try {
      mongo.findAndModify(
          query,
          new Update().set("value", to.value()).set("advancedAt", now),
          FindAndModifyOptions.options().upsert(true),
          WatermarkDocument.class,
          COLLECTION);
    } catch (org.springframework.dao.DuplicateKeyException e) {
      // The document exists with a later value: the upsert lost to it, which is what we want.
    }
  }

  record WatermarkDocument(String id, Instant value, Instant advancedAt) {}
}
