package id.aduan.cases.web;

import id.aduan.agency.Agency;
import id.aduan.agency.AgencyCatalog;
import id.aduan.cases.application.OperationsReport;
import id.aduan.cases.client.MetricsScraper;
import id.aduan.cases.persistence.CaseQueries;
import id.aduan.cases.security.Caller;
import id.aduan.cases.security.Role;
import id.aduan.contracts.CaseStatus;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operations dashboard's data ({@code GET /api/v1/operations/summary}), read-only: figures from
 * the cases (volumes, backlog, SLA, medians) and adapter health from every service's metrics. An
 * {@code OPERATIONS} officer sees every agency (operations staff watch the platform); any other
 * officer sees their own agency. Counts and durations only, never a case's content.
 */
@RestController
class OperationsController {

  private static final EnumSet<CaseStatus> OPEN =
      EnumSet.complementOf(EnumSet.copyOf(InboxController.CLOSED));

  private final CaseQueries queries;
  private final Officer officers;
  private final AgencyCatalog agencies;
  private final MetricsScraper scraper;
  private final Clock clock;

  OperationsController(
      CaseQueries queries,
      Officer officers,
      AgencyCatalog agencies,
      MetricsScraper scraper,
      Clock clock) {
    this.queries = queries;
    this.officers = officers;
    this.agencies = agencies;
    this.scraper = scraper;
    this.clock = clock;
  }

  record Dashboard(OperationsReport.Summary cases, List<MetricsScraper.AdapterHealth> adapters) {}

  /**
   * @param days the window of volumes, SLA results and medians, ending now
   */
  @GetMapping("/api/v1/operations/summary")
  Dashboard summary(
      @RequestParam(defaultValue = "14") @Min(1) @Max(92) int days, Principal principal) {
    // From the account or the token alike (Officer.caller): every endpoint sees one caller.
    Caller officer = officers.caller(principal);
    List<String> scope =
        officer.role() == Role.OPERATIONS
            ? agencies.all().stream().map(Agency::code).sorted().toList()
            : List.of(officer.agencyCode());
    ZoneId zone =
        agencies.byCode(officer.agencyCode()).map(Agency::timeZone).orElse(ZoneId.of("UTC"));
    Instant to = clock.instant();
    Instant from = to.minus(Duration.ofDays(days));
    OperationsReport.Summary cases =
        OperationsReport.of(
            scope,
            queries.receivedSince(scope, from),
            queries.inStates(scope, OPEN),
            from,
            to,
            zone);
    return new Dashboard(cases, scraper.scrapeAll());
  }
}
