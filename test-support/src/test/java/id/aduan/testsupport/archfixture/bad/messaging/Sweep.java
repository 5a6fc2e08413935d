package id.aduan.testsupport.archfixture.bad.messaging;

import io.github.resilience4j.retry.Retry;
import org.springframework.scheduling.annotation.Scheduled;

/** Breaks the two placement rules: a timer and a retry outside their packages. */
public class Sweep {

  private final Retry retry = Retry.ofDefaults("sweep");

  @Scheduled(fixedDelay = 1000)
  void sweep() {
    retry.executeRunnable(() -> {});
  }
}
