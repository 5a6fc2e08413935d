package id.aduan.testsupport.archfixture.good.scheduling;

import id.aduan.testsupport.archfixture.good.domain.Rules;
import org.springframework.scheduling.annotation.Scheduled;

/** A timer where it belongs. */
class Sweep {

  @Scheduled(fixedDelay = 1000)
  void sweep() {
    Rules.decide("sweep");
  }
}
