package id.aduan.testsupport.archfixture.good.client;

import io.github.resilience4j.retry.Retry;

/** Retries where they belong. */
public class Calls {

  private final Retry retry = Retry.ofDefaults("calls");

  public void call(Runnable request) {
    retry.executeRunnable(request);
  }
}
