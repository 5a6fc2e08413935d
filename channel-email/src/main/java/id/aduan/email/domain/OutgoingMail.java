package id.aduan.email.domain;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A reply as the SMTP client must send it.
 *
 * @param returnPath the VERP envelope sender ({@link Verp})
 * @param references the whole thread, oldest first, ending with {@code inReplyTo}
 * @param autoSubmitted send {@code Auto-Submitted: auto-replied} (RFC 3834), so the citizen's
 *     vacation responder does not answer and loop
 */
public record OutgoingMail(
    String messageId,
    String from,
    @Nullable String fromName,
    String to,
    String returnPath,
    String subject,
    String text,
    String html,
    @Nullable String inReplyTo,
    List<String> references,
    boolean autoSubmitted,
    List<FileRef> attachments) {

  public OutgoingMail {
    references = List.copyOf(references);
    attachments = List.copyOf(attachments);
  }

  /** A file to attach, stored in this service's GridFS. */
  public record FileRef(String fileName, String mediaType, String storageRef) {}
}
