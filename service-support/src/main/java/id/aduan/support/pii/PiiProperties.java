package id.aduan.support.pii;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Keys for personal data, shared by every service ({@code aduan.pii.*}); see docs/adr/0020 for
 * rotation and docs/adr/0025.
 *
 * @param activeKeyId the key that encrypts from now on (its id is stored with every value)
 * @param keys every key that may still be needed to decrypt: id to Base64 of 32 bytes (AES-256)
 * @param lookupKey Base64 of the HMAC-SHA256 key of the exact-lookup hashes
 */
public record PiiProperties(
    @Nullable String activeKeyId, @Nullable Map<String, String> keys, @Nullable String lookupKey) {

  /** The prefix every service reads the key set under. */
  public static final String PREFIX = "aduan.pii";

  public PiiProperties {
    keys = keys == null ? Map.of() : Map.copyOf(keys);
  }

  public boolean configured() {
    return activeKeyId != null && !keys.isEmpty() && lookupKey != null;
  }

  /**
   * The key set under {@code aduan.pii.*}; if that is not configured, the first of {@code
   * legacyPrefixes} that is (e.g. case-service's {@code aduan.cases.pii}); else an unconfigured
   * set.
   */
  public static PiiProperties bind(Environment environment, String... legacyPrefixes) {
    Binder binder = Binder.get(environment);
    PiiProperties shared = bind(binder, PREFIX);
    if (shared.configured()) {
      return shared;
    }
    for (String prefix : legacyPrefixes) {
      PiiProperties legacy = bind(binder, prefix);
      if (legacy.configured()) {
        return legacy;
      }
    }
    return shared;
  }

  private static PiiProperties bind(Binder binder, String prefix) {
    return binder
        .bind(prefix, PiiProperties.class)
        .orElseGet(() -> new PiiProperties(null, null, null));
  }
}
