package id.aduan.social.domain;

import id.aduan.agency.Agency;
import id.aduan.agency.AgencyCatalog;
import id.aduan.contracts.Channel;
import id.aduan.contracts.ComplaintReceived;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads a Meta webhook for Messenger ({@code object=page}) or Instagram ({@code object=instagram})
 * into a {@link SocialBatch}. The entry's id is the page or Instagram account, which names the
 * agency (agency files, {@code channels.facebook.pageId} / {@code channels.instagram.accountId}).
 */
public final class MetaWebhookNormalizer {

  /** Attachment kinds whose bytes are fetched (their URLs expire); others are links. */
  private static final Set<String> MEDIA =
      Set.of("image", "video", "audio", "file", "story_mention");

  private final AgencyCatalog agencies;
  private final Clock clock;

  public MetaWebhookNormalizer(AgencyCatalog agencies, Clock clock) {
    this.agencies = agencies;
    this.clock = clock;
  }

  public SocialBatch normalize(JsonNode root) {
    String object = root.path("object").asString("");
    if (!root.path("entry").isArray()) {
      throw new MalformedWebhookException("the webhook has no 'entry' list");
    }
    Batch batch = new Batch();
    Channel channel =
        switch (object) {
          case "page" -> Channel.FACEBOOK;
          case "instagram" -> Channel.INSTAGRAM;
          default -> null;
        };
    if (channel == null) {
      batch.rejected.add(
          new SocialBatch.Rejected(
              "UNSUPPORTED_OBJECT",
              "object '" + object + "' is not page or instagram",
              root.toString()));
      return batch.build();
    }
    for (JsonNode entry : root.path("entry")) {
      String accountId = entry.path("id").asString("");
      Agency agency = agencies.bySocialAccountId(accountId).orElse(null);
      if (agency == null) {
        batch.rejected.add(
            new SocialBatch.Rejected(
                "UNKNOWN_ACCOUNT",
                "no agency has the " + channel.name().toLowerCase() + " account " + accountId,
                entry.toString()));
        continue;
      }
      for (JsonNode event : entry.path("messaging")) {
        event(batch, agency, channel, accountId, event);
      }
      if (!entry.path("changes").isMissingNode() && !entry.path("changes").isEmpty()) {
        batch.rejected.add(
            new SocialBatch.Rejected(
                "UNSUPPORTED_EVENT",
                "'changes' (feed, comments) are not subscribed",
                entry.toString()));
      }
    }
    return batch.build();
  }

  private void event(Batch batch, Agency agency, Channel channel, String accountId, JsonNode e) {
    String userId = e.path("sender").path("id").asString("");
    Instant at =
        e.path("timestamp").canConvertToLong()
            ? Instant.ofEpochMilli(e.path("timestamp").asLong())
            : clock.instant();
    JsonNode message = e.path("message");
    if (message.path("is_echo").asBoolean(false)) {
      // The page's own message (an officer in Meta's inbox, or our own send): never a complaint.
      batch.echoes++;
      return;
    }
    if (message.isObject() && message.path("is_deleted").asBoolean(false)) {
      batch.events.add(
          new SocialBatch.ConversationEvent(
              agency.code(),
              channel,
              accountId,
              userId,
              SocialBatch.ConversationEvent.Kind.DELETED,
              message.path("mid").asString(""),
              null,
              at));
      return;
    }
    if (e.path("message_edit").isObject()) {
      JsonNode edit = e.path("message_edit");
      batch.events.add(
          new SocialBatch.ConversationEvent(
              agency.code(),
              channel,
              accountId,
              userId,
              SocialBatch.ConversationEvent.Kind.EDITED,
              edit.path("mid").asString(""),
              edit.path("text").isString() ? edit.get("text").asString() : null,
              at));
      return;
    }
    if (e.path("delivery").isObject() || e.path("read").isObject()) {
      boolean delivery = e.path("delivery").isObject();
      JsonNode node = delivery ? e.path("delivery") : e.path("read");
      List<String> mids = new ArrayList<>();
      node.path("mids").forEach(m -> mids.add(m.asString()));
      if (node.path("mid").isString()) {
        mids.add(node.get("mid").asString());
      }
      Instant watermark =
          node.path("watermark").canConvertToLong()
              ? Instant.ofEpochMilli(node.path("watermark").asLong())
              : null;
      batch.receipts.add(
          new SocialBatch.Receipt(
              agency.code(),
              channel,
              accountId,
              userId,
              delivery ? SocialBatch.Receipt.Status.DELIVERED : SocialBatch.Receipt.Status.READ,
              mids,
              watermark,
              at));
      return;
    }
    if (!message.isObject() || !message.path("mid").isString() || userId.isBlank()) {
      batch.rejected.add(
          new SocialBatch.Rejected(
              "UNSUPPORTED_EVENT", "an event without a message this adapter reads", e.toString()));
      return;
    }
    batch.messages.add(message(agency, channel, accountId, userId, message, at));
  }

