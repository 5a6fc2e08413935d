package id.aduan.notification.application;

import id.aduan.agency.Agency;
import id.aduan.contracts.Channel;
import id.aduan.contracts.OutboundMessage;
import id.aduan.contracts.ReplyAddress;
import id.aduan.notification.domain.CaseView;
import id.aduan.notification.domain.ChannelRules;
import id.aduan.notification.domain.Decisions;
import id.aduan.notification.domain.Notice;
import id.aduan.notification.domain.Part;
import id.aduan.notification.domain.Rendering;
import id.aduan.notification.domain.Timing;
import id.aduan.notification.persistence.Attempts;
import id.aduan.notification.persistence.NotificationDocument;
import id.aduan.support.messaging.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Carries out decisions: stores each (notice, recipient) once under a deterministic id, then sends
 * it now through the embedded outbox or holds it (quiet hours, the daily limit, the survey delay),
 * merging what is held for the same recipient. A channel that does not allow the message, or a
 * FAILED receipt, hands it to another known channel of the citizen, or to the case's officer.
 */
@Component
public class Dispatch {

  private final NotificationStore notifications;
  private final AttemptStore attempts;
  private final CaseViewStore cases;
  private final WindowStore windows;
  private final DailyCountStore counts;
  private final OutboundQueue outbox;
  private final MeterRegistry meters;
  private final Clock clock;
  private final RecipientKeys recipients;

  Dispatch(
      NotificationStore notifications,
      AttemptStore attempts,
      CaseViewStore cases,
      WindowStore windows,
      DailyCountStore counts,
      OutboundQueue outbox,
      MeterRegistry meters,
      Clock clock,
      RecipientKeys recipients) {
    this.notifications = notifications;
    this.attempts = attempts;
    this.cases = cases;
    this.windows = windows;
    this.counts = counts;
    this.outbox = outbox;
    this.meters = meters;
    this.clock = clock;
    this.recipients = recipients;
  }

  /**
   * The case a notice is about, the language its recipients read, and the citizen's window as the
   * event just left it ({@code window}, null when the event did not move one): a decision on that
   * address then needs no read of it (issue 20).
   */
  public record About(
      @Nullable String caseId,
      @Nullable String ticket,
      String language,
      @Nullable CaseView view,
      @Nullable Window window) {

    public About(
        @Nullable String caseId,
        @Nullable String ticket,
        String language,
        @Nullable CaseView view) {
      this(caseId, ticket, language, view, null);
    }
  }

  /** When the citizen last wrote on {@code address}, as stored after the event that moved it. */
  public record Window(ReplyAddress address, Instant lastInbound) {}

