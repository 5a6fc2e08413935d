package id.aduan.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.aduan.cases.domain.CaseIds;
import id.aduan.cases.domain.CaseState;
import id.aduan.cases.persistence.Cases;
import id.aduan.contracts.CaseEvent;
import id.aduan.contracts.Channel;
import id.aduan.contracts.CloudEventHeaders;
import id.aduan.contracts.ComplaintReceived;
import id.aduan.contracts.SlaEvent;
import id.aduan.contracts.Topics;
import id.aduan.support.messaging.CloudEvents;
import id.aduan.testsupport.AduanKafka;
import id.aduan.testsupport.AduanService;
import id.aduan.testsupport.TopicProbe;
import java.nio.charset.StandardCharsets;
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
import org.springframework.messaging.Message;
import tools.jackson.databind.json.JsonMapper;

/**
 * case-service's consumers ({@code openCase}, {@code recordDeadlines}) on the in-JVM KRaft broker
 * and MongoDB-protocol server, in one application context. Records a test writes go to partition 0,
 * so once a later record there was processed, every earlier one was too. The outbox sweep is slowed
 * down so that only the consumer publishes, and "exactly one" can be asserted.
 */
@AduanKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaseServiceStreamTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final Instant RECEIVED = Instant.parse("2026-11-20T01:15:00Z");
  private static final String CITIZEN = "6281234567890";

  @RegisterExtension
  static final AduanService app =
      AduanService.of(CaseServiceApplication::builder, "cases-stream")
          .property("aduan.cases.outbox-sweep-interval", "1h");

  private CloudEvents channel;
  private CloudEvents sla;
  private CloudEvents reader;
  private Cases cases;

  @BeforeAll
  void start() {
    JsonMapper json = app.bean(JsonMapper.class);
    channel = new CloudEvents(json, "/aduan/channel-whatsapp");
    sla = new CloudEvents(json, "/aduan/sla-service");
    reader = app.bean(CloudEvents.class);
    cases = app.bean(Cases.class);
  }

  // --- openCase --------------------------------------------------------------------------------

  @Test
  void givenComplaint_thenOneCaseAndOneCaseOpenedCarryingItsTicket() {
    ComplaintReceived complaint = complaint("BDG", "Bantuan PKH ibu saya belum cair");

    sendComplaint(complaint);

    ConsumerRecord<String, byte[]> record = awaitOpened(complaint.providerMessageId());
    String caseId =
        CaseIds.forOpeningMessage("BDG", Channel.WHATSAPP, complaint.providerMessageId());
    CaseEvent.CaseOpened opened = reader.read(record.value(), CaseEvent.CaseOpened.class);
    assertThat(record.key()).isEqualTo(caseId);
    assertThat(opened.caseId()).isEqualTo(caseId);
    assertThat(opened.ticket()).matches("BDG-2026-\\d{6}");
    assertThat(opened.receivedAt()).isEqualTo(RECEIVED);
    assertThat(header(record, CloudEventHeaders.ID)).isEqualTo(opened.eventId());
    assertThat(header(record, CloudEventHeaders.SUBJECT)).isEqualTo(opened.ticket());
    assertThat(header(record, CloudEventHeaders.SOURCE)).isEqualTo("/aduan/case-service");
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(cases.byId(caseId))
                    .get()
                    .satisfies(
                        doc -> {
                          assertThat(doc.state().ticket()).isEqualTo(opened.ticket());
                          assertThat(doc.state().citizenName()).isEqualTo("Siti Aminah");
                          assertThat(doc.state().messages())
                              .extracting(CaseState.Message::text)
                              .containsExactly("Bantuan PKH ibu saya belum cair");
                          assertThat(doc.outbox()).isEmpty();
                          assertThat(doc.outboxPending()).isFalse();
                        }));
  }

  @Test
  void givenTheSameComplaintRedelivered_thenNoSecondCaseNoSecondEventAndNoTicketNumberSpent() {
    // Its own agency, so that no other test draws ticket numbers from the same counter.
    ComplaintReceived complaint = complaint("LBK", "Pelayanan KTP lambat");
    ComplaintReceived next = complaint("LBK", "Pesan berikutnya");

    sendComplaint(complaint);
    sendComplaint(complaint);
    sendComplaint(next);

    CaseEvent.CaseOpened nextOpened =
        reader.read(awaitOpened(next.providerMessageId()).value(), CaseEvent.CaseOpened.class);
    List<CaseEvent.CaseOpened> opened = openedFor(complaint.providerMessageId());
    assertThat(opened).hasSize(1);
    assertThat(sequenceOf(nextOpened.ticket()))
        .isEqualTo(sequenceOf(opened.getFirst().ticket()) + 1);
  }

  @Test
  void givenGarbageBytes_thenDeadLetteredAsMalformedAndTheNextComplaintStillOpensACase() {
    String garbage = "garbage-" + UUID.randomUUID();
    ComplaintReceived next = complaint("BDG", "Setelah sampah");

    app.writer()
        .send(
            Topics.COMPLAINTS_INBOUND,
            0,
            "BDG:" + CITIZEN,
            garbage.getBytes(StandardCharsets.UTF_8),
            Map.of(CloudEventHeaders.TYPE, "id.aduan.complaint.received.v1"));
    sendComplaint(next);

    awaitOpened(next.providerMessageId());
    assertThat(deadLettersContaining(Topics.dlq(Topics.COMPLAINTS_INBOUND), garbage))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(header(r, CloudEventHeaders.DLQ_REASON)).startsWith("MALFORMED");
              assertThat(new String(r.value(), StandardCharsets.UTF_8)).isEqualTo(garbage);
            });
  }

  @Test
  void givenComplaintForAnAgencyNotConfigured_thenDeadLetteredAndNoCaseOpened() {
    ComplaintReceived stray = complaint("XYZ", "Agensi tidak dikenal-" + UUID.randomUUID());
    ComplaintReceived next = complaint("BDG", "Setelah agensi asing");

    sendComplaint(stray);
    sendComplaint(next);

    awaitOpened(next.providerMessageId());
    assertThat(openedFor(stray.providerMessageId())).isEmpty();
    assertThat(deadLettersContaining(Topics.dlq(Topics.COMPLAINTS_INBOUND), stray.text()))
        .singleElement()
        .satisfies(
            r -> assertThat(header(r, CloudEventHeaders.DLQ_REASON)).startsWith("UNKNOWN_AGENCY"));
  }

  @Test
  void givenUnknownCeTypeOnInbound_thenDeadLetteredAsUnknownTypeAndNoCaseOpened() {
    ComplaintReceived odd = complaint("BDG", "Tipe tidak dikenal-" + UUID.randomUUID());
    ComplaintReceived next = complaint("BDG", "Setelah tipe asing");
    Message<byte[]> message = channel.toMessage(odd, "BDG:" + CITIZEN, "BDG");
    Map<String, Object> headers = new HashMap<>(message.getHeaders());
    headers.put(CloudEventHeaders.TYPE, "id.aduan.complaint.received.v9");

    app.writer()
        .send(Topics.COMPLAINTS_INBOUND, 0, "BDG:" + CITIZEN, message.getPayload(), headers);
    sendComplaint(next);

    awaitOpened(next.providerMessageId());
    assertThat(openedFor(odd.providerMessageId())).isEmpty();
    assertThat(deadLettersContaining(Topics.dlq(Topics.COMPLAINTS_INBOUND), odd.text()))
        .singleElement()
        .satisfies(
            r -> assertThat(header(r, CloudEventHeaders.DLQ_REASON)).startsWith("UNKNOWN_TYPE"));
  }

  // --- recordDeadlines -------------------------------------------------------------------------

  @Test
  void givenSlaEvents_thenTheCaseShowsTheLatestDeadlineAndState() {
    ComplaintReceived complaint = complaint("BDG", "Minta tenggat");
    sendComplaint(complaint);
    CaseEvent.CaseOpened opened =
        reader.read(awaitOpened(complaint.providerMessageId()).value(), CaseEvent.CaseOpened.class);
    Instant deadline = Instant.parse("2026-11-27T09:00:00Z");

    sendSla(
        new SlaEvent.SlaClockStarted(
            UUID.randomUUID().toString(),
            RECEIVED.plusSeconds(5),
            opened.caseId(),
            opened.ticket(),
            "BDG",
            "completion",
            "default/completion",
            RECEIVED,
            deadline,
            false));

    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(cases.byId(opened.caseId()).orElseThrow().state().deadlines())
                    .containsEntry(
                        "completion",
                        new CaseState.Deadline(
                            "completion", deadline, "RUNNING", RECEIVED.plusSeconds(5))));

    // Paused, then reclassified while paused: the new deadline, still paused.
    sendSla(
        new SlaEvent.SlaClockPaused(
            UUID.randomUUID().toString(),
            RECEIVED.plusSeconds(10),
            opened.caseId(),
            opened.ticket(),
            "BDG",
            "completion",
            RECEIVED.plusSeconds(10)));
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(
                        cases
                            .byId(opened.caseId())
                            .orElseThrow()
                            .state()
                            .deadlines()
                            .get("completion"))
                    .extracting(CaseState.Deadline::state)
                    .isEqualTo("PAUSED"));
    Instant moved = deadline.plus(java.time.Duration.ofDays(7));
    sendSla(
        new SlaEvent.SlaDeadlineChanged(
            UUID.randomUUID().toString(),
            RECEIVED.plusSeconds(20),
            opened.caseId(),
            opened.ticket(),
            "BDG",
            "completion",
            moved,
            false,
            "reclassified"));
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(
                        cases
                            .byId(opened.caseId())
                            .orElseThrow()
                            .state()
                            .deadlines()
                            .get("completion"))
                    .isEqualTo(
                        new CaseState.Deadline(
                            "completion", moved, "PAUSED", RECEIVED.plusSeconds(20))));

    sendSla(
        new SlaEvent.SlaBreached(
            UUID.randomUUID().toString(),
            deadline.plusSeconds(60),
            opened.caseId(),
            opened.ticket(),
            "BDG",
            "completion",
            deadline,
            null));

    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(
                        cases
                            .byId(opened.caseId())
                            .orElseThrow()
                            .state()
                            .deadlines()
                            .get("completion"))
                    .extracting(CaseState.Deadline::state)
                    .isEqualTo("BREACHED"));
  }

  @Test
  void givenUnknownCeTypeOnSlaEvents_thenDeadLetteredAndTheNextSlaEventIsStillRecorded() {
    ComplaintReceived complaint = complaint("BDG", "Tenggat setelah sampah");
    sendComplaint(complaint);
    CaseEvent.CaseOpened opened =
        reader.read(awaitOpened(complaint.providerMessageId()).value(), CaseEvent.CaseOpened.class);
    String marker = "unknown-sla-" + UUID.randomUUID();
    Instant deadline = Instant.parse("2026-11-27T09:00:00Z");

    app.writer()
        .send(
            Topics.SLA_EVENTS,
            0,
            opened.caseId(),
            ("{\"marker\":\"" + marker + "\"}").getBytes(StandardCharsets.UTF_8),
            Map.of(CloudEventHeaders.TYPE, "id.aduan.sla.something-new.v1"));
    sendSla(
        new SlaEvent.SlaClockStarted(
            UUID.randomUUID().toString(),
            RECEIVED.plusSeconds(5),
            opened.caseId(),
            opened.ticket(),
            "BDG",
            "completion",
            "default/completion",
            RECEIVED,
            deadline,
            false));

    await()
        .atMost(PATIENCE)
        .until(
            () ->
                cases
                    .byId(opened.caseId())
                    .orElseThrow()
                    .state()
                    .deadlines()
                    .containsKey("completion"));
    assertThat(deadLettersContaining(Topics.dlq(Topics.SLA_EVENTS), marker))
        .singleElement()
        .satisfies(
            r -> assertThat(header(r, CloudEventHeaders.DLQ_REASON)).startsWith("UNKNOWN_TYPE"));
  }

  // --- helpers ---------------------------------------------------------------------------------

  private static ComplaintReceived complaint(String agency, String text) {
    return new ComplaintReceived(
        UUID.randomUUID().toString(),
        RECEIVED.plusSeconds(1),
        agency,
        Channel.WHATSAPP,
        "100000000000001",
        "wamid." + UUID.randomUUID(),
        // A citizen of their own per complaint: one citizen's messages within the agency's join
        // window thread onto one case (issue 5), and each of these tests wants a case opened.
        new ComplaintReceived.Sender(
            CITIZEN + "-" + UUID.randomUUID(), "Siti Aminah", false, false),
        "text",
        null,
        text,
        List.of(),
        null,
        null,
        List.of(),
        RECEIVED,
        Map.of(),
        null);
  }

  private void sendComplaint(ComplaintReceived complaint) {
    String key = complaint.agencyCode() + ":" + CITIZEN;
    Message<byte[]> message = channel.toMessage(complaint, key, complaint.agencyCode());
    app.writer()
        .send(Topics.COMPLAINTS_INBOUND, 0, key, message.getPayload(), message.getHeaders());
  }

  private void sendSla(SlaEvent event) {
    Message<byte[]> message = sla.toMessage(event, event.caseId(), event.ticket());
    app.writer()
        .send(Topics.SLA_EVENTS, 0, event.caseId(), message.getPayload(), message.getHeaders());
  }

  private ConsumerRecord<String, byte[]> awaitOpened(String providerMessageId) {
    return await()
        .atMost(PATIENCE)
        .until(() -> openedRecordsFor(providerMessageId), records -> !records.isEmpty())
        .getFirst();
  }

  private List<CaseEvent.CaseOpened> openedFor(String providerMessageId) {
    return openedRecordsFor(providerMessageId).stream()
        .map(r -> reader.read(r.value(), CaseEvent.CaseOpened.class))
        .toList();
  }

  private List<ConsumerRecord<String, byte[]>> openedRecordsFor(String providerMessageId) {
    try (TopicProbe probe = new TopicProbe(app.brokers(), Topics.CASES_EVENTS)) {
      return probe.readToEnd(PATIENCE).stream()
          .filter(r -> header(r, CloudEventHeaders.TYPE).equals("id.aduan.case.opened.v1"))
          .filter(
              r ->
                  providerMessageId.equals(
                      reader.read(r.value(), CaseEvent.CaseOpened.class).sourceMessageId()))
          .toList();
    }
  }

  private List<ConsumerRecord<String, byte[]>> deadLettersContaining(String dlq, String text) {
    try (TopicProbe probe = new TopicProbe(app.brokers(), dlq)) {
      return probe.readToEnd(PATIENCE).stream()
          .filter(r -> new String(r.value(), StandardCharsets.UTF_8).contains(text))
          .toList();
    }
  }

  private static long sequenceOf(String ticket) {
    return Long.parseLong(ticket.substring(ticket.lastIndexOf('-') + 1));
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
  }
}
