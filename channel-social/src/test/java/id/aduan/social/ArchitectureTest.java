package id.aduan.social;

import id.aduan.testsupport.ServiceArchitectureTest;

class ArchitectureTest extends ServiceArchitectureTest {

  ArchitectureTest() {
    super("id.aduan.social");
  }
}
