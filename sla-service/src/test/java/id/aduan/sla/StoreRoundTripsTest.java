package id.aduan.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.aduan.contracts.CaseEvent;
import id.aduan.contracts.CaseStatus;
import id.aduan.contracts.CaseType;
import id.aduan.contracts.Channel;
import id.aduan.contracts.ReplyAddress;
import id.aduan.contracts.Topics;
import id.aduan.sla.persistence.SlaClocks;
import id.aduan.support.messaging.CloudEvents;
import id.aduan.testsupport.AduanKafka;
import id.aduan.testsupport.AduanService;
import id.aduan.testsupport.StoreCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 20: how many MongoDB commands sla-service spends on one new complaint on the happy path
 * (its {@code CaseOpened}: the completion clock with its event, its due moments and its outbox),
 * counted by the driver's command listener on the in-JVM broker and MongoDB-protocol server. The
 * bound is the count measured after the round trips that were not needed were removed
 * (docs/benchmarks.md): a change that adds one has to say why here.
 */
@AduanKafka
class StoreRoundTripsTest {

  private static final Logger log = LoggerFactory.getLogger(StoreRoundTripsTest.class);

  /** docs/benchmarks.md, "Store round trips per complaint (issue 20)". */
  static final int AT_MOST = 7;

  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final Instant RECEIVED = Instant.parse("2026-11-20T01:15:00Z");

  private static final StoreCommands commands = new StoreCommands();

  @RegisterExtension
  static final AduanService service =
      AduanService.of(SlaServiceApplication::builder, "sla-roundtrips")
          .property("aduan.sla.outbox-sweep-interval", "1h")
          .property("aduan.sla.calendar.reload-interval", "1h")
          .initializer(commands.initializer());

  @Test
  void aNewComplaintCostsAtMostTheCountedStoreCommands() {
    CaseEvent.CaseOpened warmUp = opened();
    send(warmUp);
    settled(warmUp);
    commands.reset();

    CaseEvent.CaseOpened opened = opened();
    // The classifier's proposal that follows on the topic changes no clock and is left before any
    // read (the clocks follow an officer's classification, TrackDeadlines): the opening is all.
    send(opened);
    settled(opened);

    List<StoreCommands.Command> used = commands.ofOtherThreads();
    log.info(
        "store commands for one new complaint: {} {} by thread {}",
        used.size(),
        StoreCommands.tally(used),
        StoreCommands.byThread(commands.commands(c -> true)));
    assertThat(used).as("%s", StoreCommands.tally(used)).hasSizeLessThanOrEqualTo(AT_MOST);
  }

  private static void settled(CaseEvent.CaseOpened opened) {
    SlaClocks clocks = service.bean(SlaClocks.class);
    await()
        .pollInSameThread()
        .atMost(PATIENCE)
        .until(
            () ->
                clocks
                    .byId(opened.caseId() + "/completion")
                    .map(c -> !c.outboxPending())
                    .orElse(false));
  }

  private static void send(CaseEvent event) {
    CloudEvents cases = new CloudEvents(service.bean(JsonMapper.class), "/aduan/case-service");
    Message<byte[]> message = cases.toMessage(event, event.caseId(), event.ticket());
    service
        .writer()
        .send(Topics.CASES_EVENTS, 0, event.caseId(), message.getPayload(), message.getHeaders());
  }

  private static CaseEvent.CaseOpened opened() {
    String caseId = "c-" + UUID.randomUUID();
    return new CaseEvent.CaseOpened(
        UUID.randomUUID().toString(),
        RECEIVED.plusSeconds(2),
        caseId,
        "BDG-2026-000001",
        "BDG",
        CaseStatus.RECEIVED,
        Channel.WHATSAPP,
        "ONLINE",
        CaseType.COMPLAINT,
        "STANDARD",
        RECEIVED,
        new ReplyAddress(Channel.WHATSAPP, "100000000000001", "6285200000000"),
        "wamid." + caseId,
        "id");
  }
}
