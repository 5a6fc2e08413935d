package id.aduan.sla;

import id.aduan.testsupport.ServiceArchitectureTest;

class ArchitectureTest extends ServiceArchitectureTest {

  ArchitectureTest() {
    super("id.aduan.sla");
  }
}
