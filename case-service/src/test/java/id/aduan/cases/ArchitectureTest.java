package id.aduan.cases;

import id.aduan.testsupport.ServiceArchitectureTest;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

class ArchitectureTest extends ServiceArchitectureTest {

  ArchitectureTest() {
    super("id.aduan.cases");
  }

  @Override
  @Test
  @Disabled("until messaging/OutboxRelay's @Scheduled sweep moves to scheduling; see issue 22")
  public void scheduledWorkLivesInScheduling() {
    super.scheduledWorkLivesInScheduling();
  }
}
