package id.aduan.whatsapp.domain;

import id.aduan.contracts.ComplaintReceived;
import id.aduan.contracts.DeliveryReceipt;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What one webhook POST holds, after normalization: citizen messages to publish, delivery statuses,
 * and parts that cannot become either (dead-lettered with their reason). Media a message refers to
 * is listed in {@code media} by the message's {@code wamid}, to be fetched before it is published.
 */
public record WebhookBatch(
    List<ComplaintReceived> messages,
    List<DeliveryReceipt> receipts,
    List<Rejected> rejected,
    Map<String, List<MediaRef>> media) {

  public WebhookBatch {
    messages = List.copyOf(messages);
    receipts = List.copyOf(receipts);
    rejected = List.copyOf(rejected);
    media = Map.copyOf(media);
  }

  public WebhookBatch(
      List<ComplaintReceived> messages, List<DeliveryReceipt> receipts, List<Rejected> rejected) {
    this(messages, receipts, rejected, Map.of());
  }

  /** The media of one message, empty when it has none. */
  public List<MediaRef> mediaOf(String wamid) {
    return media.getOrDefault(wamid, List.of());
  }

  /** A part of the payload that is acknowledged to Meta but not processed. */
  public record Rejected(String reason, String detail, String json) {}

  /**
   * A media object of an inbound message, as the webhook announces it: downloaded in two steps
   * (metadata, then the file) by the adapter.
   *
   * @param kind the message type it came with (image, audio, video, document, sticker)
   * @param sha256 the hash Meta announces, checked after the download, or null when none was given
   * @param url a direct URL (Twilio's {@code MediaUrlN}), or null for a Graph API media id
   */
  public record MediaRef(
      String mediaId,
      String kind,
      @Nullable String mimeType,
      @Nullable String sha256,
      @Nullable String fileName,
      @Nullable String url) {}
}
