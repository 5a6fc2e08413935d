package id.aduan.email;

import id.aduan.testsupport.ServiceArchitectureTest;

class ArchitectureTest extends ServiceArchitectureTest {

  ArchitectureTest() {
    super("id.aduan.email");
  }
}
