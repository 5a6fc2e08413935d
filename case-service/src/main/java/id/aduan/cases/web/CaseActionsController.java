package id.aduan.cases.web;

import id.aduan.agency.Agency;
import id.aduan.cases.application.CaseService;
import id.aduan.cases.application.VersionedCase;
import id.aduan.cases.desk.OfficerDesk;
import id.aduan.cases.domain.Action;
import id.aduan.cases.domain.Case;
import id.aduan.cases.security.Caller;
import id.aduan.contracts.CaseEvent;
import id.aduan.contracts.CaseType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The lifecycle actions an officer takes on a case of their agency, one POST each. Every body
 * carries the {@code version} of the case the officer saw: a case changed in between answers 409
 * (stale version), an action the case's state does not allow answers 409 (illegal transition), both
 * as problem details; so does an {@code If-Match} header naming another version (412). Each action
 * is allowed to some roles only ({@code security/Permissions}, else 403), and only on a case the
 * caller can see (their agency; their division for a division officer; else 404).
 */
@RestController
@RequestMapping("/api/v1/cases/{ticket}")
class CaseActionsController {

  /** Codes of the agency file and of the lifecycle (divisions, classes, steps, reasons). */
  static final String CODE = "[A-Za-z0-9_\\-]+";

  private final CaseService service;
  private final Officer officer;
  private final OfficerDesk desk;
  private final Assignees officers;
  private final Clock clock;

  CaseActionsController(
      CaseService service, Officer officer, OfficerDesk desk, Assignees officers, Clock clock) {
    this.service = service;
    this.officer = officer;
    this.desk = desk;
    this.officers = officers;
    this.clock = clock;
  }

  record Note(@NotNull @PositiveOrZero Long version, @Nullable @Size(max = 2000) String reason) {}

  record Classify(
      @NotNull @PositiveOrZero Long version,
      @NotNull CaseType caseType,
      @Nullable @Size(max = 40) @jakarta.validation.constraints.Pattern(regexp = CODE)
          String slaClass,
      @Nullable @Size(max = 200) String topic) {}

  record Route(
      @NotNull @PositiveOrZero Long version,
      @NotBlank @Size(max = 40) @jakarta.validation.constraints.Pattern(regexp = CODE)
          String division) {}

  record RequestInformation(
      @NotNull @PositiveOrZero Long version,
      @NotEmpty @Size(max = 20) List<@NotBlank @Size(max = 60) String> missing,
      @Nullable @Size(max = 2000) String reason) {}

  record Answer(@NotNull @PositiveOrZero Long version, @NotBlank @Size(max = 4000) String text) {}

  /** The berita acara. */
  record BeritaAcara(
      @NotBlank @Size(max = 4000) String whatWasDone,
      @NotEmpty @Size(max = 20) List<@NotBlank @Size(max = 100) String> doneBy,
      @NotNull Instant doneAt,
      @Nullable @Size(max = 50) List<@NotBlank @Size(max = 200) String> attachmentIds,
      @NotBlank @Size(max = 40) String citizenInformedVia) {}

  record Resolve(
      @NotNull @PositiveOrZero Long version,
      @NotBlank @Size(max = 1000) String summary,
      @NotNull @Valid BeritaAcara beritaAcara) {}

  record Reject(
      @NotNull @PositiveOrZero Long version,
      @NotBlank @Size(max = 40) @jakarta.validation.constraints.Pattern(regexp = CODE)
          String reasonCode,
      @NotBlank @Size(max = 2000) String reason) {}

  record Merge(
      @NotNull @PositiveOrZero Long version,
      @NotBlank @jakarta.validation.constraints.Pattern(regexp = CaseController.TICKET)
          String survivorTicket) {}

  /** A reason that must be given (reopening, extending a deadline). */
  record Reasoned(
      @NotNull @PositiveOrZero Long version, @NotBlank @Size(max = 2000) String reason) {}

  record PpidStep(
      @NotNull @PositiveOrZero Long version,
      @NotBlank @Size(max = 40) @jakarta.validation.constraints.Pattern(regexp = CODE)
          String step) {}

  record PpidGrant(
      @NotNull @PositiveOrZero Long version,
      @NotBlank @Size(max = 4000) String whatWasDone,
      @NotBlank @Size(max = 1000) String proofOfDelivery,
      @NotBlank @Size(max = 40) String citizenInformedVia,
      @Nullable @Size(max = 50) List<@NotBlank @Size(max = 200) String> attachmentIds) {}

  record PpidRefuse(
      @NotNull @PositiveOrZero Long version, @NotBlank @Size(max = 2000) String legalBasis) {}

