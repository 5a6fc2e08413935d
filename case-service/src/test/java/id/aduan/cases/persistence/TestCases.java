package id.aduan.cases.persistence;

import org.springframework.data.mongodb.core.MongoTemplate;

/** The cases repository on a template, for tests of other packages. */
public final class TestCases {

  private TestCases() {}

  public static Cases on(MongoTemplate mongo) {
    return new Cases(mongo);
  }

  public static TicketSequences tickets(MongoTemplate mongo) {
    return new TicketSequences(mongo);
  }
}
