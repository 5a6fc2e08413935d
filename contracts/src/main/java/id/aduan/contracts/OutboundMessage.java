package id.aduan.contracts;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A message for a channel adapter to deliver, on {@code outbound.<channel>.v1}, keyed by recipient.
 * The notification service decided what to say; the adapter knows how to deliver it. {@code
 * eventId} is the idempotency key: an adapter never delivers the same id twice.
 *
 * @param purpose why it is sent (ACKNOWLEDGEMENT, INFORMATION_REQUEST, STATUS, ANSWER, RESOLUTION,
 *     REJECTION, SURVEY, OFFICER_ALERT, DIGEST)
 * @param template the approved template to use when free text is not allowed (WhatsApp outside the
 *     24-hour window), or null
 * @param replyToProviderMessageId the citizen's message this answers, where the channel can quote
 * @param automatic true for messages no person wrote (email gets Auto-Submitted: auto-replied)
 * @param html the HTML alternative of {@code text} for email, rendered by the sender; null when the
 *     adapter should derive it from the text (added after v1 was first published)
 * @param reasonCode why, for a REJECTION: the case's reason code (NOT_AUTHORITY, NOT_A_COMPLAINT,
 *     NO_RESPONSE, OTHER), so that an adapter whose provider has statuses per reason (LAPOR!) can
 *     pick one; null otherwise and in messages written before it was added
 */
public record OutboundMessage(
    String eventId,
    Instant occurredAt,
    String agencyCode,
    @Nullable String caseId,
    @Nullable String ticket,
    ReplyAddress to,
    String purpose,
    String language,
    @Personal @Nullable String subject,
    @Personal String text,
    @Nullable Template template,
    @Nullable String replyToProviderMessageId,
    List<String> references,
    List<OutboundAttachment> attachments,
    boolean automatic,
    @Personal @Nullable String html,
    @Nullable String reasonCode) {

  public OutboundMessage {
    references = references == null ? List.of() : List.copyOf(references);
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
  }

  public record Template(String name, String language, @Personal List<String> parameters) {
    public Template {
      parameters = parameters == null ? List.of() : List.copyOf(parameters);
    }
  }

  /** A file to send: {@code storageRef} is a GridFS id, or {@code url} a reachable location. */
  public record OutboundAttachment(
      String fileName,
      String mediaType,
      @Nullable String storageRef,
      @Nullable String url,
      Map<String, String> metadata) {}
}
