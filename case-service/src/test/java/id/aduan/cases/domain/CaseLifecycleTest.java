package id.aduan.cases.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.aduan.agency.Agency;
import id.aduan.agency.AgencyCatalog;
import id.aduan.contracts.CaseEvent;
import id.aduan.contracts.CaseStatus;
import id.aduan.contracts.CaseType;
import id.aduan.contracts.Channel;
import id.aduan.contracts.ReplyAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every action from every state: the legal ones move the case, the others are refused. */
class CaseLifecycleTest {

  private static final AgencyCatalog CATALOG = AgencyCatalog.bundled();
  private static final Agency BDG = CATALOG.byCode("BDG").orElseThrow();
  private static final Agency LBK = CATALOG.byCode("LBK").orElseThrow();
  private static final Instant AT = Instant.parse("2026-03-17T02:15:30Z");
  private static final ReplyAddress CITIZEN =
      new ReplyAddress(Channel.WHATSAPP, "100000000000001", "6281234567890");
  private static final CaseEvent.ResolutionRecord BERITA_ACARA =
      new CaseEvent.ResolutionRecord(
          "Data DTKS diperbarui", List.of("bdg.linjamsos"), AT, List.of("att-1"), "WHATSAPP", null);

  private static final List<CaseStatus> STATES =
      List.of(
          CaseStatus.RECEIVED,
          CaseStatus.INCOMPLETE,
          CaseStatus.VERIFIED,
          CaseStatus.ROUTED,
          CaseStatus.IN_PROGRESS,
          CaseStatus.ANSWERED,
          CaseStatus.RESOLVED,
          CaseStatus.ARCHIVED,
          CaseStatus.REJECTED,
          CaseStatus.MERGED);

  /**
   * The transition table, written out: for each action, the state it leads to from each of {@link
   * #STATES} in order, or "-" when it is refused there.
   */
  private static final Map<String, String> COMPLAINT_TABLE =
      Map.ofEntries(
          Map.entry(
              "request-information",
              "INCOMPLETE INCOMPLETE INCOMPLETE INCOMPLETE INCOMPLETE - - - - -"),
          Map.entry("verify", "VERIFIED - - - - - - - - -"),
          Map.entry("mark-complete", "- RECEIVED - - - - - - - -"),
          Map.entry("classify", "- - VERIFIED ROUTED - - - - - -"),
          Map.entry("route", "- - ROUTED ROUTED ROUTED - - - - -"),
          Map.entry("start-progress", "- - - IN_PROGRESS - - - - - -"),
          Map.entry("answer", "- - - - ANSWERED - - - - -"),
          Map.entry("resolve", "- - - - - RESOLVED - - - -"),
          Map.entry("reject", "REJECTED REJECTED REJECTED REJECTED REJECTED - - - - -"),
          Map.entry("merge", "MERGED MERGED MERGED MERGED MERGED - - - - -"),
          Map.entry("reopen", "- - - - - IN_PROGRESS IN_PROGRESS - - -"),
          Map.entry("archive", "- - - - - - RESOLVED->ARCHIVED - ARCHIVED ARCHIVED"));

  private static final Map<String, String> PPID_TABLE =
      Map.ofEntries(
          Map.entry("advance-ppid", "IN_PROGRESS - IN_PROGRESS - IN_PROGRESS - - - - -"),
          Map.entry("grant-information", "- - - - RESOLVED - - - - -"),
          Map.entry("refuse-information", "- - - - REJECTED - - - - -"),
          // Bandung's statutory PPID class allows one extension; the state does not change.
          Map.entry("extend-deadline", "RECEIVED - VERIFIED ROUTED IN_PROGRESS - - - - -"));

