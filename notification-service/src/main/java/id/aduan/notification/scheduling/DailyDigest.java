package id.aduan.notification.scheduling;

import id.aduan.agency.Agency;
import id.aduan.agency.AgencyCatalog;
import id.aduan.notification.application.CaseViewStore;
import id.aduan.notification.application.Dispatch;
import id.aduan.notification.application.RecipientKeys;
import id.aduan.notification.config.NotificationProperties;
import id.aduan.notification.domain.Decisions;
import id.aduan.notification.domain.Digests;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The daily per-division digest of open and late cases, by email, once per division, recipient and
 * day (the id holds the date), at or after the agency's {@code notifications.digestAt}.
 */
@Component
public class DailyDigest {

  private final AgencyCatalog agencies;
  private final CaseViewStore cases;
  private final Dispatch dispatch;
  private final Clock clock;
  private final boolean enabled;
  private final RecipientKeys recipients;

  DailyDigest(
      AgencyCatalog agencies,
      CaseViewStore cases,
      Dispatch dispatch,
      Clock clock,
      NotificationProperties properties,
      RecipientKeys recipients) {
    this.agencies = agencies;
    this.cases = cases;
    this.dispatch = dispatch;
    this.clock = clock;
    this.enabled = properties.digest().enabled();
    this.recipients = recipients;
  }

  @Scheduled(fixedDelayString = "${aduan.notification.digest.check-interval:1m}")
  public int run() {
    if (!enabled) {
      return 0;
    }
    Instant now = clock.instant();
    int sent = 0;
    for (Agency agency : agencies.all()) {
      ZonedDateTime local = now.atZone(agency.timeZone());
      if (local.toLocalTime().isBefore(agency.rules().notifications().digestAt())) {
        continue;
      }
      for (Digests.DivisionDigest digest : Digests.of(agency, cases.ofAgency(agency.code()))) {
        var rendered = Digests.render(digest, agency, now, agency.language());
        for (var to : Decisions.staffAddresses(digest.to(), agency)) {
          String id =
              "digest/"
                  + agency.code()
                  + "/"
                  + digest.division()
                  + "/"
                  + local.toLocalDate()
                  + "/EMAIL:"
                  + recipients.hash(to.recipientId());
          if (dispatch.sendOnce(id, to, rendered, agency)) {
            sent++;
          }
        }
      }
    }
    return sent;
  }
}