  @PostMapping("/verify")
  CaseView verify(@PathVariable String ticket, @Valid @RequestBody Note body, Principal p) {
    return act(
        p, ticket, body.version(), "verify", (c, a) -> c.verify(p.getName(), body.reason(), now()));
  }

  @PostMapping("/mark-complete")
  CaseView markComplete(
      @PathVariable String ticket, @Valid @RequestBody Reasoned body, Principal p) {
    return act(
        p,
        ticket,
        body.version(),
        "mark-complete",
        (c, a) -> c.markComplete(p.getName(), body.reason(), now()));
  }

  @PostMapping("/classify")
  CaseView classify(@PathVariable String ticket, @Valid @RequestBody Classify body, Principal p) {
    return act(
        p,
        ticket,
        body.version(),
        "classify",
        (c, a) ->
            c.classify(a, body.caseType(), body.slaClass(), body.topic(), p.getName(), now()));
  }

  @PostMapping("/route")
  CaseView route(@PathVariable String ticket, @Valid @RequestBody Route body, Principal p) {
    return act(
        p,
        ticket,
        body.version(),
        "route",
        (c, a) -> c.route(a, body.division(), p.getName(), now()));
  }

  @PostMapping("/request-information")
  CaseView requestInformation(
      @PathVariable String ticket, @Valid @RequestBody RequestInformation body, Principal p) {
    return act(
        p,
        ticket,
        body.version(),
        "request-information",
        (c, a) ->
            c.requestInformation(body.missing(), List.of(), p.getName(), body.reason(), now()));
  }

  @PostMapping("/start-progress")
  CaseView startProgress(@PathVariable String ticket, @Valid @RequestBody Note body, Principal p) {
    return act(
        p,
        ticket,
        body.version(),
        "start-progress",
        (c, a) -> c.startProgress(a, p.getName(), body.reason(), now()));
  }

  @PostMapping("/answer")
  CaseView answer(@PathVariable String ticket, @Valid @RequestBody Answer body, Principal p) {
    return act(
        p, ticket, body.version(), "answer", (c, a) -> c.answer(body.text(), p.getName(), now()));
  }

  @PostMapping("/resolve")
  CaseView resolve(@PathVariable String ticket, @Valid @RequestBody Resolve body, Principal p) {
    BeritaAcara ba = body.beritaAcara();
    CaseEvent.ResolutionRecord record =
        new CaseEvent.ResolutionRecord(
            ba.whatWasDone(),
            ba.doneBy(),
            ba.doneAt(),
            ba.attachmentIds() == null ? List.of() : ba.attachmentIds(),
            ba.citizenInformedVia(),
            null);
    return act(
        p,
        ticket,
        body.version(),
        "resolve",
        (c, a) -> c.resolve(record, body.summary(), p.getName(), now()));
  }

  @PostMapping("/reject")
  CaseView reject(@PathVariable String ticket, @Valid @RequestBody Reject body, Principal p) {
    return act(
        p,
        ticket,
        body.version(),
        "reject",
        (c, a) -> c.reject(body.reasonCode(), body.reason(), p.getName(), now()));
  }

  @PostMapping("/merge")
  CaseView merge(@PathVariable String ticket, @Valid @RequestBody Merge body, Principal p) {
    Caller caller = checked(p, ticket, "merge");
    officer.visible(caller, body.survivorTicket());
    Agency agency = officer.agencyOf(caller);
    return CaseView.of(
        service
            .merge(agency, ticket, body.survivorTicket(), body.version(), p.getName())
            .versioned(),
        agency);
  }

  @PostMapping("/extend-deadline")
  CaseView extendDeadline(
      @PathVariable String ticket, @Valid @RequestBody Reasoned body, Principal p) {
    return act(
        p,
        ticket,
        body.version(),
        "extend-deadline",
        (c, a) -> c.extendDeadline(a, body.reason(), p.getName(), now()));
  }

  @PostMapping("/reopen")
  CaseView reopen(@PathVariable String ticket, @Valid @RequestBody Reasoned body, Principal p) {
    return act(
        p, ticket, body.version(), "reopen", (c, a) -> c.reopen(body.reason(), p.getName(), now()));
  }

  @PostMapping("/archive")
  CaseView archive(@PathVariable String ticket, @Valid @RequestBody Note body, Principal p) {
    return act(
        p,
        ticket,
        body.version(),
        "archive",
        (c, a) -> c.archive(p.getName(), body.reason(), now()));
  }

  @PostMapping("/ppid/advance")
  CaseView advancePpid(
      @PathVariable String ticket, @Valid @RequestBody PpidStep body, Principal p) {
    return act(
        p,
        ticket,
        body.version(),
        "advance-ppid",
        (c, a) -> c.advancePpid(a, body.step(), p.getName(), role(p), now()));
  }

