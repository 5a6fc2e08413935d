package id.aduan.whatsapp.scheduling;

import id.aduan.whatsapp.messaging.DeliverWhatsApp;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends the outbound messages that pacing deferred once their slot has come
 * (docs/adr/0037-outbound-pacing-defers.md), every {@code aduan.whatsapp.deferred-poll-interval}.
 */
@Component
class SendDeferred {

  /** At most this many per run, so that one run never holds the scheduler thread for long. */
  static final int BATCH = 200;

  private final DeliverWhatsApp deliver;

  SendDeferred(DeliverWhatsApp deliver) {
    this.deliver = deliver;
  }

  @Scheduled(fixedDelayString = "${aduan.whatsapp.deferred-poll-interval:500ms}")
  void sendDue() {
    deliver.sendDue(BATCH);
  }
}
