package id.aduan.contracts;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One citizen message, normalized by a channel adapter, on {@link Topics#COMPLAINTS_INBOUND}.
 *
 * @param eventId unique per message; also the idempotency key downstream
 * @param providerMessageId the channel's own id (wamid, Message-ID, LAPOR! tracking id and version,
 *     Messenger mid); with {@code channel} it identifies a redelivery
 * @param messageType the channel's type of the message (text, image, document, location, ...)
 * @param inReplyTo the provider id of the message this one answers, when the channel says so
 * @param references earlier provider ids of the same thread (email References)
 * @param receivedAt when the provider received the message (the SLA clock counts from it)
 * @param metadata channel-specific extras that downstream may show but must not depend on; one
 *     exception: the email channel's {@code senderAuthenticated} ({@code true}, {@code false},
 *     {@code unknown}), without which case-service lets the mail join no case
 *     (docs/adr/0027-who-may-act-on-a-case.md)
 * @param ticket the ticket number this message continues, when the channel knows it: quoted in an
 *     email subject, or resolved by the adapter from a reply to a message the platform sent (added
 *     after v1 was first published; absent in older messages)
 */
public record ComplaintReceived(
    String eventId,
    Instant occurredAt,
    String agencyCode,
    Channel channel,
    String channelAccountId,
    String providerMessageId,
    Sender sender,
    String messageType,
    @Personal @Nullable String subject,
    @Personal @Nullable String text,
    List<Attachment> attachments,
    @Personal @Nullable Location location,
    @Nullable String inReplyTo,
    List<String> references,
    Instant receivedAt,
    @Personal Map<String, String> metadata,
    @Nullable String ticket) {

  public ComplaintReceived {
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
    references = references == null ? List.of() : List.copyOf(references);
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }

  /**
   * The citizen as the channel knows them.
   *
   * @param channelUserId phone number (E.164 digits), WhatsApp business-scoped user id, email
   *     address, page-scoped id, or LAPOR! reporter id; for anonymous reports a stable opaque id
   * @param anonymous the reporter asked not to be identified (LAPOR! anonim)
   * @param confidential the report must not be published (LAPOR! rahasia)
   */
  public record Sender(
      @Personal String channelUserId,
      @Personal @Nullable String displayName,
      boolean anonymous,
      boolean confidential) {}

  /**
   * A file that came with the message, already stored by the adapter.
   *
   * @param storageRef where the bytes are (GridFS id), or null when the download failed
   * @param status STORED, FAILED or TOO_LARGE
   */
  public record Attachment(
      String attachmentId,
      String mediaType,
      @Personal @Nullable String fileName,
      long sizeBytes,
      @Nullable String sha256,
      @Nullable String storageRef,
      String status) {}

  public record Location(
      double latitude, double longitude, @Nullable String name, @Nullable String address) {}
}
