package id.aduan.cases.persistence;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The cases repository on a template, for tests of other packages. */
public final class TestCases {

  private TestCases() {}

  /** On a template without mapping listeners (no personal-data codec). */
  public static Cases on(MongoTemplate mongo) {
    return new Cases(mongo, event -> {});
  }

  /** On a template whose mapping events go to {@code events}, as in the service. */
  public static Cases on(MongoTemplate mongo, ApplicationEventPublisher events) {
    return new Cases(mongo, events);
  }

  public static TicketSequences tickets(MongoTemplate mongo) {
    return new TicketSequences(mongo);
  }
}