  /** The event type each action publishes. */
  private static final Map<String, Class<?>> EVENT =
      Map.ofEntries(
          Map.entry("request-information", CaseEvent.InformationRequested.class),
          Map.entry("verify", CaseEvent.CaseStatusChanged.class),
          Map.entry("mark-complete", CaseEvent.InformationReceived.class),
          Map.entry("classify", CaseEvent.CaseClassified.class),
          Map.entry("route", CaseEvent.CaseRouted.class),
          Map.entry("start-progress", CaseEvent.CaseStatusChanged.class),
          Map.entry("answer", CaseEvent.CaseAnswered.class),
          Map.entry("resolve", CaseEvent.CaseResolved.class),
          Map.entry("reject", CaseEvent.CaseRejected.class),
          Map.entry("merge", CaseEvent.CaseMerged.class),
          Map.entry("reopen", CaseEvent.CaseReopened.class),
          Map.entry("archive", CaseEvent.CaseStatusChanged.class),
          Map.entry("advance-ppid", CaseEvent.CaseStatusChanged.class),
          Map.entry("grant-information", CaseEvent.CaseResolved.class),
          Map.entry("refuse-information", CaseEvent.CaseRejected.class),
          Map.entry("extend-deadline", CaseEvent.CaseDeadlineExtended.class));

  static Stream<Arguments> transitions() {
    List<Arguments> all = new ArrayList<>();
    expand(COMPLAINT_TABLE, CaseType.COMPLAINT, all);
    expand(PPID_TABLE, CaseType.INFORMATION_REQUEST, all);
    return all.stream();
  }

  private static void expand(Map<String, String> table, CaseType type, List<Arguments> into) {
    table.forEach(
        (action, row) -> {
          String[] cells = row.split(" ");
          assertThat(cells).hasSize(STATES.size());
          for (int i = 0; i < cells.length; i++) {
            // "RESOLVED->ARCHIVED" is just ARCHIVED, written so to be read as "from resolved".
            String cell = cells[i].contains("->") ? cells[i].split("->")[1] : cells[i];
            into.add(Arguments.of(action, type, STATES.get(i), cell.equals("-") ? null : cell));
          }
        });
  }

  @ParameterizedTest(name = "{0} from {2} -> {3}")
  @MethodSource("transitions")
  void everyActionFromEveryState(
      String action, CaseType type, CaseStatus from, @Nullable String expected) {
    // A PPID request about to move is at its first step; one waiting for its decision at its last.
    String step = action.equals("advance-ppid") ? "FRONT_OFFICE" : "VERIFICATION";
    Case c = caseIn(from, type, "c-1", "BDG-2026-000001", step);
    Case survivor = caseIn(CaseStatus.ROUTED, CaseType.COMPLAINT, "c-2", "BDG-2026-000002");
    Agency agency =
        type == CaseType.INFORMATION_REQUEST && !action.equals("extend-deadline") ? LBK : BDG;
    Function<Case, List<CaseEvent>> act = action(action, agency, survivor);
    int auditBefore = c.audit().size();

    if (expected == null) {
      assertThatThrownBy(() -> act.apply(c))
          .isInstanceOf(IllegalTransitionException.class)
          .hasMessageStartingWith("cannot " + action + " a case that is " + from);
      assertThat(c.status()).isEqualTo(from);
      assertThat(c.audit()).hasSize(auditBefore);
      return;
    }
    List<CaseEvent> events = act.apply(c);

    assertThat(c.status()).isEqualTo(CaseStatus.valueOf(expected));
    assertThat(events).hasSize(1);
    assertThat(events.getFirst()).isInstanceOf(EVENT.get(action));
    assertThat(events.getFirst().status()).isEqualTo(c.status());
    assertThat(events.getFirst().occurredAt()).isEqualTo(AT);
    AuditEntry audit = c.audit().getLast();
    assertThat(c.audit()).hasSize(auditBefore + 1);
    assertThat(audit.actor()).isEqualTo("officer.a");
    assertThat(audit.at()).isEqualTo(AT);
    assertThat(audit.from()).isEqualTo(from);
    assertThat(audit.to()).isEqualTo(c.status());
  }

