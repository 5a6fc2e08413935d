package id.aduan.cases.persistence;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Against the in-JVM MongoDB-protocol server; {@link TicketSequencesContract} holds the cases. */
class TicketSequencesTest extends TicketSequencesContract {

  private MongoTestDatabase db;

  @BeforeEach
  void freshDatabase() {
    db = MongoTestDatabase.fresh("tickets");
    tickets = new TicketSequences(db.mongo());
  }

  @AfterEach
  void close() {
    db.close();
  }
}
