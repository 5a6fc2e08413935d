package id.aduan.social.messaging;

import id.aduan.contracts.ComplaintReceived;
import id.aduan.contracts.DeadLetter;
import id.aduan.contracts.DeliveryReceipt;
import id.aduan.contracts.Topics;
import id.aduan.social.client.GraphClient;
import id.aduan.social.domain.SocialBatch;
import id.aduan.social.persistence.Conversations;
import id.aduan.social.persistence.MediaStore;
import id.aduan.social.persistence.SentMessages;
import id.aduan.support.ProcessedKeys;
import id.aduan.support.messaging.EventPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Hands a normalized Meta webhook to Kafka and records what belongs on the conversation. A
 * message's media are downloaded first (Meta's URLs expire within days, and a retry of the webhook
 * may come too late), then the complaint is published and waited for, and only then is its {@code
 * mid} remembered: a crash in between causes a redelivery that the case service absorbs.
 */
@Component
public class SocialRelay {

  private final EventPublisher publisher;
  private final ProcessedKeys processed;
  private final Conversations conversations;
  private final SentMessages sent;
  private final MediaStore media;
  private final GraphClient graph;
  private final MeterRegistry meters;
  private final Clock clock;

  SocialRelay(
      EventPublisher publisher,
      ProcessedKeys processed,
      Conversations conversations,
      SentMessages sent,
      MediaStore media,
      GraphClient graph,
      MeterRegistry meters,
      Clock clock) {
    this.publisher = publisher;
    this.processed = processed;
    this.conversations = conversations;
    this.sent = sent;
    this.media = media;
    this.graph = graph;
    this.meters = meters;
    this.clock = clock;
  }

  public void relay(SocialBatch batch) {
    for (SocialBatch.Incoming incoming : batch.messages()) {
      ComplaintReceived message = incoming.complaint();
      String channel = channelTag(message.channel());
      if (processed.seen("mid", message.providerMessageId())) {
        count("aduan.inbound.messages", channel, message.agencyCode(), "duplicate");
        continue;
      }
      ComplaintReceived complete = withMedia(message, incoming.media());
      // The window opens with the citizen's message, before it is published: a reply can only
      // follow the complaint, so this order never lets a reply see a closed window wrongly.
      conversations.citizenWrote(
          message.agencyCode(),
          message.channel(),
          message.channelAccountId(),
          message.sender().channelUserId(),
          message.receivedAt());
      publisher.publish(
          Topics.COMPLAINTS_INBOUND,
          message.agencyCode() + ":" + message.sender().channelUserId(),
          complete,
          message.agencyCode());
      processed.remember("mid", message.providerMessageId(), clock.instant());
      count("aduan.inbound.messages", channel, message.agencyCode(), "published");
    }
    for (SocialBatch.ConversationEvent event : batch.conversationEvents()) {
      String key = event.mid() + "/" + event.kind() + "/" + event.at().toEpochMilli();
      if (processed.remember("event", key, clock.instant())) {
        conversations.record(event);
      }
      count(
          "aduan.conversation.events",
          channelTag(event.channel()),
          event.agencyCode(),
          event.kind().name().toLowerCase(Locale.ROOT));
    }
    for (SocialBatch.Receipt receipt : batch.receipts()) {
      receipt(receipt);
    }
    if (batch.echoes() > 0) {
      meters
          .counter("aduan.webhook.events", "channel", "social", "outcome", "echo_ignored")
          .increment(batch.echoes());
    }
    for (SocialBatch.Rejected rejected : batch.rejected()) {
      DeadLetter dead =
          new DeadLetter(
              UUID.randomUUID().toString(),
              clock.instant(),
              "channel-social",
              null,
              rejected.reason(),
              rejected.detail(),
              "application/json",
              Base64.getEncoder().encodeToString(rejected.json().getBytes(StandardCharsets.UTF_8)));
      publisher.deadLetterRecord(
          Topics.dlq(Topics.COMPLAINTS_INBOUND), rejected.reason(), dead, rejected.reason());
    }
  }

