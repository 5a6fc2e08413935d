package id.aduan.testsupport;

import id.aduan.contracts.Topics;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * The in-JVM KRaft broker of spring-kafka-test with every Aduan topic and dead-letter topic created
 * up front (the services never auto-create topics). Point the binder at it with {@code
 * spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@EmbeddedKafka(
    partitions = 2,
    topics = {
      Topics.COMPLAINTS_INBOUND,
      Topics.COMPLAINTS_INBOUND + Topics.DLQ_SUFFIX,
      Topics.CASES_EVENTS,
      Topics.CASES_EVENTS + Topics.DLQ_SUFFIX,
      Topics.SLA_EVENTS,
      Topics.SLA_EVENTS + Topics.DLQ_SUFFIX,
      Topics.OUTBOUND_WHATSAPP,
      Topics.OUTBOUND_WHATSAPP + Topics.DLQ_SUFFIX,
      Topics.OUTBOUND_EMAIL,
      Topics.OUTBOUND_EMAIL + Topics.DLQ_SUFFIX,
      Topics.OUTBOUND_LAPOR,
      Topics.OUTBOUND_LAPOR + Topics.DLQ_SUFFIX,
      Topics.OUTBOUND_SOCIAL,
      Topics.OUTBOUND_SOCIAL + Topics.DLQ_SUFFIX,
      Topics.DELIVERY_RECEIPTS,
      Topics.DELIVERY_RECEIPTS + Topics.DLQ_SUFFIX
    })
public @interface AduanKafka {}
