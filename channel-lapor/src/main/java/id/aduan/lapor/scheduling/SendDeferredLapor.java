package id.aduan.lapor.scheduling;

import id.aduan.lapor.messaging.ReportToLapor;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Tries again the outbound messages that failed transiently once their next attempt has come
 * (docs/adr/0041), every {@code aduan.outbound.retry.poll-interval}.
 */
@Component
class SendDeferredLapor {

  /** At most this many per run, so that one run never holds the scheduler thread for long. */
  static final int BATCH = 200;

  private final ReportToLapor deliver;

  SendDeferredLapor(ReportToLapor deliver) {
    this.deliver = deliver;
  }

  @Scheduled(fixedDelayString = "${aduan.outbound.retry.poll-interval:1s}")
  void sendDue() {
    deliver.sendDue(BATCH);
  }
}
