package id.aduan.cases.config;

import id.aduan.cases.pii.PiiCipher;
import id.aduan.cases.pii.PiiProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The keys of personal data at rest. Production configures them ({@code aduan.cases.pii.*}, from a
 * secret store); the service refuses to start without them. The local platform's demo mode derives
 * demo keys from the demo password instead, so that a newcomer needs no key material: never good
 * enough for real data, and only ever active with {@code aduan.demo.enabled=true}.
 */
@Configuration(proxyBeanMethods = false)
class PiiConfiguration {

  @Bean
  PiiCipher piiCipher(
      PiiProperties properties,
      @Value("${aduan.demo.enabled:false}") boolean demo,
      @Value("${aduan.demo.password:}") String demoPassword) {
    if (properties.configured()) {
      return PiiCipher.of(properties);
    }
    if (demo && !demoPassword.isBlank()) {
      return new PiiCipher(
          "demo",
          Map.of("demo", sha256("aduan-demo-pii-key|" + demoPassword)),
          sha256("aduan-demo-lookup-key|" + demoPassword));
    }
    throw new IllegalStateException(
        "aduan.cases.pii.active-key-id, aduan.cases.pii.keys.<id> and aduan.cases.pii.lookup-key"
            + " must be set (Base64 of 32 random bytes each, e.g. `openssl rand -base64 32`);"
            + " see docs/adr/0020-personal-data-at-rest.md");
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
