package id.aduan.email.scheduling;

import id.aduan.email.messaging.DeliverEmail;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Tries again the outbound messages that failed transiently once their next attempt has come
 * (docs/adr/0041), every {@code aduan.outbound.retry.poll-interval}.
 */
@Component
class SendDeferredMail {

  /** At most this many per run, so that one run never holds the scheduler thread for long. */
  static final int BATCH = 200;

  private final DeliverEmail deliver;

  SendDeferredMail(DeliverEmail deliver) {
    this.deliver = deliver;
  }

  @Scheduled(fixedDelayString = "${aduan.outbound.retry.poll-interval:1s}")
  void sendDue() {
    deliver.sendDue(BATCH);
  }
}
