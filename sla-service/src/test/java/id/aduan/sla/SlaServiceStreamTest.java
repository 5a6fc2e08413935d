package id.aduan.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.aduan.contracts.CaseEvent;
import id.aduan.contracts.CaseStatus;
import id.aduan.contracts.CaseType;
import id.aduan.contracts.Channel;
import id.aduan.contracts.ClockState;
import id.aduan.contracts.CloudEventHeaders;
import id.aduan.contracts.ReplyAddress;
import id.aduan.contracts.SlaEvent;
import id.aduan.contracts.Topics;
import id.aduan.sla.persistence.CalendarFile;
import id.aduan.sla.persistence.SlaClockDocument;
import id.aduan.sla.persistence.SlaClocks;
import id.aduan.sla.scheduling.CalendarReload;
import id.aduan.support.messaging.CloudEvents;
import id.aduan.support.messaging.Outbox;
import id.aduan.testsupport.AduanKafka;
import id.aduan.testsupport.AduanService;
import id.aduan.testsupport.TopicProbe;
import id.aduan.testsupport.TopicWriter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.messaging.Message;
import tools.jackson.databind.json.JsonMapper;

/**
 * sla-service's {@code trackDeadlines} on the in-JVM KRaft broker and MongoDB-protocol server, in
 * one application context. Records a test writes go to partition 0, so once a later record there
 * was processed, every earlier one was too.
 */
@AduanKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlaServiceStreamTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  /** Friday 20 November 2026, 08:15 WIB (09:15 WITA). */
  private static final Instant RECEIVED = Instant.parse("2026-11-20T01:15:00Z");

  /** Lebak's light complaints: day 0 is that Friday; five working days end Fri 27th, 16:00 WIB. */
  private static final Instant FIVE_WORKING_DAYS_LATER = Instant.parse("2026-11-27T09:00:00Z");

  private static final Path calendarFile = bundledCalendarCopy();

  @RegisterExtension
  static final AduanService service =
      AduanService.of(SlaServiceApplication::builder, "sla-stream")
          .property("aduan.sla.outbox-sweep-interval", "1h")
          .property("aduan.sla.calendar.file", calendarFile)
          .property("aduan.sla.calendar.reload-interval", "1h");

  private ConfigurableApplicationContext app;
  private TopicWriter writer;
  private CloudEvents cases;
  private CloudEvents reader;
  private String brokers;

  /** A copy of the bundled calendar that the reload scenarios edit. */
  private static Path bundledCalendarCopy() {
    try (var bundled = SlaServiceStreamTest.class.getResourceAsStream("/calendar/indonesia.txt")) {
      Path file = Files.createTempFile("aduan-calendar", ".txt");
      Files.write(file, bundled.readAllBytes());
      return file;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @BeforeAll
  void start() {
    app = service.context();
    brokers = service.brokers();
    writer = service.writer();
    cases = new CloudEvents(app.getBean(JsonMapper.class), "/aduan/case-service");
    reader = app.getBean(CloudEvents.class);
  }

  @Test
  void givenCaseOpened_thenTheCompletionClockStartsWithTheWorkingDayDeadline() {
    CaseEvent.CaseOpened opened = opened("LBK");

    send(opened);

    ConsumerRecord<String, byte[]> record = awaitStarted(opened.caseId());
    SlaEvent.SlaClockStarted started = reader.read(record.value(), SlaEvent.SlaClockStarted.class);
    assertThat(record.key()).isEqualTo(opened.caseId());
    assertThat(header(record, CloudEventHeaders.SUBJECT)).isEqualTo(opened.ticket());
    assertThat(header(record, CloudEventHeaders.SOURCE)).isEqualTo("/aduan/sla-service");
    assertThat(started.clock()).isEqualTo("completion");
    assertThat(started.ticket()).isEqualTo(opened.ticket());
    assertThat(started.agencyCode()).isEqualTo("LBK");
    assertThat(started.policy()).isEqualTo("LBK/LIGHT/completion");
    assertThat(started.startedAt()).isEqualTo(RECEIVED);
    assertThat(started.deadline()).isEqualTo(FIVE_WORKING_DAYS_LATER);
    // Five working days in November 2026: the 2026 decree is loaded, so the deadline is final.
    assertThat(started.provisional()).isFalse();
    SlaClocks clocks = app.getBean(SlaClocks.class);
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(clocks.byId(opened.caseId() + "/completion"))
                    .get()
                    .satisfies(
                        c -> {
                          assertThat(c.deadline()).isEqualTo(FIVE_WORKING_DAYS_LATER);
                          assertThat(c.outboxPending()).isFalse();
                          assertThat(c.outbox()).isEmpty();
                        }));
  }

  @Test
  void givenTheSameCaseOpenedRedelivered_thenOneClockStartsAndOnlyOneEventIsPublished() {
    CaseEvent.CaseOpened opened = opened("BTN");
    CaseEvent.CaseOpened next = opened("BTN");

    send(opened);
    send(opened);
    send(next);

    awaitStarted(next.caseId());
    assertThat(startedRecordsFor(opened.caseId())).hasSize(1);
  }

  @Test
  void givenOtherCaseEvents_thenNoClockStarts() {
    CaseEvent.CaseOpened opened = opened("BDG");
    CaseEvent.CaseRouted routed =
        new CaseEvent.CaseRouted(
            UUID.randomUUID().toString(),
            RECEIVED,
            "c-routed-" + UUID.randomUUID(),
            "BDG-2026-000002",
            "BDG",
            CaseStatus.ROUTED,
            "rehabilitasi-sosial",
            "bdg.admin");

    send(routed);
    send(opened);

    awaitStarted(opened.caseId());
    assertThat(startedRecordsFor(routed.caseId())).isEmpty();
  }

  @Test
  void givenGarbageBody_thenDeadLetteredAsMalformedAndTheNextCaseStillGetsItsClock() {
    String garbage = "garbage-" + UUID.randomUUID();
    CaseEvent.CaseOpened next = opened("BTN");

    writer.send(
        Topics.CASES_EVENTS,
        0,
        "c-garbage",
        garbage.getBytes(StandardCharsets.UTF_8),
        Map.of(CloudEventHeaders.TYPE, "id.aduan.case.opened.v1"));
    send(next);

    awaitStarted(next.caseId());
    assertThat(deadLettersContaining(garbage))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(header(r, CloudEventHeaders.DLQ_REASON)).startsWith("MALFORMED");
              assertThat(new String(r.value(), StandardCharsets.UTF_8)).isEqualTo(garbage);
            });
  }

  @Test
  void givenUnknownCeType_thenDeadLetteredAsUnknownType() {
    CaseEvent.CaseOpened odd = opened("BTN");
    Message<byte[]> message = cases.toMessage(odd, odd.caseId(), odd.ticket());
    Map<String, Object> headers = new HashMap<>(message.getHeaders());
    headers.put(CloudEventHeaders.TYPE, "id.aduan.case.opened.v9");
    CaseEvent.CaseOpened next = opened("BTN");

    writer.send(Topics.CASES_EVENTS, 0, odd.caseId(), message.getPayload(), headers);
    send(next);

    awaitStarted(next.caseId());
    assertThat(startedRecordsFor(odd.caseId())).isEmpty();
    assertThat(deadLettersContaining(odd.caseId()))
        .singleElement()
        .satisfies(
            r -> assertThat(header(r, CloudEventHeaders.DLQ_REASON)).startsWith("UNKNOWN_TYPE"));
  }

  @Test
  void givenCaseOfAnAgencyNotConfigured_thenDeadLetteredAndNoClock() {
    CaseEvent.CaseOpened stray = opened("XYZ");
    CaseEvent.CaseOpened next = opened("BTN");

    send(stray);
    send(next);

    awaitStarted(next.caseId());
    assertThat(startedRecordsFor(stray.caseId())).isEmpty();
    assertThat(deadLettersContaining(stray.caseId()))
        .singleElement()
        .satisfies(
            r -> assertThat(header(r, CloudEventHeaders.DLQ_REASON)).startsWith("UNKNOWN_AGENCY"));
  }

  @Test
  void givenAnOperatorAddsAHolidayInsideARunningClocksWindow_thenItsDeadlineMovesAndIsAnnounced()
      throws Exception {
    // Monday 5 October 2026, 10:00 WIB: Lebak's five working days end Monday 12th, 16:00 WIB.
    Instant monday = Instant.parse("2026-10-05T03:00:00Z");
    CaseEvent.CaseOpened opened = opened("LBK", monday);
    send(opened);
    SlaEvent.SlaClockStarted started =
        reader.read(awaitStarted(opened.caseId()).value(), SlaEvent.SlaClockStarted.class);
    assertThat(started.deadline()).isEqualTo(Instant.parse("2026-10-12T09:00:00Z"));

    Files.writeString(calendarFile, "2026-10-07 holiday Test day off\n", StandardOpenOption.APPEND);
    Files.setLastModifiedTime(calendarFile, FileTime.from(Instant.now().plusSeconds(5)));
    app.getBean(CalendarReload.class).check();
    app.getBean(SlaClocks.class).sweep(app.getBean(Outbox.class), 100);

    SlaEvent.SlaDeadlineChanged changed =
        reader.read(
            await()
                .atMost(PATIENCE)
                .until(
                    () -> recordsOfType(opened.caseId(), "id.aduan.sla.deadline-changed.v1"),
                    records -> !records.isEmpty())
                .getFirst()
                .value(),
            SlaEvent.SlaDeadlineChanged.class);
    assertThat(changed.deadline()).isEqualTo(Instant.parse("2026-10-13T09:00:00Z"));
    assertThat(changed.reason()).isEqualTo("holiday calendar changed");
    assertThat(app.getBean(SlaClocks.class).byId(opened.caseId() + "/completion"))
        .get()
        .extracting(SlaClockDocument::deadline)
        .isEqualTo(Instant.parse("2026-10-13T09:00:00Z"));
    // A clock whose window does not cover the new day off keeps its deadline.
    assertThat(recordsOfType("c-none", "id.aduan.sla.deadline-changed.v1")).isEmpty();
  }

  @Test
  void givenABrokenCalendarFile_thenTheReloadIsRefusedAndTheCalendarInForceStays()
      throws Exception {
    CalendarFile calendar = app.getBean(CalendarFile.class);
    var before = calendar.current();
    String good = Files.readString(calendarFile);

    Files.writeString(calendarFile, good + "2026-02-30 holiday Not a date\n");
    Files.setLastModifiedTime(calendarFile, FileTime.from(Instant.now().plusSeconds(60)));
    app.getBean(CalendarReload.class).check();

    assertThat(calendar.current()).isSameAs(before);
    assertThat(
            app.getBean(MeterRegistry.class)
                .counter("aduan.sla.calendar.reloads", "outcome", "refused")
                .count())
        .isGreaterThanOrEqualTo(1);
    Files.writeString(calendarFile, good);
    Files.setLastModifiedTime(calendarFile, FileTime.from(Instant.now().plusSeconds(120)));
    app.getBean(CalendarReload.class).check();
  }

  @Test
  void givenTheCaseWaitsForTheCitizen_thenTheClockPausesResumesWithTheDeadlineMovedAndStopsOnce() {
    CaseEvent.CaseOpened opened = opened("LBK");
    send(opened);
    awaitStarted(opened.caseId());
    // Waiting from Mon 23 Nov 09:00 to Tue 24 Nov 09:00 WIB: 7 + 1 office hours.
    send(
        new CaseEvent.InformationRequested(
            UUID.randomUUID().toString(),
            Instant.parse("2026-11-23T02:00:00Z"),
            opened.caseId(),
            opened.ticket(),
            "LBK",
            CaseStatus.INCOMPLETE,
            List.of("KTP"),
            opened.replyAddress(),
            "lbk.admin",
            List.of()));
    send(
        new CaseEvent.InformationReceived(
            UUID.randomUUID().toString(),
            Instant.parse("2026-11-24T02:00:00Z"),
            opened.caseId(),
            opened.ticket(),
            "LBK",
            CaseStatus.RECEIVED));
    CaseEvent.CaseResolved resolved =
        new CaseEvent.CaseResolved(
            UUID.randomUUID().toString(),
            Instant.parse("2026-11-25T02:00:00Z"),
            opened.caseId(),
            opened.ticket(),
            "LBK",
            CaseStatus.RESOLVED,
            "Bantuan disalurkan",
            opened.replyAddress(),
            "lbk.admin",
            null,
            List.of());
    send(resolved);
    send(resolved);

    SlaEvent.SlaClockStopped stopped =
        reader.read(
            await()
                .atMost(PATIENCE)
                .until(
                    () -> recordsOfType(opened.caseId(), "id.aduan.sla.clock-stopped.v1"),
                    records -> !records.isEmpty())
                .getFirst()
                .value(),
            SlaEvent.SlaClockStopped.class);
    SlaEvent.SlaClockResumed resumed =
        reader.read(
            recordsOfType(opened.caseId(), "id.aduan.sla.clock-resumed.v1").getFirst().value(),
            SlaEvent.SlaClockResumed.class);
    // Fri 27 Nov 16:00 WIB plus 8 office hours: Mon 30 Nov 16:00 WIB.
    assertThat(resumed.deadline()).isEqualTo(Instant.parse("2026-11-30T09:00:00Z"));
    assertThat(recordsOfType(opened.caseId(), "id.aduan.sla.clock-paused.v1")).hasSize(1);
    assertThat(stopped.late()).isFalse();
    assertThat(stopped.deadline()).isEqualTo(Instant.parse("2026-11-30T09:00:00Z"));
    CaseEvent.CaseOpened marker = opened("LBK");
    send(marker);
    awaitStarted(marker.caseId());
    assertThat(recordsOfType(opened.caseId(), "id.aduan.sla.clock-stopped.v1"))
        .as("the redelivered resolution stops nothing twice")
        .hasSize(1);
  }

  @Test
  void
      givenAButonLetterAfterHoursOnFriday_thenItsStartAndCompletionClocksRunInWitaAndStartEndsWithWork() {
    // Friday 20 November 16:30 WITA, after office hours: day 0 is Monday 23rd.
    CaseEvent.CaseOpened opened = opened("BTN", Instant.parse("2026-11-20T08:30:00Z"), "letter");
    send(opened);

    SlaEvent.SlaClockStarted start = started(opened.caseId(), "start-of-handling");
    SlaEvent.SlaClockStarted completion = started(opened.caseId(), "completion");
    assertThat(start.policy()).isEqualTo("BTN/WRITTEN/start");
    assertThat(start.deadline()).isEqualTo(Instant.parse("2026-11-24T08:00:00Z"));
    assertThat(completion.policy()).isEqualTo("BTN/WRITTEN/completion");
    assertThat(completion.deadline()).isEqualTo(Instant.parse("2026-11-26T08:00:00Z"));

    send(
        new CaseEvent.CaseStatusChanged(
            UUID.randomUUID().toString(),
            Instant.parse("2026-11-23T03:00:00Z"),
            opened.caseId(),
            opened.ticket(),
            "BTN",
            CaseStatus.IN_PROGRESS,
            CaseStatus.ROUTED,
            null,
            "btn.officer"));

    SlaEvent.SlaClockStopped stopped = stoppedEvent(opened.caseId(), "start-of-handling");
    assertThat(stopped.late()).isFalse();
    assertThat(app.getBean(SlaClocks.class).byId(opened.caseId() + "/completion"))
        .get()
        .extracting(SlaClockDocument::state)
        .isEqualTo(ClockState.RUNNING.name());
  }

  @Test
  void givenTheHeadsDispositionOfAButonLetter_thenItsStartOfHandlingStopsAndCompletionRuns() {
    // Friday 20 November 16:30 WITA, after office hours: day 0 is Monday 23rd; start of handling
    // is due Tuesday 24th, 16:00 WITA.
    CaseEvent.CaseOpened opened = opened("BTN", Instant.parse("2026-11-20T08:30:00Z"), "letter");
    send(opened);
    started(opened.caseId(), "start-of-handling");
    started(opened.caseId(), "completion");

    // The head dispositions it on Monday 23rd, 09:00 WITA: online, the next day at 10:00 WITA.
    send(
        new CaseEvent.CaseDispositioned(
            UUID.randomUUID().toString(),
            Instant.parse("2026-11-23T01:00:00Z"),
            opened.caseId(),
            opened.ticket(),
            "BTN",
            CaseStatus.ROUTED,
            true,
            CaseEvent.CaseDispositioned.ONLINE,
            Instant.parse("2026-11-24T02:00:00Z"),
            null,
            "Panggilan video",
            null,
            opened.replyAddress(),
            "btn.kepala"));

    SlaEvent.SlaClockStopped stopped = stoppedEvent(opened.caseId(), "start-of-handling");
    assertThat(stopped.late()).isFalse();
    assertThat(stopped.stoppedAt()).isEqualTo(Instant.parse("2026-11-23T01:00:00Z"));
    assertThat(app.getBean(SlaClocks.class).byId(opened.caseId() + "/start-of-handling"))
        .get()
        .extracting(SlaClockDocument::state)
        .isEqualTo(ClockState.MET.name());
    assertThat(app.getBean(SlaClocks.class).byId(opened.caseId() + "/completion"))
        .get()
        .extracting(SlaClockDocument::state)
        .isEqualTo(ClockState.RUNNING.name());
  }

  @Test
  void givenALaporReport_thenLaporsFollowUpAndClosingClocksRunBesideTheAgencysOwn() {
    // Dispositioned to Lebak on Friday 20 November, 08:15 WIB.
    CaseEvent.CaseOpened opened = opened("LBK", RECEIVED, "ONLINE", Channel.LAPOR);
    send(opened);
    SlaEvent.SlaClockStarted followUp = started(opened.caseId(), "lapor-follow-up");
    assertThat(followUp.policy()).isEqualTo("LAPOR/follow-up");
    assertThat(followUp.deadline()).isEqualTo(FIVE_WORKING_DAYS_LATER);
    send(
        new CaseEvent.CaseRouted(
            UUID.randomUUID().toString(),
            Instant.parse("2026-11-23T02:00:00Z"),
            opened.caseId(),
            opened.ticket(),
            "LBK",
            CaseStatus.ROUTED,
            "REHSOS",
            "lbk.admin"));
    // Answered on Wednesday 25 November, 10:00 WIB.
    CaseEvent.CaseAnswered answered =
        new CaseEvent.CaseAnswered(
            UUID.randomUUID().toString(),
            Instant.parse("2026-11-25T03:00:00Z"),
            opened.caseId(),
            opened.ticket(),
            "LBK",
            CaseStatus.ANSWERED,
            "Jawaban",
            opened.replyAddress(),
            "lbk.officer",
            List.of());
    send(answered);
    send(answered);

    assertThat(stoppedEvent(opened.caseId(), "lapor-follow-up").late()).isFalse();
    SlaEvent.SlaClockStarted closing = started(opened.caseId(), "lapor-close");
    // Ten working days after Wednesday 25 November: Wednesday 9 December, 16:00 WIB.
    assertThat(closing.deadline()).isEqualTo(Instant.parse("2026-12-09T09:00:00Z"));
    assertThat(app.getBean(SlaClocks.class).byId(opened.caseId() + "/lapor-close"))
        .get()
        .satisfies(
            c -> {
              assertThat(c.division()).isEqualTo("REHSOS");
              assertThat(c.quiet()).isTrue();
            });

    send(
        new CaseEvent.CitizenMessageAdded(
            UUID.randomUUID().toString(),
            Instant.parse("2026-11-26T03:00:00Z"),
            opened.caseId(),
            opened.ticket(),
            "LBK",
            CaseStatus.ANSWERED,
            "m-2",
            Instant.parse("2026-11-26T03:00:00Z"),
            opened.replyAddress()));
    assertThat(stoppedEvent(opened.caseId(), "lapor-close").late()).isFalse();
    assertThat(
            events(
                opened.caseId(), "id.aduan.sla.clock-started.v1", SlaEvent.SlaClockStarted.class))
        .filteredOn(e -> e.clock().equals("lapor-close"))
        .as("the redelivered answer starts the closing clock once")
        .hasSize(1);
    assertThat(app.getBean(SlaClocks.class).byId(opened.caseId() + "/completion"))
        .get()
        .extracting(SlaClockDocument::division)
        .isEqualTo("REHSOS");
  }

  @Test
  void givenAReclassification_thenTheDeadlineIsRecomputedOnceFromReceipt() {
    CaseEvent.CaseOpened opened = opened("LBK");
    send(opened);
    assertThat(started(opened.caseId(), "completion").deadline())
        .isEqualTo(FIVE_WORKING_DAYS_LATER);
    // The classifier's proposal at intake is not a decision: it moves no clock (only the officer's
    // classification below does, once).
    send(
        new CaseEvent.CaseClassified(
            UUID.randomUUID().toString(),
            Instant.parse("2026-11-20T03:00:01Z"),
            opened.caseId(),
            opened.ticket(),
            "LBK",
            CaseStatus.RECEIVED,
            CaseType.COMPLAINT,
            "OVERSIGHT",
            null,
            "LINJAMSOS",
            0.9,
            false,
            List.of("kata 'pengawasan'"),
            CaseEvent.CaseClassified.PROPOSER));
    CaseEvent.CaseClassified classified =
        new CaseEvent.CaseClassified(
            UUID.randomUUID().toString(),
            Instant.parse("2026-11-23T03:00:00Z"),
            opened.caseId(),
            opened.ticket(),
            "LBK",
            CaseStatus.VERIFIED,
            CaseType.COMPLAINT,
            "NO_OVERSIGHT",
            null,
            "REHSOS",
            1.0,
            false,
            List.of(),
            "lbk.verifier");

    send(classified);
    send(classified);

    SlaEvent.SlaDeadlineChanged changed =
        awaitEvents(
                opened.caseId(),
                "id.aduan.sla.deadline-changed.v1",
                SlaEvent.SlaDeadlineChanged.class)
            .getFirst();
    // Fourteen working days from Friday 20 November: Thursday 10 December, 16:00 WIB.
    assertThat(changed.deadline()).isEqualTo(Instant.parse("2026-12-10T09:00:00Z"));
    assertThat(changed.reason()).isEqualTo("reclassified");
    CaseEvent.CaseOpened marker = opened("LBK");
    send(marker);
    awaitStarted(marker.caseId());
    assertThat(recordsOfType(opened.caseId(), "id.aduan.sla.deadline-changed.v1")).hasSize(1);
    assertThat(app.getBean(SlaClocks.class).byId(opened.caseId() + "/completion"))
        .get()
        .satisfies(
            c -> {
              assertThat(c.policy()).isEqualTo("LBK/NO_OVERSIGHT/completion");
              assertThat(c.division()).isEqualTo("REHSOS");
            });
  }

  @Test
  void givenAPublicInformationRequestExtended_thenItsDeadlineMovesBySevenWorkingDaysOnce() {
    CaseEvent.CaseOpened opened =
        new CaseEvent.CaseOpened(
            UUID.randomUUID().toString(),
            Instant.parse("2026-03-16T02:00:02Z"),
            "c-" + UUID.randomUUID(),
            "BDG-2026-000009",
            "BDG",
            CaseStatus.RECEIVED,
            Channel.EMAIL,
            "ONLINE",
            CaseType.INFORMATION_REQUEST,
            null,
            Instant.parse("2026-03-16T02:00:00Z"),
            null,
            null,
            "id");
    send(opened);
    // Bandung sets no PPID deadline of its own: the statute's 10 working days, Tue 7 April.
    SlaEvent.SlaClockStarted started = started(opened.caseId(), "completion");
    assertThat(started.policy()).isEqualTo("BDG/PPID/completion");
    assertThat(started.deadline()).isEqualTo(Instant.parse("2026-04-07T09:00:00Z"));
    CaseEvent.CaseDeadlineExtended extended =
        new CaseEvent.CaseDeadlineExtended(
            UUID.randomUUID().toString(),
            Instant.parse("2026-04-06T03:00:00Z"),
            opened.caseId(),
            opened.ticket(),
            "BDG",
            CaseStatus.IN_PROGRESS,
            "completion",
            7,
            "WORKING_DAYS",
            "dokumen harus dihimpun dari beberapa bidang",
            null,
            "bdg.ppid");

    send(extended);
    send(extended);

    SlaEvent.SlaDeadlineChanged changed =
        awaitEvents(
                opened.caseId(),
                "id.aduan.sla.deadline-changed.v1",
                SlaEvent.SlaDeadlineChanged.class)
            .getFirst();
    assertThat(changed.deadline()).isEqualTo(Instant.parse("2026-04-16T09:00:00Z"));
    assertThat(changed.reason()).startsWith("extended");
    CaseEvent.CaseOpened marker = opened("BDG");
    send(marker);
    awaitStarted(marker.caseId());
    assertThat(recordsOfType(opened.caseId(), "id.aduan.sla.deadline-changed.v1")).hasSize(1);
  }

  @Test
  void givenACaseMergedIntoAnother_thenEveryClockOfTheMergedCaseStops() {
    CaseEvent.CaseOpened opened = opened("BTN", RECEIVED, "letter");
    send(opened);
    started(opened.caseId(), "start-of-handling");
    send(
        new CaseEvent.CaseMerged(
            UUID.randomUUID().toString(),
            Instant.parse("2026-11-20T03:00:00Z"),
            opened.caseId(),
            opened.ticket(),
            "BTN",
            CaseStatus.MERGED,
            "c-survivor",
            "BTN-2026-000002",
            "btn.admin"));

    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(
                        events(
                            opened.caseId(),
                            "id.aduan.sla.clock-stopped.v1",
                            SlaEvent.SlaClockStopped.class))
                    .extracting(SlaEvent.SlaClockStopped::clock)
                    .containsExactlyInAnyOrder("start-of-handling", "completion"));
    assertThat(app.getBean(SlaClocks.class).ofCase(opened.caseId()))
        .extracting(SlaClockDocument::state)
        .containsOnly("MERGED");
  }

  @Test
  void givenACaseReopenedAfterItsResolution_thenItsCompletionClockRunsAFreshTermFromTheReopening() {
    CaseEvent.CaseOpened opened = opened("LBK");
    send(opened);
    awaitStarted(opened.caseId());
    send(
        new CaseEvent.CaseResolved(
            UUID.randomUUID().toString(),
            Instant.parse("2026-11-25T02:00:00Z"),
            opened.caseId(),
            opened.ticket(),
            "LBK",
            CaseStatus.RESOLVED,
            "Bantuan disalurkan",
            opened.replyAddress(),
            "lbk.admin",
            null,
            List.of()));
    stoppedEvent(opened.caseId(), "completion");
    // Reopened on Tuesday 1 December, 10:00 WIB: five working days end Tuesday 8th, 16:00 WIB.
    CaseEvent.CaseReopened reopened =
        new CaseEvent.CaseReopened(
            UUID.randomUUID().toString(),
            Instant.parse("2026-12-01T03:00:00Z"),
            opened.caseId(),
            opened.ticket(),
            "LBK",
            CaseStatus.IN_PROGRESS,
            "Bantuan belum diterima",
            "lbk.admin");

    send(reopened);
    send(reopened);

    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(
                        events(
                            opened.caseId(),
                            "id.aduan.sla.clock-started.v1",
                            SlaEvent.SlaClockStarted.class))
                    .extracting(SlaEvent.SlaClockStarted::startedAt)
                    .contains(reopened.occurredAt()));
    CaseEvent.CaseOpened marker = opened("LBK");
    send(marker);
    awaitStarted(marker.caseId());
    assertThat(
            events(
                opened.caseId(), "id.aduan.sla.clock-started.v1", SlaEvent.SlaClockStarted.class))
        .as("the redelivered reopening starts the clock once")
        .extracting(SlaEvent.SlaClockStarted::deadline)
        .containsExactly(FIVE_WORKING_DAYS_LATER, Instant.parse("2026-12-08T09:00:00Z"));
    assertThat(app.getBean(SlaClocks.class).byId(opened.caseId() + "/completion"))
        .get()
        .satisfies(
            c -> {
              assertThat(c.state()).isEqualTo(ClockState.RUNNING.name());
              assertThat(c.startedAt()).isEqualTo(reopened.occurredAt());
            });
  }

  // --- helpers ---------------------------------------------------------------------------------

  private <T extends SlaEvent> List<T> events(String caseId, String type, Class<T> as) {
    return recordsOfType(caseId, type).stream().map(r -> reader.read(r.value(), as)).toList();
  }

  private <T extends SlaEvent> List<T> awaitEvents(String caseId, String type, Class<T> as) {
    return await().atMost(PATIENCE).until(() -> events(caseId, type, as), e -> !e.isEmpty());
  }

  private SlaEvent.SlaClockStarted started(String caseId, String clockName) {
    return await()
        .atMost(PATIENCE)
        .until(
            () ->
                events(caseId, "id.aduan.sla.clock-started.v1", SlaEvent.SlaClockStarted.class)
                    .stream()
                    .filter(e -> e.clock().equals(clockName))
                    .toList(),
            e -> !e.isEmpty())
        .getFirst();
  }

  private SlaEvent.SlaClockStopped stoppedEvent(String caseId, String clockName) {
    return await()
        .atMost(PATIENCE)
        .until(
            () ->
                events(caseId, "id.aduan.sla.clock-stopped.v1", SlaEvent.SlaClockStopped.class)
                    .stream()
                    .filter(e -> e.clock().equals(clockName))
                    .toList(),
            e -> !e.isEmpty())
        .getFirst();
  }

  private List<ConsumerRecord<String, byte[]>> recordsOfType(String caseId, String type) {
    try (TopicProbe probe = new TopicProbe(brokers, Topics.SLA_EVENTS)) {
      return probe.readToEnd(PATIENCE).stream()
          .filter(r -> header(r, CloudEventHeaders.TYPE).equals(type))
          .filter(r -> caseId.equals(r.key()))
          .toList();
    }
  }

  private static CaseEvent.CaseOpened opened(String agency) {
    return opened(agency, RECEIVED);
  }

  private static CaseEvent.CaseOpened opened(String agency, Instant received) {
    return opened(agency, received, "ONLINE", Channel.WHATSAPP);
  }

  private static CaseEvent.CaseOpened opened(String agency, Instant received, String intakeMode) {
    return opened(agency, received, intakeMode, Channel.FRONT_DESK);
  }

  private static CaseEvent.CaseOpened opened(
      String agency, Instant received, String intakeMode, Channel channel) {
    String caseId = "c-" + UUID.randomUUID();
    return new CaseEvent.CaseOpened(
        UUID.randomUUID().toString(),
        received.plusSeconds(2),
        caseId,
        agency + "-2026-000001",
        agency,
        CaseStatus.RECEIVED,
        channel,
        intakeMode,
        CaseType.COMPLAINT,
        null,
        received,
        new ReplyAddress(Channel.WHATSAPP, "100000000000003", "6285200000000"),
        "wamid." + caseId,
        "id");
  }

  private void send(CaseEvent event) {
    Message<byte[]> message = cases.toMessage(event, event.caseId(), event.ticket());
    writer.send(Topics.CASES_EVENTS, 0, event.caseId(), message.getPayload(), message.getHeaders());
  }

  private ConsumerRecord<String, byte[]> awaitStarted(String caseId) {
    return await()
        .atMost(PATIENCE)
        .until(() -> startedRecordsFor(caseId), records -> !records.isEmpty())
        .getFirst();
  }

  private List<ConsumerRecord<String, byte[]>> startedRecordsFor(String caseId) {
    try (TopicProbe probe = new TopicProbe(brokers, Topics.SLA_EVENTS)) {
      return probe.readToEnd(PATIENCE).stream()
          .filter(r -> header(r, CloudEventHeaders.TYPE).equals("id.aduan.sla.clock-started.v1"))
          .filter(r -> caseId.equals(r.key()))
          .filter(
              r ->
                  new String(r.value(), StandardCharsets.UTF_8)
                      .contains("\"clock\":\"completion\""))
          .toList();
    }
  }

  private List<ConsumerRecord<String, byte[]>> deadLettersContaining(String text) {
    try (TopicProbe probe = new TopicProbe(brokers, Topics.dlq(Topics.CASES_EVENTS))) {
      return probe.readToEnd(PATIENCE).stream()
          .filter(r -> new String(r.value(), StandardCharsets.UTF_8).contains(text))
          .toList();
    }
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
  }
}
