package id.aduan.lapor;

import id.aduan.testsupport.ServiceArchitectureTest;

class ArchitectureTest extends ServiceArchitectureTest {

  ArchitectureTest() {
    super("id.aduan.lapor");
  }
}
