package id.aduan.notification.scheduling;

import id.aduan.agency.AgencyCatalog;
import id.aduan.notification.application.Dispatch;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends held messages whose time has come: quiet hours over, the next morning after the daily limit
 * was reached, the survey's delay passed. Several instances may run it: each message is released by
 * one conditional write.
 */
@Component
public class ReleaseHeld {

  private final Dispatch dispatch;
  private final AgencyCatalog agencies;

  ReleaseHeld(Dispatch dispatch, AgencyCatalog agencies) {
    this.dispatch = dispatch;
    this.agencies = agencies;
  }

  @Scheduled(fixedDelayString = "${aduan.notification.release-interval:30s}")
  public int release() {
    return dispatch.releaseDue(agencies::byCode, 100);
  }
}
