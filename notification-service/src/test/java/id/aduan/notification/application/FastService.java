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
public final class FastService {

  public static final AgencyCatalog AGENCIES = AgencyCatalog.bundled();
  public static final String BDG_WA = "100000000000001";

  public final MutableClock clock;
  public final InMemoryNotifications notifications = new InMemoryNotifications();
  public final InMemoryAttempts attempts = new InMemoryAttempts();
  public final InMemoryCaseViews cases = new InMemoryCaseViews();
  public final InMemoryWindows windows = new InMemoryWindows();
  public final InMemoryDailyCounts counts = new InMemoryDailyCounts();
  public final InMemoryOutbound outbound = new InMemoryOutbound();
  public final PlainRecipientKeys recipients = new PlainRecipientKeys();
  public final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  public final Dispatch dispatch;
  public final Notify notify;

  public FastService(Instant start) {
    clock = new MutableClock(start);
    dispatch =
        new Dispatch(
            notifications, attempts, cases, windows, counts, outbound, meters, clock, recipients);
    Freshness freshness =
        new Freshness(
            new NotificationProperties(
                Duration.ofHours(24), Duration.ofDays(7), new NotificationProperties.Digest(true)),
            clock,
            meters);
    notify = new Notify(cases, windows, attempts, dispatch, freshness, meters);
  }

  public static Agency agency(String code) {
    return AGENCIES.byCode(code).orElseThrow();
  }

  /** What {@code notifyAboutCase} does with a record it read. */
  public void send(CaseEvent event) {
    notify.onCase(event, agency(event.agencyCode()), Topics.CASES_EVENTS);
  }

  /** What {@code notifyAboutDeadline} does with a record it read. */
  public void send(SlaEvent event) {
    notify.onSla(event, agency(event.agencyCode()), Topics.SLA_EVENTS);
  }

  /** What {@code followDeliveryReceipts} does with a receipt for {@code message}. */
  public void receipt(OutboundMessage message, DeliveryReceipt.Status status) {
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
  public int release() {
    return dispatch.releaseDue(AGENCIES::byCode, 100);
  }

  public double counted(String name, String tag, String value) {
    return meters.find(name).tag(tag, value).counters().stream().mapToDouble(c -> c.count()).sum();
  }

  public static String id() {
    return UUID.randomUUID().toString();
  }

  public static String citizen() {
    return "628"
        + String.format(
            "%09d", Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 1_000_000_000L));
  }

  public static ReplyAddress whatsapp(String citizen) {
    return new ReplyAddress(Channel.WHATSAPP, BDG_WA, citizen);
  }

  public CaseEvent.CaseOpened opened(String agency, @Nullable ReplyAddress to, String language) {
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

  public static CaseEvent.CaseRouted routed(CaseEvent.CaseOpened c, String division, Instant at) {
    return new CaseEvent.CaseRouted(
        id(), at, c.caseId(), c.ticket(), c.agencyCode(), CaseStatus.ROUTED, division, "admin");
  }

  public static CaseEvent.CaseStatusChanged inProgress(CaseEvent.CaseOpened c, Instant at) {
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