  private static Function<Case, List<CaseEvent>> action(
      String action, Agency agency, Case survivor) {
    String who = "officer.a";
    return switch (action) {
      case "request-information" ->
          c -> c.requestInformation(List.of("kk"), List.of(), who, "KK belum ada", AT);
      case "verify" -> c -> c.verify(who, null, AT);
      case "mark-complete" -> c -> c.markComplete(who, "Foto KK diperiksa petugas", AT);
      case "classify" -> c -> c.classify(agency, CaseType.COMPLAINT, "STANDARD", "PKH", who, AT);
      case "route" -> c -> c.route(agency, "LINJAMSOS", who, AT);
      case "start-progress" -> c -> c.startProgress(who, null, AT);
      case "answer" -> c -> c.answer("Data sudah diperbaiki", who, AT);
      case "resolve" -> c -> c.resolve(BERITA_ACARA, "Selesai", who, AT);
      case "reject" -> c -> c.reject("NOT_A_COMPLAINT", "Bukan pengaduan", who, AT);
      case "merge" -> c -> c.mergeInto(survivor, who, AT);
      case "reopen" -> c -> c.reopen("Belum cair juga", who, AT);
      case "archive" -> c -> c.archive(who, "Diarsipkan", AT);
      case "advance-ppid" -> c -> c.advancePpid(agency, "SECRETARIAT", who, "ADMIN", AT);
      case "grant-information" ->
          c ->
              c.grantInformation(
                  agency,
                  new CaseEvent.ResolutionRecord(
                      "Salinan SK diberikan", List.of(who), AT, List.of(), "FRONT_DESK", "TT-001"),
                  who,
                  AT);
      case "extend-deadline" -> c -> c.extendDeadline(agency, "Data di tiga bidang", who, AT);
      case "refuse-information" ->
          c -> c.refuseInformation(agency, "UU 14/2008 Pasal 17 huruf h", who, AT);
      default -> throw new IllegalArgumentException(action);
    };
  }

  static Case caseIn(CaseStatus status, CaseType type) {
    return caseIn(status, type, "c-1", "BDG-2026-000001");
  }

  static Case caseIn(CaseStatus status, CaseType type, String id, String ticket) {
    return caseIn(status, type, id, ticket, "FRONT_OFFICE");
  }

  static Case caseIn(CaseStatus status, CaseType type, String id, String ticket, String ppidStep) {
    boolean ppid = type == CaseType.INFORMATION_REQUEST;
    String step = ppid ? ppidStep : null;
    return restore(
        id,
        ppid ? ticket.replace("BDG", "LBK") : ticket,
        status,
        type,
        Channel.WHATSAPP,
        CITIZEN,
        step,
        List.of());
  }

  /** A case as the store would give it back; an incomplete one waits for a KK. */
  static Case restore(
      String id,
      String ticket,
      CaseStatus status,
      CaseType type,
      Channel channel,
      @Nullable ReplyAddress reply,
      @Nullable String ppidStep,
      List<AuditEntry> audit) {
    boolean incomplete = status == CaseStatus.INCOMPLETE;
    return CaseStates.caseOf(
        id,
        ticket,
        ticket.substring(0, ticket.indexOf('-')),
        status,
        type,
        channel,
        AT.minusSeconds(3600),
        b -> {
          b.replyAddress = reply;
          b.slaClass = type == CaseType.INFORMATION_REQUEST ? "PPID" : "STANDARD";
          b.resumeTo = incomplete ? CaseStatus.RECEIVED : null;
          b.ppidStep = ppidStep;
          b.missing = incomplete ? List.of("kk") : List.of();
          b.timeline = audit;
        });
  }

