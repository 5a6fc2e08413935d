package id.aduan.cases.persistence;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Against the in-JVM MongoDB-protocol server; {@link CasesContract} holds the cases. */
class CasesTest extends CasesContract {

  private MongoTestDatabase db;

  @BeforeEach
  void freshDatabase() {
    db = MongoTestDatabase.fresh("cases");
    cases = TestCases.on(db.mongo());
  }

  @AfterEach
  void close() {
    db.close();
  }
}
