package id.aduan.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.aduan.cases.domain.CaseIds;
import id.aduan.cases.persistence.Cases;
import id.aduan.contracts.Channel;
import id.aduan.contracts.ComplaintReceived;
import id.aduan.contracts.SlaEvent;
import id.aduan.contracts.Topics;
import id.aduan.support.messaging.CloudEvents;
import id.aduan.testsupport.AduanKafka;
import id.aduan.testsupport.AduanService;
import id.aduan.testsupport.StoreCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 20: how many MongoDB commands case-service spends on one new citizen's WhatsApp complaint
 * on the happy path (the look-ups that thread it, the ticket, the case with its outbox, the
 * citizen, the published events, the SLA clock's deadline), counted by the driver's command
 * listener on the in-JVM broker and MongoDB-protocol server. The bound is the count measured
 * (docs/benchmarks.md): a change that adds a round trip has to say why here.
 */
@AduanKafka
class StoreRoundTripsTest {

  private static final Logger log = LoggerFactory.getLogger(StoreRoundTripsTest.class);

  /** docs/benchmarks.md, "Store round trips per complaint (issue 20)". */
  static final int AT_MOST = 11;

  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final Instant RECEIVED = Instant.parse("2026-11-20T01:15:00Z");

  private static final StoreCommands commands = new StoreCommands();

  @RegisterExtension
  static final AduanService app =
      AduanService.of(CaseServiceApplication::builder, "cases-roundtrips")
          .property("aduan.cases.outbox-sweep-interval", "1h")
          .initializer(commands.initializer());

  @Test
  void aNewComplaintCostsAtMostTheCountedStoreCommands() {
    settled(complaint());
    commands.reset();

    settled(complaint());

    List<StoreCommands.Command> used = commands.ofOtherThreads();
    log.info(
        "store commands for one new complaint: {} {} by thread {}",
        used.size(),
        StoreCommands.tally(used),
        StoreCommands.byThread(commands.ofOtherThreads()));
    assertThat(used).as("%s", StoreCommands.tally(used)).hasSizeLessThanOrEqualTo(AT_MOST);
  }

  /** Sends a new citizen's complaint and its clock's start; waits until both are stored. */
  private static void settled(ComplaintReceived complaint) {
    JsonMapper json = app.bean(JsonMapper.class);
    String key = "BDG:" + complaint.sender().channelUserId();
    Message<byte[]> message =
        new CloudEvents(json, "/aduan/channel-whatsapp").toMessage(complaint, key, "BDG");
    app.writer()
        .send(Topics.COMPLAINTS_INBOUND, 0, key, message.getPayload(), message.getHeaders());
    String caseId =
        CaseIds.forOpeningMessage("BDG", Channel.WHATSAPP, complaint.providerMessageId());
    Cases cases = app.bean(Cases.class);
    String ticket =
        await()
            .pollInSameThread()
            .atMost(PATIENCE)
            .until(
                () -> cases.byId(caseId).filter(c -> !c.outboxPending()),
                java.util.Optional::isPresent)
            .orElseThrow()
            .state()
            .ticket();
    SlaEvent.SlaClockStarted started =
        new SlaEvent.SlaClockStarted(
            UUID.randomUUID().toString(),
            RECEIVED.plusSeconds(5),
            caseId,
            ticket,
            "BDG",
            "completion",
            "BDG/STANDARD/completion",
            RECEIVED,
            RECEIVED.plus(Duration.ofDays(14)),
            false);
    Message<byte[]> sla =
        new CloudEvents(json, "/aduan/sla-service").toMessage(started, caseId, ticket);
    app.writer().send(Topics.SLA_EVENTS, 0, caseId, sla.getPayload(), sla.getHeaders());
    await()
        .pollInSameThread()
        .atMost(PATIENCE)
        .until(
            () ->
                cases
                    .byId(caseId)
                    .map(c -> c.state().deadlines().containsKey("completion"))
                    .orElse(false));
  }

  private static ComplaintReceived complaint() {
    return new ComplaintReceived(
        UUID.randomUUID().toString(),
        RECEIVED.plusSeconds(1),
        "BDG",
        Channel.WHATSAPP,
        "100000000000001",
        "wamid." + UUID.randomUUID(),
        new ComplaintReceived.Sender(
            "6281" + Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 1_000_000_000L),
            "Siti Aminah",
            false,
            false),
        "text",
        null,
        "Bantuan PKH ibu saya belum cair sejak tiga bulan, mohon dibantu",
        List.of(),
        null,
        null,
        List.of(),
        RECEIVED,
        Map.of(),
        null);
  }
}