  @Test
  void anIncompleteOpeningAnnouncesItsInformationRequestWithTheOpening() {
    Case.Opened opened =
        Case.open(
            new Case.Opening(
                "c-8",
                "BDG-2026-000008",
                Channel.WHATSAPP,
                "ONLINE",
                CaseType.COMPLAINT,
                AT,
                CITIZEN,
                "m-8",
                "system"),
            BDG,
            new Completeness.Evidence(
                List.of("Bantuan PKH ibu saya belum cair sejak tiga bulan lalu, mohon dibantu"),
                List.of(),
                Map.of()),
            AT,
            AT.atZone(BDG.timeZone()).toLocalDate());

    assertThat(opened.events()).hasSize(2);
    CaseEvent.InformationRequested asked = (CaseEvent.InformationRequested) opened.events().get(1);
    CaseEvent.CaseOpened first = (CaseEvent.CaseOpened) opened.events().getFirst();
    assertThat(asked.missing()).containsExactly("kk", "ktp");
    assertThat(first.intakeCheck())
        .isEqualTo(new CaseEvent.IntakeCheck(List.of("kk", "ktp"), List.of(), asked.eventId()));
    assertThat(asked.announcedWith()).isEqualTo(first.eventId());
  }

  @Test
  void aCompleteOpeningCarriesNoIntakeCheck() {
    Case.Opened opened =
        Case.open(
            new Case.Opening(
                "c-9",
                "BDG-2026-000009",
                Channel.WHATSAPP,
                "ONLINE",
                CaseType.COMPLAINT,
                AT,
                CITIZEN,
                "m-9",
                "system"),
            BDG,
            new Completeness.Evidence(
                List.of("Bantuan PKH ibu belum cair, NIK 3273014101900001, foto KK terlampir"),
                List.of(new Completeness.Attachment("kk.jpg", "image/jpeg", null)),
                Map.of()),
            AT,
            AT.atZone(BDG.timeZone()).toLocalDate());

    assertThat(opened.events())
        .singleElement()
        .isInstanceOfSatisfying(
            CaseEvent.CaseOpened.class, o -> assertThat(o.intakeCheck()).isNull());
  }

  @Test
  void informationReceivedReturnsTheCaseToWhereItWasAsked() {
    Case c = caseIn(CaseStatus.ROUTED, CaseType.COMPLAINT);
    c.requestInformation(List.of("ktp"), List.of(), "officer.a", null, AT);
    assertThat(c.status()).isEqualTo(CaseStatus.INCOMPLETE);

    List<CaseEvent> events =
        c.recheck(
            BDG,
            new Completeness.Evidence(
                List.of("ini KK dan KTP saya, mohon dibantu pencairan PKH ibu"),
                List.of(new Completeness.Attachment("kk.jpg", "image/jpeg", null)),
                Map.of()),
            "system",
            AT,
            AT.atZone(BDG.timeZone()).toLocalDate());

    assertThat(events).singleElement().isInstanceOf(CaseEvent.InformationReceived.class);
    assertThat(c.status()).isEqualTo(CaseStatus.ROUTED);
    assertThat(c.missing()).isEmpty();
  }

  @Test
  void ppidStepsGoInTheAgencysOrderAndTheDecisionComesAfterTheLast() {
    Case c = caseIn(CaseStatus.RECEIVED, CaseType.INFORMATION_REQUEST);

    assertThatThrownBy(() -> c.advancePpid(LBK, "HEAD", "a", "ADMIN", AT))
        .hasMessageContaining("the next step after FRONT_OFFICE is SECRETARIAT, not HEAD");
    for (String step : List.of("SECRETARIAT", "HEAD", "SECRETARY")) {
      c.advancePpid(LBK, step, "a", step.equals("SECRETARY") ? "HEAD" : "ADMIN", AT);
    }
    assertThatThrownBy(() -> c.refuseInformation(LBK, "UU 14/2008 Pasal 17", "a", AT))
        .hasMessageContaining("decided after VERIFICATION, it is at SECRETARY");
    c.advancePpid(LBK, "VERIFICATION", "a", "ADMIN", AT);
    assertThatThrownBy(() -> c.advancePpid(LBK, "DONE", "a", "ADMIN", AT))
        .hasMessageContaining("last step VERIFICATION already");
    assertThatThrownBy(
            () ->
                c.grantInformation(
                    LBK,
                    new CaseEvent.ResolutionRecord("x", List.of("a"), AT, List.of(), "EMAIL", " "),
                    "a",
                    AT))
        .hasMessageContaining("proof of delivery");
    assertThatThrownBy(() -> c.refuseInformation(LBK, " ", "a", AT))
        .hasMessageContaining("legal reason");

    List<CaseEvent> events = c.refuseInformation(LBK, "UU 14/2008 Pasal 17 huruf h", "a", AT);

    assertThat(events.getFirst())
        .isInstanceOfSatisfying(
            CaseEvent.CaseRejected.class,
            r -> {
              assertThat(r.reasonCode()).isEqualTo("EXEMPT_INFORMATION");
              assertThat(r.reason()).isEqualTo("UU 14/2008 Pasal 17 huruf h");
              assertThat(r.replyAddress()).isEqualTo(CITIZEN);
            });
  }

