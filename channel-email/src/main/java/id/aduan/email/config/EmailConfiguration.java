package id.aduan.email.config;

import id.aduan.email.domain.MailParser;
import id.aduan.email.domain.SenderAuthentication;
import id.aduan.support.messaging.OutboundRetryConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

@Configuration(proxyBeanMethods = false)
@Import(OutboundRetryConfiguration.class)
class EmailConfiguration {

  @Bean
  MailParser mailParser(EmailProperties properties) {
    return new MailParser(properties.limits().toMimeLimits());
  }

  @Bean
  SenderAuthentication senderAuthentication(EmailProperties properties) {
    return properties.senderAuthentication().toDomain();
  }
}
