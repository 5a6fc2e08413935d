package id.aduan.social.config;

import id.aduan.agency.AgencyCatalog;
import id.aduan.social.domain.MetaWebhookNormalizer;
import id.aduan.support.HubSignature;
import id.aduan.support.ProcessedKeys;
import id.aduan.support.messaging.OutboundRetryConfiguration;
import id.aduan.support.web.KafkaUnavailableAdvice;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;

@Configuration(proxyBeanMethods = false)
@Import({KafkaUnavailableAdvice.class, OutboundRetryConfiguration.class})
class SocialConfiguration {

  @Bean
  HubSignature hubSignature(SocialProperties properties) {
    require(properties.appSecret(), "aduan.social.app-secret (ADUAN_SOCIAL_APPSECRET)");
    require(properties.verifyToken(), "aduan.social.verify-token (ADUAN_SOCIAL_VERIFYTOKEN)");
    require(
        properties.pageAccessToken(),
        "aduan.social.page-access-token (ADUAN_SOCIAL_PAGEACCESSTOKEN)");
    return new HubSignature(properties.appSecret());
  }

  @Bean
  MetaWebhookNormalizer metaWebhookNormalizer(AgencyCatalog agencies, Clock clock) {
    return new MetaWebhookNormalizer(agencies, clock);
  }

  /**
   * Inbound {@code mid}s, conversation events, receipts and outbound message ids; 8 days, since
   * Meta retries a webhook for at most a few days and the binder redelivers within minutes.
   */
  @Bean
  ProcessedKeys processedKeys(MongoTemplate mongo) {
    return new ProcessedKeys(mongo, "social_processed_ids", Duration.ofDays(8));
  }

  private static void require(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(name + " is required and has no default");
    }
  }
}
