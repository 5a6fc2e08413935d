package id.aduan.sla.persistence;

import id.aduan.sla.config.SlaProperties;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Lets tests in other packages build the package-private repository. */
public final class DueSlotsAccess {
  private DueSlotsAccess() {}

  public static DueSlots create(MongoTemplate mongo, SlaProperties properties) {
    return new DueSlots(mongo, properties);
  }
}
