package id.aduan.notification.persistence;

import id.aduan.contracts.ReplyAddress;
import id.aduan.notification.domain.Part;
import id.aduan.support.messaging.Outbox;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One decision to tell one recipient about one event ({@code id = eventId/CHANNEL:recipient}, with
 * {@code #key} for a second notice of the same event and {@code /fallback/...} for a retry on
 * another channel): its existence is what makes a notification happen once across redeliveries and
 * restarts.
 *
 * @param state {@code SENT} (its message is in the outbox or published), {@code HELD} (waits for
 *     {@code sendAt}: quiet hours, the daily limit, the survey delay), {@code MERGED} (its part
 *     rides in {@code mergedInto}), {@code CLOSED} (the channel did not allow it; handed to a
 *     fallback)
 * @param toKey the recipient as one string ({@link Recipients#key}: no address in clear), for
 *     finding what is held for them
 * @param parts what to say (several once merged); {@code partCount} guards a release against a part
 *     merged in at the same moment
 * @param tried the channels already tried for this notice, fallbacks included
 */
@Document("notifications")
public record NotificationDocument(
    @Id String id,
    String sourceEventId,
    @Nullable String caseId,
    String purpose,
    @Nullable String outboundEventId,
    Instant decidedAt,
    List<Outbox.Entry> outbox,
    boolean outboxPending,
    String state,
    @Nullable String agencyCode,
    @Nullable String ticket,
    @Nullable String audience,
    @Nullable ReplyAddress to,
    @Nullable String toKey,
    @Nullable String language,
    @Nullable Instant sendAt,
    List<Part> parts,
    int partCount,
    @Nullable String mergedInto,
    List<String> tried) {

  public static final String SENT = "SENT";
  public static final String HELD = "HELD";
  public static final String MERGED = "MERGED";
  public static final String CLOSED = "CLOSED";

  public NotificationDocument {
    outbox = outbox == null ? List.of() : List.copyOf(outbox);
    parts = parts == null ? List.of() : List.copyOf(parts);
    tried = tried == null ? List.of() : List.copyOf(tried);
    state = state == null ? SENT : state;
  }

  /** This decision's part rides in the held message {@code heldId}. */
  public NotificationDocument mergedInto(String heldId) {
    return copy(MERGED, outboundEventId, outbox, outboxPending, heldId, sendAt);
  }

  /** The channel did not allow it; handed to a fallback. */
  public NotificationDocument closed() {
    return copy(CLOSED, outboundEventId, outbox, outboxPending, mergedInto, sendAt);
  }

  /** Its message is made: the outbox entry waits to be published. */
  public NotificationDocument sent(String outboundId, Outbox.Entry entry) {
    return copy(SENT, outboundId, List.of(entry), true, mergedInto, sendAt);
  }

  /** It waits until {@code at}: quiet hours, the daily limit, a delay. */
  public NotificationDocument held(Instant at) {
    return copy(HELD, outboundEventId, outbox, outboxPending, mergedInto, at);
  }

  private NotificationDocument copy(
      String state,
      @Nullable String outboundEventId,
      List<Outbox.Entry> outbox,
      boolean outboxPending,
      @Nullable String mergedInto,
      @Nullable Instant sendAt) {
    return new NotificationDocument(
        id,
        sourceEventId,
        caseId,
        purpose,
        outboundEventId,
        decidedAt,
        outbox,
        outboxPending,
        state,
        agencyCode,
        ticket,
        audience,
        to,
        toKey,
        language,
        sendAt,
        parts,
        partCount,
        mergedInto,
        tried);
  }
}
