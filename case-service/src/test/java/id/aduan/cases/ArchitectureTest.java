package id.aduan.cases;

import id.aduan.testsupport.ServiceArchitectureTest;
import org.junit.jupiter.api.Test;

class ArchitectureTest extends ServiceArchitectureTest {

  ArchitectureTest() {
    super("id.aduan.cases");
  }

  @Override
  @Test
  public void scheduledWorkLivesInScheduling() {
    super.scheduledWorkLivesInScheduling();
  }
}