  private SocialBatch.Incoming message(
      Agency agency, Channel channel, String accountId, String userId, JsonNode m, Instant at) {
    String mid = m.get("mid").asString();
    Map<String, String> metadata = new HashMap<>();
    List<SocialBatch.RemoteMedia> media = new ArrayList<>();
    String type = m.path("text").isString() ? "text" : "unknown";
    int index = 0;
    for (JsonNode a : m.path("attachments")) {
      String kind = a.path("type").asString("unknown");
      String url = a.path("payload").path("url").asString("");
      if (MEDIA.contains(kind) && !url.isBlank()) {
        media.add(new SocialBatch.RemoteMedia(mid + "#" + index, kind, url));
      } else if (!url.isBlank()) {
        // A shared post, reel or link: the post stays where it is; its address is kept.
        metadata.put("sharedUrl" + (index == 0 ? "" : "." + index), url);
      }
      if (type.equals("text") || type.equals("unknown")) {
        type = MEDIA.contains(kind) ? kind : "share";
      }
      index++;
    }
    if (m.path("text").isString() && !m.path("attachments").isEmpty()) {
      metadata.put("withText", "true");
    }
    if (m.path("quick_reply").path("payload").isString()) {
      metadata.put("quickReplyPayload", m.path("quick_reply").path("payload").asString());
    }
    JsonNode replyTo = m.path("reply_to");
    String inReplyTo = replyTo.path("mid").isString() ? replyTo.get("mid").asString() : null;
    if (replyTo.path("story").isObject()) {
      metadata.put("storyReply", "true");
      putIfPresent(metadata, "storyUrl", replyTo.path("story").path("url").asString(null));
    }
    ComplaintReceived complaint =
        new ComplaintReceived(
            UUID.randomUUID().toString(),
            clock.instant(),
            agency.code(),
            channel,
            accountId,
            mid,
            new ComplaintReceived.Sender(userId, null, false, false),
            type,
            null,
            m.path("text").isString() ? m.get("text").asString() : null,
            List.of(),
            null,
            inReplyTo,
            inReplyTo == null ? List.of() : List.of(inReplyTo),
            at,
            metadata,
            null);
    return new SocialBatch.Incoming(complaint, media);
  }

  private static void putIfPresent(Map<String, String> map, String key, @Nullable String value) {
    if (value != null && !value.isBlank()) {
      map.put(key, value);
    }
  }

  private static final class Batch {
    final List<SocialBatch.Incoming> messages = new ArrayList<>();
    final List<SocialBatch.Receipt> receipts = new ArrayList<>();
    final List<SocialBatch.ConversationEvent> events = new ArrayList<>();
    final List<SocialBatch.Rejected> rejected = new ArrayList<>();
    int echoes;

    SocialBatch build() {
      return new SocialBatch(messages, receipts, events, rejected, echoes);
    }
  }
}
