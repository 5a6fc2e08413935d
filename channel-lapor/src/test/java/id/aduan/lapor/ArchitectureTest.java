package id.aduan.lapor;

import id.aduan.testsupport.DomainArchitecture;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

  @Test
  void theDomainIsPlainJavaAndDependsOnNoLayerAroundIt() {
    DomainArchitecture.check("id.aduan.lapor");
  }
}
