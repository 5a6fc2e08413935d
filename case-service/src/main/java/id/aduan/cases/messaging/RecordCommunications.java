package id.aduan.cases.messaging;

import id.aduan.cases.persistence.Communications;
import id.aduan.cases.pii.PiiText;
import id.aduan.contracts.DeliveryReceipt;
import id.aduan.contracts.OutboundMessage;
import id.aduan.contracts.Topics;
import id.aduan.support.messaging.EventPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

/**
 * Makes every message the platform sends about a case, and what became of it, visible on the case:
 * {@code recordAttempts} consumes the four outbound topics (an {@link OutboundMessage} with a case
 * id is an attempt), {@code recordReceipts} consumes {@code delivery.receipts.v1} (a receipt for
 * one of those attempts, by its outbound event id). Both writes are idempotent upserts, so
 * redeliveries are harmless; what cannot be read goes to the dead letters of its own topic.
 */
@Configuration(proxyBeanMethods = false)
class RecordCommunications {

  @Bean
  Consumer<Message<byte[]>> recordAttempts(
      Communications communications, EventPublisher publisher, MeterRegistry meters) {
    return message -> {
      String topic = sourceTopic(message, Topics.OUTBOUND_WHATSAPP);
      OutboundMessage out =
          publisher.readAsOrDeadLetter(message, topic, OutboundMessage.class).orElse(null);
      if (out == null) {
        return;
      }
      if (out.caseId() == null) {
        // Officer alerts and digests concern no single case.
        meters.counter("aduan.cases.communications", "outcome", "no_case").increment();
        return;
      }
      communications.recordAttempt(
          out.eventId(),
          out.caseId(),
          out.to().channel(),
          out.purpose(),
          out.automatic(),
          // Masked as the reporter's contact is on the case view.
          PiiText.maskValue(out.to().recipientId()),
          out.occurredAt());
      meters.counter("aduan.cases.communications", "outcome", "attempt").increment();
    };
  }

  @Bean
  Consumer<Message<byte[]>> recordReceipts(
      Communications communications, EventPublisher publisher, MeterRegistry meters) {
    return message -> {
      DeliveryReceipt receipt =
          publisher
              .readAsOrDeadLetter(message, Topics.DELIVERY_RECEIPTS, DeliveryReceipt.class)
              .orElse(null);
      if (receipt == null) {
        return;
      }
      if (receipt.outboundEventId() == null) {
        // A status for a message the platform did not send through the outbound topics.
        meters.counter("aduan.cases.communications", "outcome", "receipt_unmatched").increment();
        return;
      }
      communications.recordReceipt(receipt.outboundEventId(), receipt);
      meters.counter("aduan.cases.communications", "outcome", "receipt").increment();
    };
  }

  private static String sourceTopic(Message<byte[]> message, String fallback) {
    Object topic = message.getHeaders().get(KafkaHeaders.RECEIVED_TOPIC);
    return topic instanceof String t ? t : fallback;
  }
}
