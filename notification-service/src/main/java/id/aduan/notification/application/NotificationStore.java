package id.aduan.notification.application;

import id.aduan.notification.domain.Part;
import id.aduan.notification.persistence.NotificationDocument;
import id.aduan.support.messaging.Outbox;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The decisions ({@link NotificationDocument}), each state change one conditional write: what makes
 * a notification happen once across redeliveries, restarts and instances.
 */
public interface NotificationStore {

  /** Stores a new decision; false when one with its id exists (a redelivery, another instance). */
  boolean insert(NotificationDocument doc);

  Optional<NotificationDocument> byId(String id);

  /** The outbox entry {@code eventId} of decision {@code id} was published. */
  void markPublished(String id, String eventId);

  /**
   * The one entry a decision was just written (sent or released) with was published: its outbox
   * emptied and its flag lowered in one write, where {@link #markPublished} takes two (issue 20).
   * Nothing else ever adds to a sent decision's outbox.
   */
  void published(String id);

  /** An automatic message held for this recipient on this case that a new part may join. */
  Optional<NotificationDocument> heldFor(String toKey, String caseId);

  /**
   * Adds a part to a message still held; false when it was released meanwhile or already holds the
   * part (a redelivery).
   */
  boolean addPart(String heldId, Part part);

  /** Held messages whose time has come. */
  List<NotificationDocument> due(Instant now, int limit);

  /**
   * Turns a held message into a sent one with its outbox entry, if it is still held with exactly
   * the parts the message was made from.
   */
  boolean release(NotificationDocument held, String outboundEventId, Outbox.Entry entry);

  /** A held message the channel no longer allows: false when it is no longer held. */
  boolean close(NotificationDocument held);
}
