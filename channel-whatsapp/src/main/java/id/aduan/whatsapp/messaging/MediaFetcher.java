package id.aduan.whatsapp.messaging;

import id.aduan.contracts.ComplaintReceived;
import id.aduan.whatsapp.client.GraphApiClient;
import id.aduan.whatsapp.client.GraphApiException;
import id.aduan.whatsapp.client.TwilioClient;
import id.aduan.whatsapp.domain.MediaLimits;
import id.aduan.whatsapp.domain.WebhookBatch;
import id.aduan.whatsapp.persistence.MediaStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Fetches the media of an inbound message into GridFS and describes it as an attachment. Every
 * failure (provider error after the client's retries, size over the type's limit, hash mismatch)
 * becomes an attachment with status FAILED or TOO_LARGE: the message itself is always published.
 */
@Component
class MediaFetcher {

  private static final Logger log = LoggerFactory.getLogger(MediaFetcher.class);
  private final GraphApiClient graph;
  private final TwilioClient twilio;
  private final MediaStore store;
  private final MeterRegistry meters;

  MediaFetcher(GraphApiClient graph, TwilioClient twilio, MediaStore store, MeterRegistry meters) {
    this.graph = graph;
    this.twilio = twilio;
    this.store = store;
    this.meters = meters;
  }

  ComplaintReceived.Attachment fetch(ComplaintReceived message, WebhookBatch.MediaRef ref) {
    String mime = ref.mimeType() != null ? ref.mimeType() : "application/octet-stream";
    MediaStore.Stored stored = store.find(ref.mediaId());
    if (stored != null) {
      // A redelivered webhook (e.g. after a 503): the file is there already.
      return attachment(
          ref,
          mime,
          stored.sizeBytes(),
          stored.sha256(),
          stored.storageRef(),
          "STORED",
          message,
          "already_stored");
    }
    long limit = MediaLimits.maxBytes(ref.kind());
    try {
      // A direct URL is Twilio's MediaUrlN; a media id is the Cloud API's two-step download.
      GraphApiClient.Media media =
          ref.url() != null
              ? new GraphApiClient.Media(
                  twilio.downloadMedia(ref.url(), limit), ref.mimeType(), null)
              : graph.downloadMedia(ref.mediaId(), limit);
      String actual = HexFormat.of().formatHex(sha256(media.bytes()));
      String announced = ref.sha256() != null ? ref.sha256() : media.sha256();
      if (announced != null && !matches(announced, media.bytes(), actual)) {
        log.warn("media of a {} message failed its sha256 check", ref.kind());
        return attachment(
            ref, mime, media.bytes().length, actual, null, "FAILED", message, "hash_mismatch");
      }
      String type = media.mimeType() != null ? media.mimeType() : mime;
      String id =
          store.store(
              ref.mediaId(),
              media.bytes(),
              type,
              actual,
              message.providerMessageId(),
              message.agencyCode());
      return attachment(ref, type, media.bytes().length, actual, id, "STORED", message, "stored");
    } catch (GraphApiClient.MediaTooLargeException e) {
      return attachment(ref, mime, 0, null, null, "TOO_LARGE", message, "too_large");
    } catch (GraphApiException e) {
      log.warn("media of a {} message could not be fetched: {}", ref.kind(), e.codeText());
      return attachment(ref, mime, 0, null, null, "FAILED", message, "provider_error");
    }
  }

  private static boolean matches(String announced, byte[] bytes, String actualHex) {
    // Meta documents the hash without saying how it is encoded; both forms are seen in practice.
    if (announced.equalsIgnoreCase(actualHex)) {
      return true;
    }
    return announced.equals(Base64.getEncoder().encodeToString(sha256(bytes)));
  }

  private ComplaintReceived.Attachment attachment(
      WebhookBatch.MediaRef ref,
      String mime,
      long size,
      @Nullable String sha256,
      @Nullable String storageRef,
      String status,
      ComplaintReceived message,
      String outcome) {
    meters
        .counter(
            "aduan.inbound.media",
            "channel",
            "whatsapp",
            "agency",
            message.agencyCode(),
            "outcome",
            outcome.toLowerCase(Locale.ROOT))
        .increment();
    return new ComplaintReceived.Attachment(
        ref.mediaId(), mime, ref.fileName(), size, sha256, storageRef, status);
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
