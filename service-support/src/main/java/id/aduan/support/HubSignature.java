package id.aduan.support;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Meta's webhook security, shared by every Meta channel (WhatsApp Cloud API, Messenger, Instagram):
 * the {@code X-Hub-Signature-256: sha256=<hex>} HMAC over the raw request bytes exactly as received
 * (re-serialized JSON would differ for non-ASCII names and escapes), and the verification-handshake
 * token. Comparisons are constant-time.
 */
public final class HubSignature {

  public static final String HEADER = "X-Hub-Signature-256";
  private static final String PREFIX = "sha256=";
  private final SecretKeySpec key;

  /** One initialized Mac per thread: getInstance and init cost more than the HMAC of a webhook. */
  private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

  public HubSignature(String appSecret) {
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
      given = HexFormat.of().parseHex(header.substring(PREFIX.length()).toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(sign(body), given);
  }

  /** The header value Meta would send for {@code body} (for tests and the local sandbox). */
  public String signatureHeader(byte[] body) {
    return PREFIX + HexFormat.of().formatHex(sign(body));
  }

  private byte[] sign(byte[] body) {
    // doFinal resets the Mac for the next use on this thread.
    return macs.get().doFinal(body);
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac;
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  /**
   * The verification handshake: Meta sends {@code hub.mode=subscribe}, the configured token and a
   * challenge to echo back.
   */
  public static boolean handshakeAccepted(
      String expectedToken,
      @Nullable String mode,
      @Nullable String token,
      @Nullable String challenge) {
    return "subscribe".equals(mode) && challenge != null && tokensMatch(expectedToken, token);
  }

  /** Constant-time comparison of the verification-handshake token. */
  public static boolean tokensMatch(String expected, @Nullable String given) {
    return given != null
        && MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }
}
