package id.aduan.support.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.function.BiFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Moves a consumer's retries and dead letters from the binder into the listener container, so that
 * a record whose processing failed only because the service's store did not answer is never
 * dead-lettered (docs/adr/0041). Opt-in: a service declares it as a bean.
 *
 * <ul>
 *   <li>A store outage ({@link StoreOutages}): the record is not committed; the container seeks
 *       back to it and polls it again after a wait that doubles from one second up to {@code
 *       maxWait}, for as long as the store stays away (the partition waits: nothing on it could be
 *       processed without the store anyway). Every such attempt counts in {@code
 *       aduan.consumer.store.outages}.
 *   <li>Any other failure: the binding's own retry budget ({@code max-attempts}, {@code
 *       back-off-*}), then the dead-letter topic through {@link EventPublisher#deadLetter} with the
 *       reason {@code PROCESSING_FAILED} and the failure's message, as the binder did.
 * </ul>
 *
 * Every wait happens between polls, never longer than {@code maxWait}, so a long outage does not
 * exceed {@code max.poll.interval.ms} and cause a rebalance.
 */
public class StoreOutageRetry implements ListenerContainerWithDlqAndRetryCustomizer {

  private static final Logger log = LoggerFactory.getLogger(StoreOutageRetry.class);

  private final ObjectProvider<EventPublisher> publisher;
  private final MeterRegistry meters;
  private final Duration maxWait;

  /**
   * @param publisher the service's publisher (looked up at the first dead letter: the binder
   *     creates its containers before every bean is ready)
   * @param maxWait the longest wait between two attempts while the store is away
   */
  public StoreOutageRetry(
      ObjectProvider<EventPublisher> publisher, MeterRegistry meters, Duration maxWait) {
    this.publisher = publisher;
    this.meters = meters;
    this.maxWait = maxWait;
  }

  @Override
  public boolean retryAndDlqInBinding(String destinationName, String group) {
    return false;
  }

  @Override
  public void configure(
      AbstractMessageListenerContainer<?, ?> container,
      String destinationName,
      String group,
      @Nullable BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver,
      @Nullable BackOff backOff) {
    DefaultErrorHandler handler =
        new DefaultErrorHandler(
            (record, failure) -> recover(record, failure, destinationName, dlqDestinationResolver),
            backOff != null ? backOff : new FixedBackOff(0, 0));
    handler.setBackOffFunction(
        (record, failure) -> {
          if (!StoreOutages.isOutage(failure)) {
            return null;
          }
          ExponentialBackOff outage = new ExponentialBackOff(Math.min(1000, maxWait.toMillis()), 2);
          outage.setMaxInterval(maxWait.toMillis());
          return outage;
        });
    handler.setRetryListeners(
        (record, failure, attempt) -> {
          if (StoreOutages.isOutage(failure)) {
            meters.counter("aduan.consumer.store.outages", "topic", destinationName).increment();
            log.warn(
                "the store did not answer while a record of {} was processed (attempt {}); it is"
                    + " polled again, never dead-lettered",
                destinationName,
                attempt);
          }
        });
    // A failure of another kind after an outage starts its own budget (and vice versa).
    handler.setResetStateOnExceptionChange(true);
    container.setCommonErrorHandler(handler);
  }

  private void recover(
      ConsumerRecord<?, ?> record,
      Exception failure,
      String destination,
      @Nullable BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlq) {
    if (StoreOutages.isOutage(failure)) {
      // Only reached if the outage back-off ever ended; the record must not be lost either way.
      throw new IllegalStateException("store outage: the record is polled again", failure);
    }
    if (dlq == null || !(record.value() instanceof byte[] payload)) {
      meters
          .counter("aduan.dead.letters", "topic", destination, "reason", "PROCESSING_FAILED")
          .increment();
      log.error(
          "a record of {} failed and has no dead-letter topic; skipped", destination, failure);
      return;
    }
    MessageBuilder<byte[]> message = MessageBuilder.withPayload(payload);
    for (Header header : record.headers()) {
      message.setHeader(header.key(), header.value());
    }
    if (record.key() != null) {
      message.setHeader(KafkaHeaders.KEY, record.key());
    }
    Message<byte[]> original = message.build();
    publisher
        .getObject()
        .deadLetter(
            dlq.apply(record, failure).topic(), original, "PROCESSING_FAILED", detail(failure));
  }

  private static String detail(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }
}
