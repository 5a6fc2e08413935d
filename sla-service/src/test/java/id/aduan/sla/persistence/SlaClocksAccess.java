package id.aduan.sla.persistence;

import org.springframework.data.mongodb.core.MongoTemplate;

/** Lets tests in other packages build the package-private repositories. */
public final class SlaClocksAccess {
  private SlaClocksAccess() {}

  public static SlaClocks create(MongoTemplate mongo) {
    return new SlaClocks(mongo);
  }

  public static FiredLevels fired(MongoTemplate mongo) {
    return new FiredLevels(mongo);
  }
}
