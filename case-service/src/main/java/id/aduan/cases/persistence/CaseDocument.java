package id.aduan.cases.persistence;

import id.aduan.cases.application.VersionedCase;
import id.aduan.cases.domain.AuditEntry;
import id.aduan.cases.domain.Case;
import id.aduan.cases.domain.CaseState;
import id.aduan.support.messaging.Outbox;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.mapping.Unwrapped;

/**
 * A case as stored: an envelope around the domain's {@link CaseState}, whose fields are stored
 * unwrapped at the top of the document (the layout of every case stored before the state moved into
 * the domain, docs/adr/0034), with the id, the version that guards every write, and the events the
 * case caused that are not yet on Kafka ({@code outbox}, an embedded outbox: one document, one
 * atomic write; docs/adr/0002-embedded-outbox.md). {@code personalDataUnreadable} is never stored:
 * the personal-data codec sets it as a case is read (docs/adr/0025).
 */
@Document("cases")
public record CaseDocument(
    @Id String id,
    @Unwrapped(onEmpty = Unwrapped.OnEmpty.USE_NULL) CaseState state,
    List<Outbox.Entry> outbox,
    boolean outboxPending,
    @Version @Nullable Long version,
    boolean personalDataUnreadable) {

  public CaseDocument {
    outbox = outbox == null ? List.of() : List.copyOf(outbox);
  }

  /** A case not yet stored, with the events of its opening. */
  public static CaseDocument opened(String id, CaseState state, List<Outbox.Entry> events) {
    return new CaseDocument(id, state, events, !events.isEmpty(), null, false);
  }

  /** The case as the domain works on its lifecycle. */
  public Case toCase() {
    return new Case(id, state);
  }

  /**
   * This document after the domain changed the case: its state, its audit trail and the events to
   * publish appended to the outbox, all in the one document that is written atomically.
   */
  public CaseDocument with(Case c, List<Outbox.Entry> newEvents) {
    return with(c.state(), newEvents);
  }

  /** This document with a new state and more events to publish. */
  public CaseDocument with(CaseState newState, List<Outbox.Entry> newEvents) {
    List<Outbox.Entry> pending = new ArrayList<>(outbox);
    pending.addAll(newEvents);
    return new CaseDocument(
        id, newState, pending, !pending.isEmpty(), version, personalDataUnreadable);
  }

  /** The same document with one more citizen message (and the identity it revealed). */
  public CaseDocument withMessage(CaseState.Message message, List<String> moreIdentityKeys) {
    return with(state.withMessage(message, moreIdentityKeys), List.of());
  }

  /**
   * This document with an officer's bookkeeping that is not a lifecycle transition (an assignment,
   * an internal note, a reply to the citizen): one more audit entry, perhaps a message and events.
   */
  public CaseDocument withOfficerEntry(
      AuditEntry entry,
      @Nullable String newAssignee,
      CaseState.@Nullable Message officerMessage,
      List<Outbox.Entry> newEvents) {
    return with(state.withOfficerEntry(entry, newAssignee, officerMessage), newEvents);
  }

  /** The case as readers outside persistence see it: no outbox, the version never null. */
  public VersionedCase versioned() {
    return new VersionedCase(id, version == null ? 0 : version, state, personalDataUnreadable);
  }
}
