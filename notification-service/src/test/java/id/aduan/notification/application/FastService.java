package id.aduan.notification.application;

import id.aduan.agency.Agency;
import id.aduan.agency.AgencyCatalog;
import id.aduan.contracts.CaseEvent;
import id.aduan.contracts.CaseStatus;
import id.aduan.contracts.CaseType;
import id.aduan.contracts.Channel;
import id.aduan.contracts.DeliveryReceipt;
import id.aduan.contracts.OutboundMessage;
import id.aduan.contracts.ReplyAddress;
import id.aduan.contracts.SlaEvent;
import id.aduan.contracts.Topics;
import id.aduan.notification.MutableClock;
import id.aduan.notification.config.NotificationProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The notification service's rules without Kafka, MongoDB or Spring: {@link Notify} and {@link
 * Dispatch} on the in-memory stores and outbound queue, with a clock a test moves. What a consumer
 * would hand over after reading a record is a method call here.
 */
final class FastService {

  static final AgencyCatalog AGENCIES = AgencyCatalog.bundled();
  static final String BDG_WA = "100000000000001";

  final MutableClock clock;
  final InMemoryNotifications notifications = new InMemoryNotifications();
  final InMemoryAttempts attempts = new InMemoryAttempts();
  final InMemoryCaseViews cases = new InMemoryCaseViews();
  final InMemoryWindows windows = new InMemoryWindows();
  final InMemoryDailyCounts counts = new InMemoryDailyCounts();
  final InMemoryOutbound outbound = new InMemoryOutbound();
  final PlainRecipientKeys recipients = new PlainRecipientKeys();
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final Dispatch dispatch;
  final Notify notify;

  FastService(Instant start) {
    clock = new MutableClock(start);
    dispatch =
        new Dispatch(
            notifications, attempts, cases, windows, counts, outbound, meters, clock, recipients);
    Freshness freshness =
        new Freshness(
            new NotificationProperties(
                Duration.ofHours(24), new NotificationProperties.Digest(true)),
            clock,
            meters);
    notify = new Notify(cases, windows, attempts, dispatch, freshness, meters);
  }

  static Agency agency(String code) {
    return AGENCIES.byCode(code).orElseThrow();
  }

  /** What {@code notifyAboutCase} does with a record it read. */
  void send(CaseEvent event) {
    notify.onCase(event, agency(event.agencyCode()), Topics.CASES_EVENTS);
  }

  /** What {@code notifyAboutDeadline} does with a record it read. */
  void send(SlaEvent event) {
    notify.onSla(event, agency(event.agencyCode()), Topics.SLA_EVENTS);
  }

  /** What {@code followDeliveryReceipts} does with a receipt for {@code message}. */
  void receipt(OutboundMessage message, DeliveryReceipt.Status status) {
    notify.onReceipt(
        new DeliveryReceipt(
            id(),
            clock.instant(),
            message.to().channel(),
            message.agencyCode(),
            message.eventId(),
            "prov-1",
            status,
            status == DeliveryReceipt.Status.FAILED ? "131026" : null,
            null,
            clock.instant()),
        AGENCIES::byCode);
  }

  /** What {@code ReleaseHeld} does on its timer. */
  int release() {
    return dispatch.releaseDue(AGENCIES::byCode, 100);
  }

  double counted(String name, String tag, String value) {
    return meters.find(name).tag(tag, value).counters().stream().mapToDouble(c -> c.count()).sum();
  }

  static String id() {
    return UUID.randomUUID().toString();
  }

  static String citizen() {
    return "628"
        + String.format(
            "%09d", Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 1_000_000_000L));
  }

  static ReplyAddress whatsapp(String citizen) {
    return new ReplyAddress(Channel.WHATSAPP, BDG_WA, citizen);
  }

  CaseEvent.CaseOpened opened(String agency, @Nullable ReplyAddress to, String language) {
    String caseId = "c-" + id();
    String ticket =
        agency + "-2026-" + String.format("%06d", Math.floorMod(caseId.hashCode(), 1_000_000));
    return new CaseEvent.CaseOpened(
        id(),
        clock.instant(),
        caseId,
        ticket,
        agency,
        CaseStatus.RECEIVED,
        to == null ? Channel.FRONT_DESK : to.channel(),
        to == null ? "WALK_IN" : "ONLINE",
        CaseType.COMPLAINT,
        null,
        clock.instant(),
        to,
        "wamid." + caseId,
        language);
  }

  static CaseEvent.CaseRouted routed(CaseEvent.CaseOpened c, String division, Instant at) {
    return new CaseEvent.CaseRouted(
        id(), at, c.caseId(), c.ticket(), c.agencyCode(), CaseStatus.ROUTED, division, "admin");
  }

  static CaseEvent.CaseStatusChanged inProgress(CaseEvent.CaseOpened c, Instant at) {
    return new CaseEvent.CaseStatusChanged(
        id(),
        at,
        c.caseId(),
        c.ticket(),
        c.agencyCode(),
        CaseStatus.IN_PROGRESS,
        CaseStatus.ROUTED,
        null,
        "budi");
  }
}
