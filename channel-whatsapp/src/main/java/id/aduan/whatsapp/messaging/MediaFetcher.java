package id.aduan.whatsapp.messaging;

import id.aduan.contracts.ComplaintReceived;
import id.aduan.whatsapp.client.GraphApiClient;
import id.aduan.whatsapp.client.GraphApiException;
import id.aduan.whatsapp.client.TwilioClient;
import id.aduan.whatsapp.config.WhatsAppProperties;
import id.aduan.whatsapp.domain.MediaLimits;
import id.aduan.whatsapp.domain.WebhookBatch;
import id.aduan.whatsapp.persistence.MediaRetries;
import id.aduan.whatsapp.persistence.MediaStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Fetches the media of an inbound message into GridFS and describes it as an attachment. Every
 * failure (provider error after the client's retries, size over the type's limit, hash mismatch)
 * becomes an attachment with status FAILED or TOO_LARGE: the message itself is always published. A
 * failed download (provider error or hash mismatch) is filed in {@link MediaRetries} and fetched
 * again later, with its outcome recorded there.
 */
@Component
public class MediaFetcher {

  /** The outcome of a media URL that is not a provider's: never fetched. */
  static final String URL_REFUSED = "url_refused";

  private static final Logger log = LoggerFactory.getLogger(MediaFetcher.class);
  private final GraphApiClient graph;
  private final TwilioClient twilio;
  private final MediaStore store;
  private final MediaRetries retries;
  private final WhatsAppProperties properties;
  private final MeterRegistry meters;
  private final Clock clock;

  MediaFetcher(
      GraphApiClient graph,
      TwilioClient twilio,
      MediaStore store,
      MediaRetries retries,
      WhatsAppProperties properties,
      MeterRegistry meters,
      Clock clock) {
    this.graph = graph;
    this.twilio = twilio;
    this.store = store;
    this.retries = retries;
    this.properties = properties;
    this.meters = meters;
    this.clock = clock;
  }

  ComplaintReceived.Attachment fetch(ComplaintReceived message, WebhookBatch.MediaRef ref) {
    String mime = ref.mimeType() != null ? ref.mimeType() : "application/octet-stream";
    MediaStore.Stored stored = store.find(ref.mediaId());
    if (stored != null) {
      // A redelivered webhook (e.g. after a 503): the file is there already.
      count(message.agencyCode(), "already_stored");
      return new ComplaintReceived.Attachment(
          ref.mediaId(),
          mime,
          ref.fileName(),
          stored.sizeBytes(),
          stored.sha256(),
          stored.storageRef(),
          "STORED");
    }
    Download download = download(ref, message.providerMessageId(), message.agencyCode());
    count(message.agencyCode(), download.outcome());
    if (download.retryable()) {
      // The text goes out now; the file is fetched again later (retryDue).
      retries.schedule(
          ref,
          message.providerMessageId(),
          message.agencyCode(),
          download.outcome(),
          clock.instant().plus(properties.mediaRetryInterval()));
    } else if (download.outcome().equals(URL_REFUSED)) {
      // Recorded with its reason, given up at once: a refused URL is never fetched.
      Instant now = clock.instant();
      retries.schedule(ref, message.providerMessageId(), message.agencyCode(), URL_REFUSED, now);
      retries.failedAgain(ref.mediaId(), 0, URL_REFUSED, null, now);
    }
    return new ComplaintReceived.Attachment(
        ref.mediaId(),
        download.mimeType() != null ? download.mimeType() : mime,
        ref.fileName(),
        download.size(),
        download.sha256(),
        download.storageRef(),
        download.status());
  }

  /**
   * Tries again every failed download due at {@code now}: stored, the outcome is recorded (state
   * STORED with the GridFS id, named by the media id like every stored file); failed again, it
   * waits twice as long, and after {@code media-retry-attempts} it is given up (GAVE_UP). Returns
   * how many were tried.
   */
  public int retryDue(Instant now) {
    List<MediaRetries.MediaRetry> due = retries.due(now, 100);
    for (MediaRetries.MediaRetry retry : due) {
      WebhookBatch.MediaRef ref =
          new WebhookBatch.MediaRef(
              retry.id(),
              retry.kind(),
              retry.mimeType(),
              retry.sha256(),
              retry.fileName(),
              retry.url());
      int attempts = retry.attempts() + 1;
      MediaStore.Stored already = store.find(retry.id());
      Download download =
          already != null
              ? new Download(
                  "STORED",
                  "stored",
                  already.storageRef(),
                  already.sizeBytes(),
                  already.sha256(),
                  null)
              : download(ref, retry.wamid(), retry.agency());
      count(retry.agency(), "retry_" + download.outcome());
      if (download.storageRef() != null) {
        retries.stored(retry.id(), download.storageRef(), attempts, now);
      } else if (download.retryable() && attempts < properties.mediaRetryAttempts()) {
        Duration wait = properties.mediaRetryInterval().multipliedBy(1L << Math.min(attempts, 10));
        retries.failedAgain(retry.id(), attempts, download.outcome(), now.plus(wait), now);
      } else {
        log.warn("media of a {} message was given up after {} attempts", retry.kind(), attempts);
        count(retry.agency(), "given_up");
        retries.failedAgain(retry.id(), attempts, download.outcome(), null, now);
      }
    }
    return due.size();
  }

  /** What one download gave; {@code storageRef} is set when the file is stored. */
  private record Download(
      String status,
      String outcome,
      @Nullable String storageRef,
      long size,
      @Nullable String sha256,
      @Nullable String mimeType) {
    boolean retryable() {
      return outcome.equals("provider_error") || outcome.equals("hash_mismatch");
    }
  }

  private Download download(WebhookBatch.MediaRef ref, String wamid, String agency) {
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
        return new Download("FAILED", "hash_mismatch", null, media.bytes().length, actual, null);
      }
      String type =
          media.mimeType() != null
              ? media.mimeType()
              : ref.mimeType() != null ? ref.mimeType() : "application/octet-stream";
      String id = store.store(ref.mediaId(), media.bytes(), type, actual, wamid, agency);
      return new Download("STORED", "stored", id, media.bytes().length, actual, type);
    } catch (GraphApiClient.MediaTooLargeException e) {
      return new Download("TOO_LARGE", "too_large", null, 0, null, null);
    } catch (GraphApiClient.MediaUrlRefusedException e) {
      // Not a provider's URL: never fetched, never tried again.
      log.warn("media of a {} message was refused: {}", ref.kind(), e.getMessage());
      meters
          .counter("aduan.media.url.refused", "channel", "whatsapp", "reason", e.reason())
          .increment();
      return new Download("FAILED", URL_REFUSED, null, 0, null, null);
    } catch (GraphApiException e) {
      log.warn("media of a {} message could not be fetched: {}", ref.kind(), e.codeText());
      return new Download("FAILED", "provider_error", null, 0, null, null);
    }
  }

  private static boolean matches(String announced, byte[] bytes, String actualHex) {
    // Meta documents the hash without saying how it is encoded; both forms are seen in practice.
    if (announced.equalsIgnoreCase(actualHex)) {
      return true;
    }
    return announced.equals(Base64.getEncoder().encodeToString(sha256(bytes)));
  }

  private void count(String agency, String outcome) {
    meters
        .counter(
            "aduan.inbound.media",
            "channel",
            "whatsapp",
            "agency",
            agency,
            "outcome",
            outcome.toLowerCase(Locale.ROOT))
        .increment();
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
