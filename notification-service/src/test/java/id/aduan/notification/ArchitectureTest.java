package id.aduan.notification;

import id.aduan.testsupport.ServiceArchitectureTest;

class ArchitectureTest extends ServiceArchitectureTest {

  ArchitectureTest() {
    super("id.aduan.notification");
  }
}
