package id.aduan.cases.persistence;

import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * One counter per agency and year, advanced with an atomic findAndModify. A number handed out is
 * never handed out again, even when the case it was meant for is never stored (a gap, not a reuse).
 */
@Repository
public class TicketSequences {

  private final MongoTemplate mongo;

  TicketSequences(MongoTemplate mongo) {
    this.mongo = mongo;
  }

  public long next(String agencyCode, int year) {
    Counter counter =
        mongo.findAndModify(
            Query.query(Criteria.where("_id").is(agencyCode + "-" + year)),
            new Update().inc("value", 1L),
            FindAndModifyOptions.options().upsert(true).returnNew(true),
            Counter.class,
            "ticket_sequences");
    if (counter == null) {
      throw new IllegalStateException("the ticket counter did not return a value");
    }
    return counter.value();
  }

  record Counter(String id, long value) {}
}
