package id.aduan.cases.desk;

import id.aduan.cases.application.CaseEvents;
import id.aduan.cases.application.CaseNotFoundException;
import id.aduan.cases.application.StaleVersionException;
import id.aduan.cases.domain.AuditEntry;
import id.aduan.cases.domain.CaseState;
import id.aduan.cases.domain.IllegalTransitionException;
import id.aduan.cases.persistence.CaseDocument;
import id.aduan.cases.persistence.Cases;
import id.aduan.contracts.CaseEvent;
import id.aduan.contracts.CaseStatus;
import id.aduan.contracts.Channel;
import id.aduan.contracts.OutboundMessage;
import id.aduan.contracts.Topics;
import id.aduan.support.messaging.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;

/**
 * Assign, note, reply: each loads the case within the caller's scope, checks the version the
 * officer saw, appends an audit entry (and a message and events where it has them) and writes once.
 */
@Service
public class OfficerDesk {

  private static final Set<CaseStatus> CLOSED =
      Set.of(CaseStatus.RESOLVED, CaseStatus.ARCHIVED, CaseStatus.REJECTED, CaseStatus.MERGED);

  private final Cases cases;
  private final Outbox outbox;
  private final CaseEvents relay;
  private final MeterRegistry meters;
  private final Clock clock;

  OfficerDesk(Cases cases, Outbox outbox, CaseEvents relay, MeterRegistry meters, Clock clock) {
    this.cases = cases;
    this.outbox = outbox;
    this.relay = relay;
    this.meters = meters;
    this.clock = clock;
  }

  /** Makes {@code officer} responsible for the case; {@code CaseAssigned} tells the others. */
  public CaseDocument assign(
      Cases.Scope scope, String ticket, long version, String officer, String actor) {
    CaseDocument doc = load(scope, ticket, version, "assign");
    open(doc, "assign");
    Instant now = clock.instant();
    CaseEvent event =
        new CaseEvent.CaseAssigned(
            UUID.randomUUID().toString(),
            now,
            doc.id(),
            doc.state().ticket(),
            doc.state().agencyCode(),
            doc.state().status(),
            doc.state().division() == null ? "" : doc.state().division(),
            officer,
            actor);
    return write(
        doc,
        doc.withOfficerEntry(
            entry(doc, now, actor, "assigned", officer),
            officer,
            null,
            List.of(outbox.entry(Topics.CASES_EVENTS, doc.id(), event, doc.state().ticket()))),
        "assign");
  }

  /** An internal note: for officers only, never sent to the citizen. */
  public CaseDocument note(
      Cases.Scope scope, String ticket, long version, String text, String actor) {
    CaseDocument doc = load(scope, ticket, version, "note");
    return write(
        doc,
        doc.withOfficerEntry(
            entry(doc, clock.instant(), actor, "note", text), null, null, List.of()),
        "note");
  }

  /**
   * A message to the citizen on the channel they wrote on (and the one they are answered on),
   * without changing the case's state: a question, a progress update. Kept in the conversation;
   * sent through the channel's outbound topic with the case's ticket.
   */
  public CaseDocument reply(
      Cases.Scope scope, String ticket, long version, String text, String language, String actor) {
    CaseDocument doc = load(scope, ticket, version, "reply");
    open(doc, "reply");
    if (doc.state().replyAddress() == null
        || doc.state().replyAddress().channel() == Channel.FRONT_DESK) {
      throw new IllegalTransitionException(
          "reply", doc.state().status(), "the reporter left no channel to reply on");
    }
    Instant now = clock.instant();
    String lastInbound =
        doc.state().messages().stream()
            .filter(m -> "INBOUND".equals(m.direction()) && m.providerMessageId() != null)
            .reduce((a, b) -> b)
            .map(CaseState.Message::providerMessageId)
            .orElse(null);
    OutboundMessage message =
        new OutboundMessage(
            UUID.randomUUID().toString(),
            now,
            doc.state().agencyCode(),
            doc.id(),
            doc.state().ticket(),
            doc.state().replyAddress(),
            "officer-reply",
            language,
            "[" + doc.state().ticket() + "] Tanggapan atas pengaduan Anda",
            text,
            null,
            lastInbound,
            List.of(),
            List.of(),
            false,
            null,
            null);
    CaseState.Message stored =
        new CaseState.Message(
            message.eventId(),
            doc.state().replyAddress().channel(),
            "OUTBOUND",
            null,
            text,
            now,
            List.of(),
            List.of());
    return write(
        doc,
        doc.withOfficerEntry(
            entry(doc, now, actor, "replied", "on " + doc.state().replyAddress().channel()),
            null,
            stored,
            List.of(
                outbox.entry(
                    Topics.outboundFor(doc.state().replyAddress().channel()),
                    doc.id(),
                    message,
                    doc.state().ticket()))),
        "reply");
  }

  private CaseDocument load(Cases.Scope scope, String ticket, long version, String action) {
    CaseDocument doc =
        cases.visible(scope, ticket).orElseThrow(() -> new CaseNotFoundException(ticket));
    long current = doc.version() == null ? 0 : doc.version();
    if (version != current) {
      count(doc, action, "conflict");
      throw new StaleVersionException(ticket, version, current);
    }
    return doc;
  }

  private void open(CaseDocument doc, String action) {
    if (CLOSED.contains(doc.state().status())) {
      count(doc, action, "refused");
      throw new IllegalTransitionException(
          action, doc.state().status(), "the case is closed (" + doc.state().status() + ")");
    }
  }

  private CaseDocument write(CaseDocument before, CaseDocument after, String action) {
    CaseDocument saved;
    try {
      saved = cases.save(after);
    } catch (OptimisticLockingFailureException e) {
      long current = before.version() == null ? 0 : before.version();
      count(before, action, "conflict");
      throw new StaleVersionException(before.state().ticket(), current, current + 1);
    }
    count(before, action, "done");
    relay.publish(saved);
    return cases.byId(saved.id()).orElse(saved);
  }

  private static AuditEntry entry(
      CaseDocument doc, Instant at, String actor, String action, @Nullable String reason) {
    return new AuditEntry(at, actor, action, doc.state().status(), doc.state().status(), reason);
  }

  private void count(CaseDocument doc, String action, String outcome) {
    meters
        .counter(
            "aduan.cases.transitions",
            "agency",
            doc.state().agencyCode(),
            "action",
            action,
            "outcome",
            outcome)
        .increment();
  }
}