  @Test
  void aPpidDeadlineIsExtendedOnceWhereTheClassAllowsIt() {
    // Bandung has no PPID deadline of its own: the statute's 10 working days, extendable by 7.
    Case bdg =
        Case.open(
                new Case.Opening(
                    "c-7",
                    "BDG-2026-000007",
                    Channel.EMAIL,
                    "ONLINE",
                    CaseType.INFORMATION_REQUEST,
                    AT,
                    CITIZEN,
                    "m-7",
                    "system"),
                BDG,
                new Completeness.Evidence(
                    List.of("Permohonan informasi data DTKS kelurahan, NIK 3273014101900001, KK"),
                    List.of(new Completeness.Attachment("kk.pdf", "application/pdf", null)),
                    Map.of()),
                AT,
                AT.atZone(BDG.timeZone()).toLocalDate())
            .aggregate();
    assertThat(bdg.status()).isEqualTo(CaseStatus.RECEIVED);
    assertThat(bdg.slaClass()).isEqualTo("PPID");

    List<CaseEvent> events = bdg.extendDeadline(BDG, "Data di tiga bidang", "bdg.ppid", AT);

    assertThat(events.getFirst())
        .isInstanceOfSatisfying(
            CaseEvent.CaseDeadlineExtended.class,
            e -> {
              assertThat(e.extension()).isEqualTo(7);
              assertThat(e.unit()).isEqualTo("WORKING_DAYS");
              assertThat(e.stage()).isEqualTo("completion");
              assertThat(e.replyAddress()).isEqualTo(CITIZEN);
            });
    assertThat(bdg.audit().getLast().action()).isEqualTo("deadline-extended");
    assertThatThrownBy(() -> bdg.extendDeadline(BDG, "lagi", "bdg.ppid", AT))
        .hasMessageContaining("extended once already");
    // Lebak's own 5 working days allow no extension.
    Case lbk = caseIn(CaseStatus.IN_PROGRESS, CaseType.INFORMATION_REQUEST);
    assertThatThrownBy(() -> lbk.extendDeadline(LBK, "x", "a", AT))
        .hasMessageContaining("allows no extension");
    assertThatThrownBy(
            () -> caseIn(CaseStatus.RESOLVED, CaseType.COMPLAINT).extendDeadline(BDG, "x", "a", AT))
        .hasMessageStartingWith("cannot extend-deadline a case that is RESOLVED");
  }

  @Test
  void complaintStepsAreRefusedOnInformationRequestsAndPpidStepsOnComplaints() {
    assertThatThrownBy(
            () -> caseIn(CaseStatus.RECEIVED, CaseType.INFORMATION_REQUEST).verify("a", null, AT))
        .hasMessageContaining("follows the PPID steps");
    assertThatThrownBy(
            () ->
                caseIn(CaseStatus.RECEIVED, CaseType.COMPLAINT)
                    .advancePpid(BDG, "PPID", "a", "ADMIN", AT))
        .hasMessageContaining("only an information request");
  }

