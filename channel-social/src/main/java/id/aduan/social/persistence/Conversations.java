package id.aduan.social.persistence;

import id.aduan.contracts.Channel;
import id.aduan.social.domain.SocialBatch;
import id.aduan.support.pii.PiiCipher;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * One document per conversation (channel, page or Instagram account, citizen): when the citizen
 * last wrote, which decides the send window, and the edits and deletions of their messages, which
 * the complaint already published cannot show. The citizen is known only by a keyed hash of their
 * user id (the {@code _id} is channel, account and hash) and an edited text is stored encrypted
 * ({@code newTextSealed}; the shared key set, docs/adr/0026); a clear {@code newText} of a document
 * written before is still read.
 */
@Repository
public class Conversations {

  static final String COLLECTION = "social_conversations";
  private final MongoTemplate mongo;
  private final PiiCipher cipher;

  Conversations(MongoTemplate mongo, PiiCipher cipher) {
    this.mongo = mongo;
    this.cipher = cipher;
  }

  public void citizenWrote(
      String agencyCode, Channel channel, String accountId, String userId, Instant at) {
    mongo.upsert(
        byId(channel, accountId, userId),
        new Update()
            .max("lastInboundAt", at)
            .setOnInsert("agencyCode", agencyCode)
            .setOnInsert("channel", channel.name()),
        COLLECTION);
  }

  public void record(SocialBatch.ConversationEvent event) {
    mongo.upsert(
        byId(event.channel(), event.accountId(), event.userId()),
        new Update()
            .push(
                "events",
                new StoredEvent(
                    event.kind().name(),
                    event.mid(),
                    null,
                    event.newText() == null ? null : cipher.encrypt(event.newText()),
                    event.at()))
            .setOnInsert("agencyCode", event.agencyCode())
            .setOnInsert("channel", event.channel().name()),
        COLLECTION);
  }

  public @Nullable Instant lastInboundAt(Channel channel, String accountId, String userId) {
    Conversation c =
        mongo.findOne(byId(channel, accountId, userId), Conversation.class, COLLECTION);
    return c == null ? null : c.lastInboundAt();
  }

  public List<Event> events(Channel channel, String accountId, String userId) {
    Conversation c =
        mongo.findOne(byId(channel, accountId, userId), Conversation.class, COLLECTION);
    return c == null || c.events() == null
        ? List.of()
        : c.events().stream()
            .map(
                e ->
                    new Event(
                        e.kind(),
                        e.mid(),
                        e.newTextSealed() != null ? cipher.decrypt(e.newTextSealed()) : e.newText(),
                        e.at()))
            .toList();
  }

  private Query byId(Channel channel, String accountId, String userId) {
    return Query.query(
        Criteria.where("_id")
            .is(channel.name() + ":" + accountId + ":" + cipher.lookup("social", userId)));
  }

  public record Event(String kind, String mid, @Nullable String newText, Instant at) {}

  /** As stored: {@code newTextSealed} is ciphertext; {@code newText} a clear value from before. */
  record StoredEvent(
      String kind,
      String mid,
      @Nullable String newText,
      @Nullable String newTextSealed,
      Instant at) {}

  record Conversation(
      String id,
      @Nullable String agencyCode,
      @Nullable Instant lastInboundAt,
      @Nullable List<StoredEvent> events) {}
}
