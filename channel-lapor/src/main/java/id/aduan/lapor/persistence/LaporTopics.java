package id.aduan.lapor.persistence;

import id.aduan.lapor.domain.LaporGateway;
import java.time.Instant;
import java.util.List;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * LAPOR!'s category tree as last synchronised: one document per category (upserted, so a renamed
 * category keeps its id), and categories LAPOR! no longer lists are marked retired, not deleted,
 * because old reports still name them.
 */
@Repository
public class LaporTopics {

  static final String COLLECTION = "lapor_topics";
  private final MongoTemplate mongo;

  LaporTopics(MongoTemplate mongo) {
    this.mongo = mongo;
  }

  public void replaceWith(List<LaporGateway.Topic> topics, Instant at) {
    for (LaporGateway.Topic t : topics) {
      mongo.upsert(
          Query.query(Criteria.where("_id").is(t.id())),
          new Update()
              .set("name", t.name())
              .set("parentId", t.parentId())
              .set("syncedAt", at)
              .set("retired", false),
          COLLECTION);
    }
    mongo.updateMulti(
        Query.query(Criteria.where("syncedAt").lt(at)),
        new Update().set("retired", true),
        COLLECTION);
  }

  public List<TopicDocument> all() {
    return mongo.findAll(TopicDocument.class, COLLECTION);
  }

  public record TopicDocument(
      String id, String name, String parentId, Instant syncedAt, boolean retired) {}
}