  private ComplaintReceived withMedia(ComplaintReceived m, List<SocialBatch.RemoteMedia> remote) {
    if (remote.isEmpty()) {
      return m;
    }
    List<ComplaintReceived.Attachment> attachments = new ArrayList<>();
    for (SocialBatch.RemoteMedia r : remote) {
      GraphClient.Download download = graph.download(r.url());
      String outcome = download.outcome().name();
      if (download.outcome() == GraphClient.Download.Outcome.STORED && download.bytes() != null) {
        String type = String.valueOf(download.mediaType());
        MediaStore.Stored stored =
            media.store(r.attachmentId(), m.agencyCode(), type, download.bytes());
        attachments.add(
            new ComplaintReceived.Attachment(
                r.attachmentId(),
                type,
                null,
                download.bytes().length,
                stored.sha256(),
                stored.storageRef(),
                "STORED"));
      } else {
        attachments.add(
            new ComplaintReceived.Attachment(
                r.attachmentId(), mediaTypeOf(r.kind()), null, 0, null, null, outcome));
      }
      count(
          "aduan.media.downloads",
          channelTag(m.channel()),
          m.agencyCode(),
          outcome.toLowerCase(Locale.ROOT));
    }
    return new ComplaintReceived(
        m.eventId(),
        m.occurredAt(),
        m.agencyCode(),
        m.channel(),
        m.channelAccountId(),
        m.providerMessageId(),
        m.sender(),
        m.messageType(),
        m.subject(),
        m.text(),
        attachments,
        m.location(),
        m.inReplyTo(),
        m.references(),
        m.receivedAt(),
        m.metadata(),
        null);
  }

  private void receipt(SocialBatch.Receipt r) {
    String conversation = sent.conversation(r.channel().name(), r.accountId(), r.userId());
    List<Mark> marks = new ArrayList<>();
    for (String mid : r.mids()) {
      SentMessages.Sent s = sent.byMid(mid);
      marks.add(new Mark(mid, s == null ? null : s.outboundEventId()));
    }
    if (r.status() == SocialBatch.Receipt.Status.READ
        && r.mids().isEmpty()
        && r.watermark() != null) {
      sent.readUpTo(conversation, r.watermark())
          .forEach(s -> marks.add(new Mark(s.id(), s.outboundEventId())));
    }
    for (Mark mark : marks) {
      if (!processed.remember("receipt", mark.mid() + "/" + r.status(), clock.instant())) {
        continue;
      }
      publisher.publish(
          Topics.DELIVERY_RECEIPTS,
          mark.outboundEventId() == null ? mark.mid() : mark.outboundEventId(),
          new DeliveryReceipt(
              UUID.randomUUID().toString(),
              clock.instant(),
              r.channel(),
              r.agencyCode(),
              mark.outboundEventId(),
              mark.mid(),
              DeliveryReceipt.Status.valueOf(r.status().name()),
              null,
              null,
              r.watermark() == null ? r.at() : r.watermark()),
          null);
      count(
          "aduan.delivery.receipts",
          channelTag(r.channel()),
          r.agencyCode(),
          r.status().name().toLowerCase(Locale.ROOT));
    }
  }

  private record Mark(String mid, @Nullable String outboundEventId) {}

  private static String mediaTypeOf(String kind) {
    return switch (kind) {
      case "image", "story_mention" -> "image/*";
      case "video" -> "video/*";
      case "audio" -> "audio/*";
      default -> "application/octet-stream";
    };
  }

  private void count(String name, String channel, String agency, String outcome) {
    meters.counter(name, "channel", channel, "agency", agency, "outcome", outcome).increment();
  }

  static String channelTag(id.aduan.contracts.Channel channel) {
    return channel.name().toLowerCase(Locale.ROOT);
  }
}
