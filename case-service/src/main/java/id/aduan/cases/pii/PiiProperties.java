package id.aduan.cases.pii;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Keys for personal data at rest ({@code aduan.cases.pii}); see docs/adr/0020 for rotation.
 *
 * @param activeKeyId the key that encrypts from now on (its id is stored with every value)
 * @param keys every key that may still be needed to decrypt: id to Base64 of 32 bytes (AES-256)
 * @param lookupKey Base64 of the HMAC-SHA256 key of the exact-lookup hashes
 */
@ConfigurationProperties("aduan.cases.pii")
public record PiiProperties(
    @Nullable String activeKeyId, @Nullable Map<String, String> keys, @Nullable String lookupKey) {

  public PiiProperties {
    keys = keys == null ? Map.of() : Map.copyOf(keys);
  }

  public boolean configured() {
    return activeKeyId != null && !keys.isEmpty() && lookupKey != null;
  }
}
