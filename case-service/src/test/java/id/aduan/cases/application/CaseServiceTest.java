package id.aduan.cases.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import id.aduan.agency.Agency;
import id.aduan.agency.AgencyCatalog;
import id.aduan.cases.domain.Case;
import id.aduan.cases.domain.CaseState;
import id.aduan.cases.domain.IdentityKeys;
import id.aduan.cases.domain.TestMessages;
import id.aduan.cases.persistence.CaseDocument;
import id.aduan.cases.persistence.Citizens;
import id.aduan.cases.persistence.TestCases;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * The intake use case end to end on the in-memory case repository: load, decide, save, publish,
 * without a broker or a Spring context (citizen profiles and ticket numbers on the in-JVM
 * MongoDB-protocol server).
 */
class CaseServiceTest {

  private static final Agency BDG = AgencyCatalog.bundled().byCode("BDG").orElseThrow();
  private static final Instant NOW = Instant.parse("2026-03-17T02:15:30Z");
  private static final String ACCOUNT = "100000000000001";
  private static final String REPORTER = "6281200000001";
  private static final String OTHER = "6281200000002";

  private final InMemoryCases cases = new InMemoryCases();
  private final List<String> published = new ArrayList<>();
  private final IdentityKeys identityKeys = new IdentityKeys(IdentityKeys.UNKEYED_SHA256);
  private MongoClient client;
  private CaseService service;

  @BeforeEach
  void wire() {
    String uri = InJvmMongo.freshDatabaseUri("case-service-app");
    client = MongoClients.create(uri);
    MongoTemplate mongo = new MongoTemplate(client, uri.substring(uri.lastIndexOf('/') + 1));
    JsonMapper json = JsonMapper.builder().build();
    CloudEvents cloudEvents = new CloudEvents(json, "/aduan/case-service");
    Outbox outbox =
        new Outbox(
            new EventPublisher(mock(StreamBridge.class), cloudEvents, new SimpleMeterRegistry()),
            cloudEvents,
            json);
    service =
        new CaseService(
            cases,
            new Citizens(mongo),
            TestCases.tickets(mongo),
            doc -> published.add(doc.state().ticket()),
            outbox,
            new SimpleMeterRegistry(),
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

  private CaseState state(String id) {
    return cases.byId(id).orElseThrow().state();
  }

  @Test
  void aMessageOpensACaseItsRedeliveryChangesNothingAndAFollowUpJoinsIt() {
    CaseService.Received opened =
        service.receive(message("wamid.1", REPORTER, "Jalan berlubang di depan SDN 1"), BDG);
    CaseService.Received again =
        service.receive(message("wamid.1", REPORTER, "Jalan berlubang di depan SDN 1"), BDG);
    CaseService.Received joined =
        service.receive(message("wamid.2", REPORTER, "Lubangnya makin besar"), BDG);

    assertThat(opened.outcome()).isEqualTo("opened");
    assertThat(opened.ticket()).isEqualTo("BDG-2026-000001");
    assertThat(again)
        .isEqualTo(new CaseService.Received("duplicate", opened.caseId(), opened.ticket()));
    assertThat(joined)
        .isEqualTo(new CaseService.Received("joined", opened.caseId(), opened.ticket()));
    assertThat(state(opened.caseId()).messages())
        .extracting(CaseState.Message::providerMessageId)
        .containsExactly("wamid.1", "wamid.2");
    assertThat(cases.openSince("BDG", NOW.minus(Duration.ofDays(1)), 10)).hasSize(1);
    assertThat(published).contains("BDG-2026-000001");
  }

  @Test
  void anotherSendersMentionOfATicketOpensANewCaseLinkedBothWays() {
    CaseService.Received first =
        service.receive(message("wamid.1", REPORTER, "Jalan berlubang di depan SDN 1"), BDG);
    CaseService.Received second =
        service.receive(
            message("wamid.9", OTHER, "Sama seperti " + first.ticket() + ", di RT 05 juga"), BDG);

    assertThat(second.outcome()).isEqualTo("opened");
    assertThat(second.ticket()).isNotEqualTo(first.ticket());
    assertThat(state(second.caseId()).timeline())
        .anyMatch(
            e ->
                e.action().equals(Case.MENTIONS)
                    && e.reason() != null
                    && e.reason().contains(first.ticket()));
    assertThat(state(first.caseId()).timeline())
        .anyMatch(
            e ->
                e.action().equals(Case.MENTIONED)
                    && e.reason() != null
                    && e.reason().contains(second.ticket()));
    assertThat(state(first.caseId()).messages()).hasSize(1);
  }

  @Test
  void aRatingInsideTheSurveyWindowAnswersTheResolvedCasesSurvey() {
    stored("c-resolved", "BDG-2026-000101", CaseStatus.RESOLVED);

    CaseService.Received r = service.receive(message("wamid.3", REPORTER, "5"), BDG);

    assertThat(r).isEqualTo(new CaseService.Received("surveyed", "c-resolved", "BDG-2026-000101"));
    assertThat(state("c-resolved").survey()).isNotNull();
    assertThat(state("c-resolved").status()).isEqualTo(CaseStatus.RESOLVED);
  }

  @Test
  void thanksLeaveAnAnsweredCaseAnsweredAndOtherTextReopensIt() {
    stored("c-answered", "BDG-2026-000102", CaseStatus.ANSWERED);

    CaseService.Received thanks =
        service.receive(message("wamid.4", REPORTER, "Terima kasih banyak"), BDG);
    assertThat(thanks.outcome()).isEqualTo("joined");
    assertThat(state("c-answered").status()).isEqualTo(CaseStatus.ANSWERED);

    CaseService.Received more =
        service.receive(message("wamid.5", REPORTER, "Tapi lubangnya belum ditutup"), BDG);
    assertThat(more.outcome()).isEqualTo("joined");
    assertThat(state("c-answered").status()).isNotEqualTo(CaseStatus.ANSWERED);
  }

  /** A case of the reporter, answered or resolved an hour ago. */
  private void stored(String id, String ticket, CaseStatus status) {
    // Answered (and resolved, when it is) an hour ago.
    CaseState.Builder state =
        TestMessages.reportersCase(
            ticket,
            REPORTER,
            status,
            NOW.minus(Duration.ofDays(3)),
            NOW.minus(Duration.ofHours(1)));
    state.citizenKey = identityKeys.citizen(Channel.WHATSAPP, REPORTER);
    assertThat(cases.insert(CaseDocument.opened(id, state.build(), List.of()))).isTrue();
  }
}
