package id.aduan.social.domain;

import id.aduan.contracts.Channel;
import id.aduan.contracts.ComplaintReceived;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one Meta webhook POST holds after normalization. Entries are batched (several pages or
 * accounts, several events each); every event lands in exactly one list here, or is counted as an
 * echo of the page's own message, so nothing is dropped unseen.
 */
public record SocialBatch(
    List<Incoming> messages,
    List<Receipt> receipts,
    List<ConversationEvent> conversationEvents,
    List<Rejected> rejected,
    int echoes) {

  public SocialBatch {
    messages = List.copyOf(messages);
    receipts = List.copyOf(receipts);
    conversationEvents = List.copyOf(conversationEvents);
    rejected = List.copyOf(rejected);
  }

  /**
   * A citizen message; its media are still at Meta's URLs (which expire) and are downloaded by the
   * adapter before the complaint is published.
   */
  public record Incoming(ComplaintReceived complaint, List<RemoteMedia> media) {
    public Incoming {
      media = List.copyOf(media);
    }
  }

  /** A media attachment at a Meta URL. {@code kind}: image, video, audio, file, story_mention. */
  public record RemoteMedia(String attachmentId, String kind, String url) {}

  /**
   * Delivery or read of messages the page sent. Messenger names delivered messages by id and read
   * ones by a watermark (everything sent up to then); Instagram names the read message.
   */
  public record Receipt(
      String agencyCode,
      Channel channel,
      String accountId,
      String userId,
      Status status,
      List<String> mids,
      @Nullable Instant watermark,
      Instant at) {

    public Receipt {
      mids = List.copyOf(mids);
    }

    public enum Status {
      DELIVERED,
      READ
    }
  }

  /** A citizen edited or deleted an earlier message: recorded on the conversation. */
  public record ConversationEvent(
      String agencyCode,
      Channel channel,
      String accountId,
      String userId,
      Kind kind,
      String mid,
      @Nullable String newText,
      Instant at) {

    public enum Kind {
      EDITED,
      DELETED
    }
  }

  /** A part of the payload acknowledged to Meta but not processed; dead-lettered with why. */
  public record Rejected(String reason, String detail, String json) {}
}
