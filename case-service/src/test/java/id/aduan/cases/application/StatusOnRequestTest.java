package id.aduan.cases.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import id.aduan.agency.Agency;
import id.aduan.agency.AgencyCatalog;
import id.aduan.cases.domain.CaseState;
import id.aduan.cases.domain.IdentityKeys;
import id.aduan.cases.domain.TestMessages;
import id.aduan.cases.persistence.CaseDocument;
import id.aduan.cases.persistence.Citizens;
import id.aduan.cases.persistence.TestCases;
import id.aduan.contracts.CaseEvent;
import id.aduan.contracts.CaseStatus;
import id.aduan.contracts.Channel;
import id.aduan.contracts.ComplaintReceived;
import id.aduan.support.messaging.CloudEvents;
import id.aduan.support.messaging.EventPublisher;
import id.aduan.support.messaging.Outbox;
import id.aduan.testsupport.InJvmMongo;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.messaging.Message;
import tools.jackson.databind.json.JsonMapper;

/**
 * Status on request on the citizen's channel (issue 23, docs/adr/0053): the reporter asking is
 * answered with a {@code CaseStatusRequested} published at once; the case is not touched (no
 * message, no timeline entry, no reopening); a stranger naming the ticket hears nothing about it,
 * and the attempt is counted.
 */
class StatusOnRequestTest {

  private static final Agency BDG = AgencyCatalog.bundled().byCode("BDG").orElseThrow();
  private static final Instant NOW = Instant.parse("2026-03-17T02:15:30Z");
  private static final String REPORTER = "6281200000001";
  private static final String STRANGER = "6281200000002";

  private final InMemoryCases cases = new InMemoryCases();
  private final List<Object> sent = new ArrayList<>();
  private final IdentityKeys identityKeys = new IdentityKeys(IdentityKeys.UNKEYED_SHA256);
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private MongoClient client;
  private CaseService service;

  @BeforeEach
  void wire() {
    String uri = InJvmMongo.freshDatabaseUri("case-service-status");
    client = MongoClients.create(uri);
    MongoTemplate mongo = new MongoTemplate(client, uri.substring(uri.lastIndexOf('/') + 1));
    JsonMapper json = JsonMapper.builder().build();
    CloudEvents cloudEvents = new CloudEvents(json, "/aduan/case-service");
    StreamBridge bridge = mock(StreamBridge.class);
    when(bridge.send(anyString(), any(Object.class)))
        .thenAnswer(
            call -> {
              @SuppressWarnings("unchecked")
              Message<byte[]> m = (Message<byte[]>) call.getArgument(1);
              sent.add(cloudEvents.read(m, null));
              return true;
            });
    Outbox outbox = new Outbox(new EventPublisher(bridge, cloudEvents, meters), cloudEvents, json);
    service =
        new CaseService(
            cases,
            new Citizens(mongo),
            TestCases.tickets(mongo),
            doc -> {},
            outbox,
            meters,
            Clock.fixed(NOW, ZoneOffset.UTC),
            identityKeys,
            event -> event);
  }

  @AfterEach
  void close() {
    client.close();
  }

  private static ComplaintReceived message(String providerId, String from, String text) {
    return TestMessages.whatsapp(providerId, from, text, NOW, null);
  }

  private List<CaseEvent.CaseStatusRequested> answers() {
    return sent.stream()
        .filter(CaseEvent.CaseStatusRequested.class::isInstance)
        .map(CaseEvent.CaseStatusRequested.class::cast)
        .toList();
  }