  /** The id of the outbound message of a decision: the same on every redelivery and restart. */
  static String outboundId(String notificationId) {
    return UUID.nameUUIDFromBytes(("outbound:" + notificationId).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  /** The id of one notice to one recipient (by the keyed hash of the address, docs/adr/0026). */
  String notificationId(String sourceEventId, Notice notice, ReplyAddress to) {
    return sourceEventId
        + (notice.key().isEmpty() ? "" : "#" + notice.key())
        + "/"
        + to.channel()
        + ":"
        + recipients.hash(to.recipientId());
  }

  public void dispatch(String sourceEventId, Notice notice, About about, Agency agency) {
    for (ReplyAddress to : notice.to()) {
      String id = notificationId(sourceEventId, notice, to);
      Part part =
          new Part(
              id,
              notice.purpose(),
              notice.template(),
              notice.values(),
              notice.automatic(),
              notice.replyTo());
      Optional<NotificationDocument> existing = notifications.byId(id);
      if (existing.isPresent()) {
        resume(existing.get(), agency, about.view());
        count(agency, notice.purpose(), to.channel(), "duplicate");
        continue;
      }
      decide(document(id, sourceEventId, notice, part, to, about, agency), notice, about, agency);
    }
  }

  private void decide(NotificationDocument doc, Notice notice, About about, Agency agency) {
    Instant now = clock.instant();
    Instant earliest = now.plus(notice.delay());
    Channel channel = doc.to().channel();
    boolean citizen = notice.audience() == Notice.Audience.CITIZEN;
    // The answer to a citizen's own status question (docs/adr/0053) is not news they did not ask
    // for: it does not count towards, nor wait for, the daily limit.
    boolean askedFor = "STATUS".equals(notice.purpose()) && notice.replyTo() != null;
    if (citizen && notice.automatic() && channel != Channel.LAPOR && !askedFor) {
      int place = counts.place(doc.toKey(), Timing.day(earliest, agency), doc.id());
      if (place >= agency.rules().notifications().maxAutomaticPerDay()) {
        earliest = Timing.nextMorning(earliest, agency);
        count(agency, notice.purpose(), channel, "over_daily_limit");
      }
    }
    Instant sendAt = Timing.sendAt(earliest, notice.urgent(), channel, agency);
    if (!sendAt.isAfter(now)) {
      send(doc, agency, about.view(), false, about.window());
      return;
    }
    if (citizen && notice.automatic() && about.caseId() != null) {
      Optional<NotificationDocument> held = notifications.heldFor(doc.toKey(), about.caseId());
      if (held.isPresent() && merge(held.get().id(), doc.parts().getFirst())) {
        notifications.insert(doc.mergedInto(held.get().id()));
        count(agency, notice.purpose(), channel, "merged");
        return;
      }
    }
    if (notifications.insert(doc.held(sendAt))) {
      count(agency, notice.purpose(), channel, "held");
    }
  }

  /** Adds the part; true also when a crashed earlier delivery had already added it. */
  private boolean merge(String heldId, Part part) {
    if (notifications.addPart(heldId, part)) {
      return true;
    }
    return notifications.byId(heldId).stream()
        .flatMap(d -> d.parts().stream())
        .anyMatch(p -> p.sourceId().equals(part.sourceId()));
  }

  /** A redelivered decision: publish what it left unpublished; nothing else happens twice. */
  private void resume(NotificationDocument doc, Agency agency, @Nullable CaseView view) {
    if (!doc.outbox().isEmpty()) {
      outbox.publish(doc.outbox(), e -> notifications.markPublished(doc.id(), e.eventId()));
    }
    if (doc.state().equals(NotificationDocument.CLOSED)) {
      // The crash may have come between closing and the fallback; the fallback's ids are fixed.
      fallback(doc, agency, view);
    }
  }

  /** Releases held messages whose time has come (quiet hours over, next morning, survey delay). */
  public int releaseDue(Function<String, Optional<Agency>> agencies, int limit) {
    int released = 0;
    for (NotificationDocument held : notifications.due(clock.instant(), limit)) {
      Agency agency =
          held.agencyCode() == null ? null : agencies.apply(held.agencyCode()).orElse(null);
      if (agency == null) {
        continue;
      }
      CaseView view = held.caseId() == null ? null : cases.byId(held.caseId()).orElse(null);
      if (send(held, agency, view, true, null)) {
        released++;
      }
    }
    return released;
  }

  /**
   * Sends a stored or new decision on its channel, if the channel allows it now; else hands it to a
   * fallback. {@code held} is true for a stored HELD document being released.
   */
  private boolean send(
      NotificationDocument doc,
      Agency agency,
      @Nullable CaseView view,
      boolean held,
      @Nullable Window known) {
    Instant now = clock.instant();
    ReplyAddress to = doc.to();
    boolean automatic = doc.parts().stream().allMatch(Part::automatic);
    Instant lastInbound =
        known != null && known.address().equals(to) ? known.lastInbound() : windows.lastInbound(to);
    ChannelRules.Mode mode = ChannelRules.mode(to.channel(), lastInbound, now, automatic);
    Rendering.Rendered rendered = null;
    if (!(mode instanceof ChannelRules.Closed)) {
      rendered =
          Rendering.render(
              doc.parts(), to.channel(), mode, agency, doc.language(), doc.ticket(), null);
      if (mode instanceof ChannelRules.Template && rendered.template() == null) {
        mode = new ChannelRules.Closed("NO_TEMPLATE");
      }
    }
    if (mode instanceof ChannelRules.Closed closed) {
      boolean mine = held ? notifications.close(doc) : notifications.insert(doc.closed());
      if (mine) {
        count(
            agency,
            doc.purpose(),
            to.channel(),
            "closed_" + closed.reason().toLowerCase(Locale.ROOT));
        fallback(doc, agency, view);
      }
      return mine;
    }
    OutboundMessage message =
        message(
            doc.id(),
            now,
            agency,
            doc.caseId(),
            doc.ticket(),
            to,
            doc.language(),
            rendered,
            doc.parts().getFirst().replyTo(),
            automatic,
            doc.parts().getFirst().values().get(Decisions.REASON_CODE));
    if (!store(doc, message, held)) {
      return false;
    }
    if (doc.audience() != null
        && doc.audience().equals("CITIZEN")
        && automatic
        && held
        && to.channel() != Channel.LAPOR) {
      counts.place(doc.toKey(), Timing.day(now, agency), doc.id());
    }
    count(
        agency,
        rendered.purpose(),
        to.channel(),
        mode instanceof ChannelRules.Template
            ? "sent_template"
            : mode instanceof ChannelRules.HumanAgent ? "sent_human_agent" : "sent");
    return true;
  }

  /**
   * Sends a message rendered elsewhere (the daily digest) once under {@code id}: email, any time,
   * no fallback.
   */
  public boolean sendOnce(String id, ReplyAddress to, Rendering.Rendered rendered, Agency agency) {
    if (notifications.byId(id).isPresent()) {
      return false;
    }
    Instant now = clock.instant();
    OutboundMessage message =
        message(id, now, agency, null, null, to, agency.language(), rendered, null, true, null);
    NotificationDocument doc =
        new NotificationDocument(
            id,
            id,
            null,
            rendered.purpose(),
            null,
            now,
            List.of(),
            false,
            NotificationDocument.SENT,
            agency.code(),
            null,
            Notice.Audience.STAFF.name(),
            to,
            recipients.key(to),
            agency.language(),
            null,
            List.of(),
            0,
            null,
            List.of(to.channel().name()));
    if (!store(doc, message, false)) {
      return false;
    }
    count(agency, rendered.purpose(), to.channel(), "sent");
    return true;
  }

  /** A FAILED receipt for one of our messages: the next channel, or the officer, once. */
  public void failed(String outboundEventId, Function<String, Optional<Agency>> agencies) {
    Attempts.Attempt attempt = attempts.byId(outboundEventId).orElse(null);
    if (attempt == null || !attempts.claimFallback(outboundEventId)) {
      return;
    }
    // The agency the message was sent for (the receipt's may be missing or wrong).
    Agency agency = agencies.apply(attempt.agencyCode()).orElse(null);
    if (agency == null) {
      return;
    }
    NotificationDocument doc = notifications.byId(attempt.notificationId()).orElse(null);
    if (doc == null) {
      return;
    }
    CaseView view = doc.caseId() == null ? null : cases.byId(doc.caseId()).orElse(null);
    count(agency, doc.purpose(), doc.to().channel(), "failed");
    fallback(doc, agency, view);
  }

  /**
   * Another known address of the citizen on a channel not yet tried; when none is left, the alert
   * to the case's officer (staff messages get no fallback: the failure is counted).
   */
  private void fallback(NotificationDocument doc, Agency agency, @Nullable CaseView view) {
    if (!"CITIZEN".equals(doc.audience()) || view == null) {
      return;
    }
    for (ReplyAddress next : view.known()) {
      if (doc.tried().contains(next.channel().name()) || next.channel() == Channel.FRONT_DESK) {
        continue;
      }
      String id =
          doc.id() + "/fallback/" + next.channel() + ":" + recipients.hash(next.recipientId());
      if (notifications.byId(id).isPresent()) {
        return;
      }
      List<String> tried = new ArrayList<>(doc.tried());
      tried.add(next.channel().name());
      List<Part> parts =
          doc.parts().stream()
              .map(p -> new Part(id, p.purpose(), p.template(), p.values(), p.automatic(), null))
              .toList();
      NotificationDocument retry =
          new NotificationDocument(
              id,
              doc.sourceEventId(),
              doc.caseId(),
              doc.purpose(),
              null,
              clock.instant(),
              List.of(),
              false,
              NotificationDocument.SENT,
              doc.agencyCode(),
              doc.ticket(),
              doc.audience(),
              next,
              recipients.key(next),
              doc.language(),
              null,
              parts,
              parts.size(),
              null,
              tried);
      count(agency, doc.purpose(), next.channel(), "fallback");
      send(retry, agency, view, false, null);
      return;
    }
    for (Notice alert : Decisions.undeliverable(view, doc.to().channel(), agency)) {
      dispatch(
          doc.id() + "/undeliverable",
          alert,
          new About(view.caseId(), view.ticket(), agency.language(), view),
          agency);
    }
  }

  private NotificationDocument document(
      String id,
      String sourceEventId,
      Notice notice,
      Part part,
      ReplyAddress to,
      About about,
      Agency agency) {
    return new NotificationDocument(
        id,
        sourceEventId,
        about.caseId(),
        notice.purpose(),
        null,
        clock.instant(),
        List.of(),
        false,
        NotificationDocument.SENT,
        agency.code(),
        about.ticket(),
        notice.audience().name(),
        to,
        recipients.key(to),
        about.language(),
        null,
        List.of(part),
        1,
        null,
        List.of(to.channel().name()));
  }

  private static OutboundMessage message(
      String notificationId,
      Instant now,
      Agency agency,
      @Nullable String caseId,
      @Nullable String ticket,
      ReplyAddress to,
      String language,
      Rendering.Rendered rendered,
      @Nullable String replyTo,
      boolean automatic,
      @Nullable String reasonCode) {
    return new OutboundMessage(
        outboundId(notificationId),
        now,
        agency.code(),
        caseId,
        ticket,
        to,
        rendered.purpose(),
        language,
        rendered.subject(),
        rendered.text(),
        rendered.template(),
        replyTo,
        List.of(),
        List.of(),
        automatic,
        rendered.html(),
        reasonCode);
  }

  /**
   * Stores the message in the decision's outbox (a new decision, or a held one released), records
   * the attempt and publishes; false when another delivery or instance got there first.
   */
  private boolean store(NotificationDocument doc, OutboundMessage message, boolean held) {
    Outbox.Entry entry = outbox.entry(message);
    boolean mine =
        held
            ? notifications.release(doc, message.eventId(), entry)
            : notifications.insert(doc.sent(message.eventId(), entry));
    if (!mine) {
      return false;
    }
    attempts.created(
        new Attempts.Attempt(
            message.eventId(),
            doc.id(),
            message.caseId(),
            message.agencyCode(),
            message.purpose(),
            message.to().channel().name(),
            "PENDING",
            message.occurredAt(),
            List.of(),
            false));
    // The decision was written with this one entry: emptied in one write (issue 20).
    outbox.publish(List.of(entry), e -> notifications.published(doc.id()));
    return true;
  }

  private void count(Agency agency, String purpose, Channel channel, String outcome) {
    meters
        .counter(
            "aduan.notifications",
            "agency",
            agency.code(),
            "purpose",
            purpose.toLowerCase(Locale.ROOT),
            "channel",
            channel.name().toLowerCase(Locale.ROOT),
            "outcome",
            outcome)
        .increment();
  }
}
