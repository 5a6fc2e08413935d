package id.aduan.cases.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import id.aduan.agency.Agency;
import id.aduan.agency.AgencyCatalog;
import id.aduan.cases.domain.CaseState;
import id.aduan.cases.domain.IdentityKeys;
import id.aduan.cases.domain.TestMessages;
import id.aduan.cases.persistence.CaseDocument;
import id.aduan.cases.persistence.Cases;
import id.aduan.cases.persistence.Citizens;
import id.aduan.cases.persistence.TestCases;
import id.aduan.contracts.CaseStatus;
import id.aduan.support.messaging.CloudEvents;
import id.aduan.support.messaging.EventPublisher;
import id.aduan.support.messaging.Outbox;
import id.aduan.testsupport.InJvmMongo;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 21 through the use cases on the MongoDB-protocol server: the SLA service's reports land on
 * a case while officers and citizens work it, and neither loses the other's change. An SLA report
 * moves no version, so an officer who read the case before it acts on what they saw (no 409), and
 * the case saved from a read made before the report keeps the reported deadline (docs/adr/0040).
 */
class SlaReportsAndOfficerActionsTest {

  private static final Agency BDG = AgencyCatalog.bundled().byCode("BDG").orElseThrow();
  private static final Instant NOW = Instant.parse("2026-03-17T02:15:30Z");

  private MongoClient client;
  private Cases cases;
  private CaseService service;

  @BeforeEach
  void wire() {
    String uri = InJvmMongo.freshDatabaseUri("sla-reports");
    client = MongoClients.create(uri);
    MongoTemplate mongo = new MongoTemplate(client, uri.substring(uri.lastIndexOf('/') + 1));
    cases = TestCases.on(mongo);
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
            doc -> {},
            outbox,
            new SimpleMeterRegistry(),
            Clock.fixed(NOW, ZoneOffset.UTC),
            new IdentityKeys(IdentityKeys.UNKEYED_SHA256),
            event -> event);
  }

  @AfterEach
  void close() {
    client.close();
  }

  @Test
  void anOfficerActsOnTheVersionTheySawBeforeSlaReportsAndTheReportedDeadlinesStay() {
    String ticket =
        service
            .receive(
                TestMessages.whatsapp(
                    "wamid.1", "6281200000001", "Jalan berlubang di depan SDN 1", NOW, null),
                BDG)
            .ticket();
    // The officer opens the case: its version is their ETag.
    CaseDocument seen = service.byTicket(BDG, ticket).orElseThrow();
    long etag = seen.version();
    // The SLA service reports a clock before the officer acts ...
    CaseState.Deadline started =
        new CaseState.Deadline("completion", NOW.plusSeconds(86_400), "RUNNING", NOW);
    cases.recordDeadline(seen.id(), started);
    // ... and another one between the action's read of the case and its write.
    CaseState.Deadline warned =
        new CaseState.Deadline("response", NOW.plusSeconds(3_600), "WARNING", NOW.plusSeconds(60));

    CaseDocument acted =
        service.act(
            BDG,
            ticket,
            etag,
            "reject",
            (c, read) -> {
              cases.recordDeadline(read.id(), warned);
              return c.reject("NOT_A_COMPLAINT", "bukan pengaduan", "bdg.loket", NOW);
            });

    assertThat(acted.state().status()).isEqualTo(CaseStatus.REJECTED);
    assertThat(acted.version()).isEqualTo(etag + 1);
    CaseDocument stored = cases.byId(seen.id()).orElseThrow();
    assertThat(stored.state().status()).isEqualTo(CaseStatus.REJECTED);
    assertThat(stored.state().deadlines())
        .containsExactlyInAnyOrderEntriesOf(Map.of("completion", started, "response", warned));
  }
}