  @Test
  void notThisAgencysAuthorityOnALaporCaseGoesBackToTheNationalAdmin() {
    Case lapor =
        restore(
            "c-9",
            "BDG-2026-000009",
            CaseStatus.RECEIVED,
            CaseType.COMPLAINT,
            Channel.LAPOR,
            null,
            null,
            List.of());

    List<CaseEvent> events = lapor.reject("NOT_AUTHORITY", "Kewenangan Kemensos", "a", AT);

    assertThat(((CaseEvent.CaseRejected) events.getFirst()).reasonCode())
        .isEqualTo("NOT_AUTHORITY");
    assertThat(lapor.audit().getLast().reason())
        .isEqualTo("NOT_AUTHORITY: returned to LAPOR! national admin: Kewenangan Kemensos");
    assertThatThrownBy(() -> lapor.reject("BORED", "x", "a", AT))
        .isInstanceOf(IllegalTransitionException.class);
  }

  /**
   * Issue 19: a report LAPOR! dispositioned to another agency closes the open case by the system
   * (REDISPOSITIONED, which stops its clocks, also after an answer); a closed case stays as it is.
   */
  @Test
  void aCaseWhoseReportWentToAnotherAgencyIsClosedByTheSystem_unlessItIsClosedAlready() {
    for (CaseStatus open :
        List.of(CaseStatus.RECEIVED, CaseStatus.IN_PROGRESS, CaseStatus.ANSWERED)) {
      Case c = caseIn(open, CaseType.COMPLAINT);

      List<CaseEvent> events = c.redispositionedAway("didisposisikan ulang", AT);

      assertThat(events)
          .singleElement()
          .isInstanceOfSatisfying(
              CaseEvent.CaseRejected.class,
              r -> {
                assertThat(r.reasonCode()).isEqualTo(Case.REDISPOSITIONED);
                assertThat(r.actor()).isEqualTo("system");
              });
      assertThat(c.status()).isEqualTo(CaseStatus.REJECTED);
    }
    for (CaseStatus closed :
        List.of(CaseStatus.RESOLVED, CaseStatus.REJECTED, CaseStatus.MERGED, CaseStatus.ARCHIVED)) {
      Case c = caseIn(closed, CaseType.COMPLAINT);

      assertThat(c.redispositionedAway("didisposisikan ulang", AT)).isEmpty();
      assertThat(c.status()).isEqualTo(closed);
    }
  }

  @Test
  void aMergeKeepsBothHistoriesAndTheAnswerGoesToEveryReporter() {
    Case survivor = caseIn(CaseStatus.ROUTED, CaseType.COMPLAINT, "c-1", "BDG-2026-000001");
    ReplyAddress laporReporter = new ReplyAddress(Channel.LAPOR, "LAPOR-BDG", "TRK-1");
    Case duplicate =
        restore(
            "c-2",
            "BDG-2026-000002",
            CaseStatus.RECEIVED,
            CaseType.COMPLAINT,
            Channel.LAPOR,
            laporReporter,
            null,
            List.of(new AuditEntry(AT, "system", "opened", null, CaseStatus.RECEIVED, null)));

    assertThatThrownBy(() -> duplicate.mergeInto(duplicate, "a", AT))
        .hasMessageContaining("into itself");
    List<CaseEvent> merged = duplicate.mergeInto(survivor, "a", AT);
    assertThat(survivor.absorb(duplicate, "a", AT)).isTrue();
    assertThat(survivor.absorb(duplicate, "a", AT)).isFalse();
    survivor.startProgress("a", null, AT);
    CaseEvent.CaseAnswered answer =
        (CaseEvent.CaseAnswered) survivor.answer("Sudah ditindaklanjuti", "a", AT).getFirst();

    assertThat(merged.getFirst())
        .isInstanceOfSatisfying(
            CaseEvent.CaseMerged.class,
            m -> assertThat(m.survivorTicket()).isEqualTo("BDG-2026-000001"));
    assertThat(duplicate.mergedIntoTicket()).isEqualTo("BDG-2026-000001");
    assertThat(duplicate.audit())
        .extracting(AuditEntry::action)
        .containsExactly("opened", "merged");
    assertThat(answer.replyAddress()).isEqualTo(CITIZEN);
    assertThat(answer.alsoNotify()).containsExactly(laporReporter);
  }
}