  @PostMapping("/ppid/grant")
  CaseView grant(@PathVariable String ticket, @Valid @RequestBody PpidGrant body, Principal p) {
    CaseEvent.ResolutionRecord record =
        new CaseEvent.ResolutionRecord(
            body.whatWasDone(),
            List.of(p.getName()),
            now(),
            body.attachmentIds() == null ? List.of() : body.attachmentIds(),
            body.citizenInformedVia(),
            body.proofOfDelivery());
    return act(
        p,
        ticket,
        body.version(),
        "grant-information",
        (c, a) -> c.grantInformation(a, record, p.getName(), now()));
  }

  @PostMapping("/ppid/refuse")
  CaseView refuse(@PathVariable String ticket, @Valid @RequestBody PpidRefuse body, Principal p) {
    return act(
        p,
        ticket,
        body.version(),
        "refuse-information",
        (c, a) -> c.refuseInformation(a, body.legalBasis(), p.getName(), now()));
  }

  private CaseView act(
      Principal principal,
      String ticket,
      long version,
      String action,
      BiFunction<Case, Agency, List<CaseEvent>> change) {
    Caller caller = checked(principal, ticket, action);
    Agency agency = officer.agencyOf(caller);
    return CaseView.of(
        service.act(agency, ticket, version, action, (c, d) -> change.apply(c, agency)).versioned(),
        agency);
  }

  /**
   * The caller, if their role allows the action and they can see the case (agency and division, in
   * the query); an {@code If-Match} header must name the case's current version (else 412).
   */
  private Caller checked(Principal principal, String ticket, String action) {
    Caller caller = officer.allowed(principal, action);
    VersionedCase visible = officer.visible(caller, ticket);
    IfMatch.check(visible);
    return caller;
  }

  record Assign(
      @NotNull @PositiveOrZero Long version,
      @NotBlank
          @Size(max = 100)
          @jakarta.validation.constraints.Pattern(regexp = "[A-Za-z0-9._@\\-]+")
          String officer) {}

  record InternalNote(
      @NotNull @PositiveOrZero Long version, @NotBlank @Size(max = 4000) String text) {}

  record Reply(
      @NotNull @PositiveOrZero Long version,
      @NotBlank @Size(max = 4000) String text,
      @Nullable @jakarta.validation.constraints.Pattern(regexp = "id|en") String language) {}

  /**
   * Makes an officer responsible. A division officer assigns within their own division; the
   * assignee must be an officer of the agency (and of the case's division, if a division officer).
   */
  @PostMapping("/assign")
  CaseView assign(@PathVariable String ticket, @Valid @RequestBody Assign body, Principal p) {
    Caller caller = checked(p, ticket, "assign");
    VersionedCase doc = officer.visible(caller, ticket);
    officers.checkAssignable(caller, body.officer(), doc.state().division());
    return CaseView.of(
        desk.assign(
                Officer.scope(caller), ticket, body.version(), body.officer(), caller.username())
            .versioned(),
        officer.agencyOf(caller));
  }

  /** An internal note: seen by officers on the timeline, never by the citizen. */
  @PostMapping("/notes")
  CaseView note(@PathVariable String ticket, @Valid @RequestBody InternalNote body, Principal p) {
    Caller caller = checked(p, ticket, "note");
    return CaseView.of(
        desk.note(Officer.scope(caller), ticket, body.version(), body.text(), caller.username())
            .versioned(),
        officer.agencyOf(caller));
  }

  /** A message to the citizen on their channel, without changing the case's state. */
  @PostMapping("/reply")
  CaseView reply(@PathVariable String ticket, @Valid @RequestBody Reply body, Principal p) {
    Caller caller = checked(p, ticket, "reply");
    return CaseView.of(
        desk.reply(
                Officer.scope(caller),
                ticket,
                body.version(),
                body.text(),
                body.language() == null ? "id" : body.language(),
                caller.username())
            .versioned(),
        officer.agencyOf(caller));
  }

  private Instant now() {
    return clock.instant();
  }

  /** The caller's role, by the name the agency file uses (e.g. {@code ppid.takenBy}). */
  private String role(Principal p) {
    return officer.caller(p).role().name();
  }

  private LocalDate today(Agency agency) {
    return LocalDate.ofInstant(now(), agency.timeZone());
  }

