package id.aduan.whatsapp.domain;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Checks Meta's {@code X-Hub-Signature-256: sha256=<hex>} over the raw request bytes, exactly as
 * received (re-serialized JSON would differ for non-ASCII names and escapes).
 */
public final class SignatureVerifier {

  private static final String PREFIX = "sha256=";
  private final SecretKeySpec key;

  public SignatureVerifier(String appSecret) {
    if (appSecret.isBlank()) {
      throw new IllegalArgumentException("the app secret must not be empty");
    }
    this.key = new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  public boolean verify(byte[] body, @Nullable String header) {
    if (header == null || !header.startsWith(PREFIX)) {
      return false;
    }
    byte[] given;
    try {
      given =
          HexFormat.of()
              .parseHex(header.substring(PREFIX.length()).toLowerCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(sign(body), given);
  }

  public String signatureHeader(byte[] body) {
    return PREFIX + HexFormat.of().formatHex(sign(body));
  }

  private byte[] sign(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  /** Constant-time comparison of the verification-handshake token. */
  public static boolean tokensMatch(String expected, @Nullable String given) {
    return given != null
        && MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }
}
