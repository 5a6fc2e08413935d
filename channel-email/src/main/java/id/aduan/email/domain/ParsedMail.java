package id.aduan.email.domain;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One mail as the parser understood it.
 *
 * @param messageId the Message-ID with its angle brackets, or null when the mail has none
 * @param envelopeAddresses To, Cc, Delivered-To and X-Original-To addresses, lower case: where a
 *     VERP bounce address shows up
 * @param text the complaint text: plain text preferred, HTML reduced to text, quoted history and
 *     signature trimmed; forwarded messages appended
 * @param fullText the whole body text without trimming (kept as the original)
 * @param kindReason why the mail is of its kind (e.g. {@code auto-submitted}), a low-cardinality
 *     metric tag
 * @param contentHash SHA-256 of the raw bytes, hex; identifies a mail without a Message-ID
 * @param authenticationResults every {@code Authentication-Results} header, top first (RFC 8601;
 *     which of them count is {@link SenderAuthentication}'s decision)
 */
public record ParsedMail(
    @Nullable String messageId,
    @Nullable String inReplyTo,
    List<String> references,
    @Nullable String fromAddress,
    @Nullable String fromName,
    List<String> envelopeAddresses,
    @Nullable String subject,
    String text,
    String fullText,
    List<MailPart> parts,
    MailKind kind,
    String kindReason,
    @Nullable Bounce bounce,
    @Nullable Instant sentAt,
    String contentHash,
    int forwardedMessages,
    List<String> authenticationResults) {

  public ParsedMail {
    authenticationResults = List.copyOf(authenticationResults);
    references = List.copyOf(references);
    envelopeAddresses = List.copyOf(envelopeAddresses);
    parts = List.copyOf(parts);
  }

  /**
   * The identity of the mail across rescans and mailboxes: its Message-ID, or the hash of its raw
   * bytes when it has none.
   */
  public String identity() {
    return messageId != null ? messageId : "sha256:" + contentHash;
  }
}