  record FieldInvestigationBody(
      @NotNull @PositiveOrZero Long version,
      @NotNull LocalDate date,
      @NotEmpty @Size(max = 20) List<@NotBlank @Size(max = 100) String> officers,
      @NotBlank @Size(max = 4000) String findings,
      @Nullable @Size(max = 50) List<@NotBlank @Size(max = 200) String> photos) {}

  /**
   * A field investigation (investigasi / peninjauan lapangan) on the case's timeline: date,
   * officers, findings, and photos among the files already on the case (by attachment id or stored
   * id; uploading new photos here is not supported). Only where the agency's standard names it
   * ({@code handling.fieldInvestigation}, else 409).
   */
  @PostMapping("/field-investigations")
  CaseView fieldInvestigation(
      @PathVariable String ticket, @Valid @RequestBody FieldInvestigationBody body, Principal p) {
    Case.FieldInvestigation visit =
        new Case.FieldInvestigation(body.date(), body.officers(), body.findings(), body.photos());
    return act(
        p,
        ticket,
        body.version(),
        "field-investigation",
        (c, a) -> c.recordFieldInvestigation(a, visit, p.getName(), now(), today(a)));
  }

  record ConsequenceTestBody(
      @NotNull @PositiveOrZero Long version,
      @NotNull LocalDate date,
      @NotEmpty @Size(max = 20) List<@NotBlank @Size(max = 100) String> testedBy,
      @NotBlank @Size(max = 1000) String exemption,
      @NotBlank @jakarta.validation.constraints.Pattern(regexp = "EXEMPT|DISCLOSE") String result,
      @NotBlank @Size(max = 4000) String reasoning) {}

  /**
   * The consequence test (uji konsekuensi) of an information request, on its timeline; where the
   * agency requires it ({@code ppid.consequenceTest}), {@code ppid/refuse} needs one that found
   * {@code EXEMPT} (else 409).
   */
  @PostMapping("/consequence-test")
  CaseView consequenceTest(
      @PathVariable String ticket, @Valid @RequestBody ConsequenceTestBody body, Principal p) {
    Case.ConsequenceTest test =
        new Case.ConsequenceTest(
            body.date(), body.testedBy(), body.exemption(), body.result(), body.reasoning());
    return act(
        p,
        ticket,
        body.version(),
        "consequence-test",
        (c, a) -> c.recordConsequenceTest(test, p.getName(), now(), today(a)));
  }

  /**
   * The head's disposition (disposisi pimpinan). {@code time} is local time in the agency's time
   * zone (the office's clock: 10:00 WITA in Buton); an offset, if given, is honoured.
   */
  record DispositionBody(
      @NotNull @PositiveOrZero Long version,
      @NotNull Boolean handled,
      @Nullable @jakarta.validation.constraints.Pattern(regexp = "FACE_TO_FACE|ONLINE") String mode,
      @Nullable
          @jakarta.validation.constraints.Pattern(
              regexp = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2})?([+\\-]\\d{2}:\\d{2}|Z)?",
              message = "waktu berformat 2026-12-08T10:00 / time as 2026-12-08T10:00")
          String time,
      @Nullable @Size(max = 500) String place,
      @Nullable @Size(max = 500) String method,
      @Nullable @Size(max = 40) @jakarta.validation.constraints.Pattern(regexp = CODE)
          String reasonCode,
      @Nullable @Size(max = 2000) String reason) {}

  /**
   * The head's disposition of a complaint (Buton, "Prosedur 2"): handled face to face (time and
   * place) or online (time and method), or not handled (reason; the case is rejected as {@code
   * reject} does). Missing or past values answer 400 in Bahasa Indonesia and English; head and
   * admin only (docs/adr/0051).
   */
  @PostMapping("/disposition")
  CaseView disposition(
      @PathVariable String ticket, @Valid @RequestBody DispositionBody body, Principal p) {
    return act(
        p,
        ticket,
        body.version(),
        Action.DISPOSITION.wireName(),
        (c, a) ->
            c.disposition(
                new Case.Disposition(
                    body.handled(),
                    body.mode(),
                    dispositionTime(body.time(), a),
                    blankToNull(body.place()),
                    blankToNull(body.method()),
                    body.reasonCode(),
                    blankToNull(body.reason())),
                p.getName(),
                now()));
  }

  private static @Nullable Instant dispositionTime(@Nullable String time, Agency agency) {
    if (time == null || time.isBlank()) {
      return null;
    }
    if (time.endsWith("Z") || time.matches(".*[+\\-]\\d{2}:\\d{2}$")) {
      return java.time.OffsetDateTime.parse(time).toInstant();
    }
    return java.time.LocalDateTime.parse(time).atZone(agency.timeZone()).toInstant();
  }

  private static @Nullable String blankToNull(@Nullable String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
