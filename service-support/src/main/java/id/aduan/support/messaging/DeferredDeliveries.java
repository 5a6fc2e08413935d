package id.aduan.support.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiConsumer;
import org.bson.Document;
import org.bson.types.Binary;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Outbound messages that failed transiently (the provider down, 5xx, 429, a timeout, an open
 * circuit), kept in the adapter's own store until their next attempt (docs/adr/0041). The consumer
 * stores the message as it came from the topic (personal fields still encrypted) and returns, so
 * nothing waits on the partition; the adapter's scheduler claims due ones with a lease (several
 * instances never take the same one; a claim whose sender died is taken again when the lease
 * expires) and runs the same delivery again. After {@link RetrySchedule#giveUpAfter} since the
 * first failure the adapter gives the message up (dead letter {@code RETRIES_EXHAUSTED}).
 *
 * <p>A redelivery from the topic of a message kept here must not send it: the adapter asks {@link
 * #holds} before it sends. WhatsApp keeps its deferred messages with its send claims instead
 * ({@code outbound_sends}, which also holds its pacing slots).
 */
public final class DeferredDeliveries {

  private static final String DEFERRED = "DEFERRED";
  private static final String SENDING = "SENDING";

  private static final Logger log = LoggerFactory.getLogger(DeferredDeliveries.class);

  private final MongoTemplate mongo;
  private final String collection;
  private final RetrySchedule schedule;
  private final Duration lease;
  private final CloudEvents cloudEvents;
  private final EventPublisher publisher;
  private final MeterRegistry meters;
  private final Clock clock;

  /** What happened to a message that failed transiently. */
  public enum Outcome {
    /** Kept for a later attempt. */
    DEFERRED,
    /** Failing since longer than {@code giveUpAfter}: the adapter dead-letters it. */
    GIVEN_UP
  }

  /**
   * A kept message whose time has come, claimed by the caller.
   *
   * @param failures transient failures so far
   * @param firstFailedAt when it failed first
   */
  public record Due(String eventId, byte[] payload, int failures, Instant firstFailedAt) {}

  /**
   * @param lease how long one attempt holds a kept message
   */
  public DeferredDeliveries(
      MongoTemplate mongo,
      String collection,
      RetrySchedule schedule,
      Duration lease,
      CloudEvents cloudEvents,
      EventPublisher publisher,
      MeterRegistry meters,
      Clock clock) {
    this.mongo = mongo;
    this.collection = collection;
    this.schedule = schedule;
    this.lease = lease;
    this.cloudEvents = cloudEvents;
    this.publisher = publisher;
    this.meters = meters;
    this.clock = clock;
    mongo
        .indexOps(collection)
        .createIndex(
            new Index().on("state", Sort.Direction.ASC).on("notBefore", Sort.Direction.ASC));
  }

  /** Whether the message is kept here (waiting, or being sent by the scheduler). */
  public boolean holds(String eventId) {
    return mongo.exists(Query.query(Criteria.where("_id").is(eventId)), collection);
  }

  /**
   * The message failed transiently: kept for its next attempt (after a jittered, doubling backoff;
   * counted as {@code aduan.outbound.deferred{channel, agency, reason=provider_unavailable}}), or,
   * failing since longer than the schedule allows, removed and {@link Outcome#GIVEN_UP} (the caller
   * dead-letters it). {@code previous} is the claim it was sent under (null: from the topic).
   */
  public Outcome failed(
      String eventId, byte[] payload, @Nullable Due previous, String channel, String agency) {
    Instant now = clock.instant();
    int failures = previous == null ? 1 : previous.failures() + 1;
    Instant first = previous == null ? now : previous.firstFailedAt();
    if (schedule.givenUp(first, now)) {
      done(eventId);
      return Outcome.GIVEN_UP;
    }
    Instant next = schedule.next(failures, now, ThreadLocalRandom.current());
    mongo.upsert(
        Query.query(Criteria.where("_id").is(eventId)),
        new Update()
            .set("state", DEFERRED)
            .set("notBefore", next)
            .set("leaseUntil", next)
            .set("payload", new Binary(payload))
            .set("failures", failures)
            .set("firstFailedAt", first),
        collection);
    meters
        .counter(
            "aduan.outbound.deferred",
            "channel",
            channel,
            "agency",
            agency,
            "reason",
            "provider_unavailable")
        .increment();
    return Outcome.DEFERRED;
  }

  /**
   * Attempts the kept messages whose time has come, at most {@code limit}, each read as {@code
   * type} and handed to {@code attempt} under a lease. One that can no longer be read (a changed
   * contract) is dead-lettered to {@code dlqTopic}; one whose attempt throws stays under its lease
   * and is taken again when the lease expires (e.g. after a store outage).
   *
   * @return how many were attempted
   */
  public <T> int attemptDue(int limit, String dlqTopic, Class<T> type, BiConsumer<T, Due> attempt) {
    int handled = 0;
    while (handled < limit) {
      Due due = claimDue(clock.instant(), lease).orElse(null);
      if (due == null) {
        break;
      }
      handled++;
      T message;
      try {
        message = cloudEvents.read(due.payload(), type);
      } catch (UnreadableMessageException e) {
        publisher.deadLetter(
            dlqTopic,
            MessageBuilder.withPayload(due.payload()).build(),
            e.reason(),
            String.valueOf(e.getMessage()));
        done(due.eventId());
        continue;
      }
      try {
        attempt.accept(message, due);
      } catch (RuntimeException e) {
        log.warn("a kept outbound message failed and is tried again later: {}", e.toString());
      }
    }
    return handled;
  }

  /** Dead-letters a message given up ({@code RETRIES_EXHAUSTED}), with since when it failed. */
  public void deadLetterGivenUp(
      String dlqTopic, byte[] payload, @Nullable Due previous, String detail) {
    publisher.deadLetter(
        dlqTopic,
        MessageBuilder.withPayload(payload).build(),
        "RETRIES_EXHAUSTED",
        "failing since "
            + (previous == null ? clock.instant() : previous.firstFailedAt())
            + ": "
            + detail);
  }

  /** The message was attempted from here ({@code due} not null) and is finished: forgotten. */
  public void finished(@Nullable Due due) {
    if (due != null) {
      done(due.eventId());
    }
  }

  /**
   * Claims the kept message due first: a waiting one whose time has come, or one whose sender's
   * lease expired (it died mid-attempt).
   */
  public Optional<Due> claimDue(Instant now, Duration lease) {
    Document taken =
        mongo.findAndModify(
            Query.query(
                    new Criteria()
                        .orOperator(
                            Criteria.where("state").is(DEFERRED).and("notBefore").lte(now),
                            Criteria.where("state").is(SENDING).and("leaseUntil").lte(now)))
                .with(Sort.by("notBefore")),
            new Update().set("state", SENDING).set("leaseUntil", now.plus(lease)),
            FindAndModifyOptions.options().returnNew(true),
            Document.class,
            collection);
    if (taken == null) {
      return Optional.empty();
    }
    Object payload = taken.get("payload");
    byte[] bytes = payload instanceof Binary b ? b.getData() : (byte[]) payload;
    return Optional.of(
        new Due(
            taken.getString("_id"),
            bytes,
            taken.get("failures") instanceof Number n ? n.intValue() : 1,
            taken.get("firstFailedAt") instanceof Date d ? d.toInstant() : now));
  }

  /** The message was sent, or failed for good: no longer kept. */
  public void done(String eventId) {
    mongo.remove(Query.query(Criteria.where("_id").is(eventId)), collection);
  }
}