  private double counted(String outcome) {
    var counter =
        meters
            .find("aduan.cases.status.requests")
            .tags("agency", "BDG", "channel", "whatsapp", "outcome", outcome)
            .counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void theReporterAskingAboutAnAnsweredCaseGetsItsStatusAndTheCaseStaysAsItWas() {
    CaseDocument before = stored("c-1", "BDG-2026-000101", CaseStatus.ANSWERED);

    CaseService.Received r =
        service.receive(message("wamid.s1", REPORTER, "cek BDG-2026-000101"), BDG);

    assertThat(r.outcome()).isEqualTo("status");
    CaseDocument after = cases.byId("c-1").orElseThrow();
    assertThat(after.state().status()).isEqualTo(CaseStatus.ANSWERED);
    assertThat(after.state().messages()).isEqualTo(before.state().messages());
    assertThat(after.state().timeline()).isEqualTo(before.state().timeline());
    assertThat(after.version()).isEqualTo(before.version());
    assertThat(answers()).hasSize(1);
    CaseEvent.CaseStatusRequested answer = answers().getFirst();
    assertThat(answer.found()).isTrue();
    assertThat(answer.caseId()).isEqualTo("c-1");
    assertThat(answer.cases())
        .extracting(CaseEvent.StatusLine::ticket, CaseEvent.StatusLine::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("BDG-2026-000101", CaseStatus.ANSWERED));
    assertThat(answer.replyAddress().recipientId()).isEqualTo(REPORTER);
    assertThat(answer.messageId()).isEqualTo("wamid.s1");
    assertThat(counted("shown")).isEqualTo(1);
  }

  @Test
  void aStrangerNamingTheTicketGetsTheSameNotFoundAsANumberOfNoCaseAndIsCounted() {
    stored("c-1", "BDG-2026-000101", CaseStatus.IN_PROGRESS);

    service.receive(message("wamid.s2", STRANGER, "status BDG-2026-000101"), BDG);
    service.receive(message("wamid.s3", STRANGER, "status BDG-2026-000999"), BDG);

    assertThat(answers()).hasSize(2);
    CaseEvent.CaseStatusRequested refused = answers().get(0);
    CaseEvent.CaseStatusRequested unknown = answers().get(1);
    for (CaseEvent.CaseStatusRequested a : answers()) {
      assertThat(a.found()).isFalse();
      assertThat(a.cases()).isEmpty();
      assertThat(a.status()).isNull();
      assertThat(a.caseId()).startsWith("status-query:").doesNotContain("c-1");
      assertThat(a.replyAddress().recipientId()).isEqualTo(STRANGER);
    }
    assertThat(refused.ticket()).isEqualTo("BDG-2026-000101");
    assertThat(unknown.ticket()).isEqualTo("BDG-2026-000999");
    assertThat(cases.byId("c-1").orElseThrow().state().timeline())
        .noneMatch(e -> e.action().contains("mention"));
    assertThat(cases.openSince("BDG", NOW.minus(Duration.ofDays(30)), 10)).hasSize(1);
    assertThat(counted("refused_stranger")).isEqualTo(1);
    assertThat(counted("not_found")).isEqualTo(1);
  }

  @Test
  void askingWithoutATicketListsTheSendersOpenCasesAndARedeliveryGivesTheSameEvent() {
    stored("c-1", "BDG-2026-000101", CaseStatus.IN_PROGRESS);
    CaseDocument waiting = stored("c-2", "BDG-2026-000102", CaseStatus.INCOMPLETE);

    service.receive(message("wamid.s4", REPORTER, "gimana aduan saya?"), BDG);
    service.receive(message("wamid.s4", REPORTER, "gimana aduan saya?"), BDG);

    assertThat(answers()).hasSize(2);
    assertThat(answers().get(0).eventId()).isEqualTo(answers().get(1).eventId());
    assertThat(answers().get(0).cases())
        .extracting(CaseEvent.StatusLine::ticket)
        .containsExactlyInAnyOrder("BDG-2026-000101", "BDG-2026-000102");
    assertThat(cases.byId("c-2").orElseThrow().state().messages())
        .isEqualTo(waiting.state().messages());
    assertThat(cases.byId("c-2").orElseThrow().version()).isEqualTo(waiting.version());
  }

  @Test
  void theNextDeadlineShownIsTheEarliestRunningOne() {
    CaseState.Builder state =
        TestMessages.reportersCase(
            "BDG-2026-000103",
            REPORTER,
            CaseStatus.ROUTED,
            NOW.minus(Duration.ofDays(3)),
            NOW.minus(Duration.ofHours(1)));
    Instant soon = NOW.plus(Duration.ofDays(2));
    state.deadlines.put(
        "start", new CaseState.Deadline("start", NOW.minus(Duration.ofDays(1)), "MET", NOW));
    state.deadlines.put("completion", new CaseState.Deadline("completion", soon, "RUNNING", NOW));
    state.deadlines.put(
        "other", new CaseState.Deadline("other", soon.plusSeconds(60), "WARNING", NOW));

    assertThat(CaseService.statusLine(state.build()).nextDeadline()).isEqualTo(soon);
  }

  @Test
  void theHolderOfTheStatusLinkAnswersAResolvedCasesSurveyOnceOnTheStatusPage() {
    stored("c-r", "BDG-2026-000110", CaseStatus.RESOLVED);
    String link = service.statusLink("c-r", "BDG-2026-000110");
    String key = link.substring(link.indexOf("key=") + 4);

    assertThat(link).startsWith("/status.html?ticket=BDG-2026-000110&key=");
    assertThat(key).hasSize(24).doesNotContain("BDG");
    assertThat(service.answerSurveyOnStatusPage(BDG, "BDG-2026-000110", "0".repeat(24), 1, null))
        .isEqualTo(CaseService.PageSurvey.NOT_FOUND);
    assertThat(service.answerSurveyOnStatusPage(BDG, "BDG-2026-000110", key, 4, " cepat "))
        .isEqualTo(CaseService.PageSurvey.ANSWERED);
    assertThat(service.answerSurveyOnStatusPage(BDG, "BDG-2026-000110", key, 1, null))
        .isEqualTo(CaseService.PageSurvey.ALREADY_ANSWERED);

    CaseDocument after = cases.byId("c-r").orElseThrow();
    assertThat(after.state().survey()).isNotNull();
    assertThat(after.state().survey().rating()).isEqualTo(4);
    assertThat(after.state().survey().comment()).isEqualTo("cepat");
    assertThat(after.state().status()).isEqualTo(CaseStatus.RESOLVED);
    assertThat(after.outbox())
        .extracting(e -> e.type())
        .contains("id.aduan.case.survey-answered.v1");
  }

  @Test
  void aCaseNotResolvedHasNoSurveyOnTheStatusPage() {
    stored("c-o", "BDG-2026-000111", CaseStatus.IN_PROGRESS);
    String link = service.statusLink("c-o", "BDG-2026-000111");

    assertThat(
            service.answerSurveyOnStatusPage(
                BDG, "BDG-2026-000111", link.substring(link.indexOf("key=") + 4), 5, null))
        .isEqualTo(CaseService.PageSurvey.NOT_OPEN);
    assertThat(cases.byId("c-o").orElseThrow().state().survey()).isNull();
  }

  /** A WhatsApp case of the reporter, last written to an hour ago. */
  private CaseDocument stored(String id, String ticket, CaseStatus status) {
    CaseState.Builder state =
        TestMessages.reportersCase(
            ticket,
            REPORTER,
            status,
            NOW.minus(Duration.ofDays(3)),
            NOW.minus(Duration.ofHours(1)));
    state.citizenKey = identityKeys.citizen(Channel.WHATSAPP, REPORTER);
    CaseDocument doc = CaseDocument.opened(id, state.build(), List.of());
    assertThat(cases.insert(doc)).isTrue();
    return cases.byId(id).orElseThrow();
  }
}
