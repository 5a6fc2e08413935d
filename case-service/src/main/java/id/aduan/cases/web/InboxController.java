package id.aduan.cases.web;

import id.aduan.cases.domain.CaseState;
import id.aduan.cases.persistence.CaseQueries;
import id.aduan.cases.security.Caller;
import id.aduan.cases.security.Role;
import id.aduan.contracts.CaseStatus;
import id.aduan.contracts.CaseType;
import id.aduan.contracts.Channel;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The officer's work queue ({@code GET /api/v1/inbox}): the cases of their agency, and for a
 * division officer only those routed to their division (in the query), each with its SLA badge. No
 * message text and no personal data: the case detail shows those as the case API allows.
 */
@RestController
class InboxController {

  static final Set<CaseStatus> CLOSED =
      EnumSet.of(CaseStatus.RESOLVED, CaseStatus.ARCHIVED, CaseStatus.REJECTED, CaseStatus.MERGED);

  private static final int LIMIT = 500;

  private final CaseQueries queries;
  private final Officer officers;
  private final Clock clock;

  InboxController(CaseQueries queries, Officer officers, Clock clock) {
    this.queries = queries;
    this.officers = officers;
    this.clock = clock;
  }

  /**
   * The SLA state of a case as a badge: the most urgent of its clocks.
   *
   * @param state {@code OVERDUE} (a clock breached), {@code PAUSED} (waiting for the citizen),
   *     {@code WARNING}, {@code RUNNING}, {@code MET} or {@code NONE} (no clock yet)
   * @param secondsLeft until the nearest running deadline (negative when overdue), else null
   */
  record SlaBadge(
      String state,
      @Nullable String clock,
      @Nullable Instant deadline,
      @Nullable Long secondsLeft) {

    static SlaBadge of(Map<String, CaseState.Deadline> deadlines, Instant now) {
      if (deadlines.isEmpty()) {
        return new SlaBadge("NONE", null, null, null);
      }
      CaseState.Deadline nearest =
          deadlines.values().stream()
              .min(Comparator.comparingInt(SlaBadge::urgency).thenComparing(d -> d.deadline()))
              .orElseThrow();
      Long left =
          nearest.deadline() == null
              ? null
              : java.time.Duration.between(now, nearest.deadline()).toSeconds();
      String state =
          switch (id.aduan.contracts.ClockState.of(nearest.state())) {
            case BREACHED, STOPPED_LATE -> "OVERDUE";
            case PAUSED -> "PAUSED";
            case WARNING -> "WARNING";
            case MET -> "MET";
            case null, default -> left != null && left < 0 ? "OVERDUE" : "RUNNING";
          };
      return new SlaBadge(state, nearest.clock(), nearest.deadline(), left);
    }

    private static int urgency(CaseState.Deadline d) {
      return switch (id.aduan.contracts.ClockState.of(d.state())) {
        case BREACHED, STOPPED_LATE -> 0;
        case WARNING -> 1;
        case RUNNING -> 2;
        case PAUSED -> 3;
        case null, default -> 4;
      };
    }
  }

  record InboxItem(
      String ticket,
      CaseStatus status,
      CaseType caseType,
      Channel channel,
      String intakeMode,
      Instant receivedAt,
      @Nullable String division,
      @Nullable String suggestedDivision,
      @Nullable String topic,
      @Nullable String slaClass,
      int missing,
      int duplicateSuspects,
      SlaBadge sla) {}

  record Inbox(String role, @Nullable String division, List<InboxItem> cases) {}

  /**
   * @param status {@code open} (default: every state that still needs work), {@code closed}, {@code
   *     all}, or one state
   * @param division only this division (a division officer always sees only their own)
   * @param sla {@code overdue}, {@code paused}, {@code warning} or {@code running}
   * @param q a ticket or topic fragment
   * @param reception {@code true}: only walk-ins still waiting to be handed to an officer (their
   *     {@code walk-in-reception} clock runs): the duty officer's queue (petugas piket)
   */
  @GetMapping("/api/v1/inbox")
  Inbox inbox(
      @RequestParam(defaultValue = "open") String status,
      @RequestParam(required = false) @Nullable String division,
      @RequestParam(required = false) @Nullable Channel channel,
      @RequestParam(required = false) @Nullable String sla,
      @RequestParam(required = false) @Nullable String q,
      @RequestParam(defaultValue = "false") boolean reception,
      Principal principal) {
    // From the account or the token alike (Officer.caller): every endpoint sees one caller.
    Caller officer = officers.caller(principal);
    String scopedDivision = division == null || division.isBlank() ? null : division;
    if (officer.role() == Role.DIVISION_OFFICER) {
      if (officer.division() == null) {
        throw new ResponseStatusException(HttpStatus.FORBIDDEN, "officer without a division");
      }
      scopedDivision = officer.division();
    }
    Instant now = clock.instant();
    String needle = q == null ? "" : q.strip().toLowerCase(Locale.ROOT);
    List<InboxItem> items =
        queries
            .inbox(
                new CaseQueries.InboxFilter(
                    officer.agencyCode(), statuses(status), scopedDivision, channel, LIMIT))
            .stream()
            .filter(
                c ->
                    needle.isEmpty()
                        || c.state().ticket().toLowerCase(Locale.ROOT).contains(needle)
                        || (c.state().topic() != null
                            && c.state().topic().toLowerCase(Locale.ROOT).contains(needle)))
            .filter(c -> !reception || waitingForReception(c.state()))
            .map(c -> item(c.state(), now))
            .filter(i -> sla == null || sla.isBlank() || i.sla().state().equalsIgnoreCase(sla))
            .toList();
    return new Inbox(officer.role().name(), officer.division(), items);
  }

  /** The walk-in reception clock: a walk-in is handed to an officer within the hour. */
  static final String RECEPTION_CLOCK = "walk-in-reception";

  /** A walk-in whose reception clock still runs (nobody has routed or assigned it yet). */
  static boolean waitingForReception(CaseState c) {
    CaseState.Deadline d = c.deadlines().get(RECEPTION_CLOCK);
    if (d == null) {
      return false;
    }
    id.aduan.contracts.ClockState state = id.aduan.contracts.ClockState.of(d.state());
    return state == id.aduan.contracts.ClockState.RUNNING
        || state == id.aduan.contracts.ClockState.WARNING
        || state == id.aduan.contracts.ClockState.BREACHED
        || state == id.aduan.contracts.ClockState.PAUSED;
  }

  private static InboxItem item(CaseState c, Instant now) {
    return new InboxItem(
        c.ticket(),
        c.status(),
        c.caseType(),
        c.channel(),
        c.intakeMode(),
        c.receivedAt(),
        c.division(),
        c.suggestedDivision(),
        c.topic(),
        c.slaClass(),
        c.missing().size(),
        c.duplicateSuspects().size(),
        SlaBadge.of(c.deadlines(), now));
  }

  private static Set<CaseStatus> statuses(String status) {
    return switch (status.toLowerCase(Locale.ROOT)) {
      case "open" -> EnumSet.complementOf(EnumSet.copyOf(CLOSED));
      case "closed" -> EnumSet.copyOf(CLOSED);
      case "all" -> EnumSet.allOf(CaseStatus.class);
      default -> {
        try {
          yield EnumSet.of(CaseStatus.valueOf(status.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("unknown status " + status);
        }
      }
    };
  }
}
