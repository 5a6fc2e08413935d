package id.aduan.whatsapp.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Twilio's {@code X-Twilio-Signature}: Base64 of HMAC-SHA1, keyed with the auth token, over the
 * full public URL followed by every POST parameter's name and value, sorted by name. Every
 * parameter counts, also ones this adapter does not know: Twilio adds parameters over time.
 */
public final class TwilioSignature {

  private final SecretKeySpec key;

  public TwilioSignature(String authToken) {
    if (authToken.isBlank()) {
      throw new IllegalArgumentException("the Twilio auth token must not be empty");
    }
    this.key = new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1");
  }

  public boolean verify(String url, Map<String, List<String>> params, @Nullable String header) {
    if (header == null || header.isBlank()) {
      return false;
    }
    return MessageDigest.isEqual(
        sign(url, params).getBytes(StandardCharsets.UTF_8),
        header.strip().getBytes(StandardCharsets.UTF_8));
  }

  public String sign(String url, Map<String, List<String>> params) {
    StringBuilder data = new StringBuilder(url);
    for (Map.Entry<String, List<String>> p : new TreeMap<>(params).entrySet()) {
      for (String value : p.getValue().stream().sorted().toList()) {
        data.append(p.getKey()).append(value);
      }
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(key);
      return Base64.getEncoder()
          .encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is unavailable", e);
    }
  }
}
