package id.aduan.cases.config;

import id.aduan.cases.domain.IdentityKeys;
import id.aduan.support.pii.PiiCipher;
import id.aduan.support.pii.PiiProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The keys of personal data at rest: the key set every service shares ({@code aduan.pii.*}, from a
 * secret store), or case-service's earlier {@code aduan.cases.pii.*}; the service refuses to start
 * without them. The local platform's demo mode derives demo keys from the demo password instead, so
 * that a newcomer needs no key material: never good enough for real data, and only ever active with
 * {@code aduan.demo.enabled=true}.
 */
@Configuration(proxyBeanMethods = false)
class PiiConfiguration {

  /** Where case-service read its keys before they were shared (still accepted). */
  static final String LEGACY_PREFIX = "aduan.cases.pii";

  @Bean
  PiiCipher piiCipher(
      Environment environment,
      @Value("${aduan.demo.enabled:false}") boolean demo,
      @Value("${aduan.demo.password:}") String demoPassword) {
    return piiCipher(PiiProperties.bind(environment, LEGACY_PREFIX), demo, demoPassword);
  }

  /** Citizens' identity keys: keyed hashes with the lookup key (docs/adr/0025). */
  @Bean
  IdentityKeys identityKeys(PiiCipher cipher) {
    return new IdentityKeys(cipher::lookup);
  }

  PiiCipher piiCipher(PiiProperties properties, boolean demo, String demoPassword) {
    return PiiCipher.forService(properties, demo, demoPassword);
  }
}
