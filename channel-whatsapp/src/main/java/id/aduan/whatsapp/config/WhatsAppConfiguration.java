package id.aduan.whatsapp.config;

import id.aduan.agency.AgencyCatalog;
import id.aduan.support.HubSignature;
import id.aduan.support.messaging.CloudEvents;
import id.aduan.support.messaging.KafkaClients;
import id.aduan.support.messaging.OutboundRetryConfiguration;
import id.aduan.support.messaging.Traces;
import id.aduan.support.web.KafkaUnavailableAdvice;
import id.aduan.whatsapp.domain.TwilioNormalizer;
import id.aduan.whatsapp.domain.WebhookNormalizer;
import id.aduan.whatsapp.messaging.InboundPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.kafka.support.KafkaHeaderMapper;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
// OutboundRetryConfiguration: a record that failed because MongoDB did not answer is polled
// again, never dead-lettered (docs/adr/0041); its DeferredDeliveries is not used here (WhatsApp
// keeps deferred messages in outbound_sends) and, being lazy, never created.
@Import({KafkaUnavailableAdvice.class, OutboundRetryConfiguration.class})
class WhatsAppConfiguration {

  @Bean
  HubSignature signatureVerifier(WhatsAppProperties properties) {
    require(properties.appSecret(), "aduan.whatsapp.app-secret (ADUAN_WHATSAPP_APPSECRET)");
    require(properties.verifyToken(), "aduan.whatsapp.verify-token (ADUAN_WHATSAPP_VERIFYTOKEN)");
    require(properties.accessToken(), "aduan.whatsapp.access-token (ADUAN_WHATSAPP_ACCESSTOKEN)");
    return new HubSignature(properties.appSecret());
  }

  @Bean
  InboundPublisher inboundPublisher(
      Environment environment,
      WhatsAppProperties properties,
      CloudEvents cloudEvents,
      JsonMapper json,
      @Qualifier("kafkaBinderHeaderMapper") KafkaHeaderMapper headers,
      MeterRegistry meters,
      Traces traces) {
    return new InboundPublisher(
        InboundPublisher.producer(KafkaClients.producer(environment), properties),
        cloudEvents,
        json,
        headers,
        meters,
        traces);
  }

  @Bean
  WebhookNormalizer webhookNormalizer(AgencyCatalog agencies, Clock clock) {
    return new WebhookNormalizer(agencies, clock);
  }

  @Bean
  TwilioNormalizer twilioNormalizer(AgencyCatalog agencies, Clock clock) {
    return new TwilioNormalizer(agencies, clock);
  }

  private static void require(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(name + " is required and has no default");
    }
  }
}
