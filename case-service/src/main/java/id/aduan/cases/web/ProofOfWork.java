package id.aduan.cases.web;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The web form's proof of work (docs/adr/0054): the service issues a challenge signed with its own
 * HMAC key ({@code v1.<agency>.<id>.<expires>.<bits>.<mac>}), the page finds a nonce whose SHA-256
 * of {@code <challenge>:<nonce>} starts with {@code bits} zero bits, and the submission is verified
 * here: signature, agency, expiry, the work, and used once. Nothing is stored for an issued
 * challenge; only used ones are remembered until they expire (and the case id derived from the
 * challenge makes a second case from it impossible even across instances and restarts).
 *
 * <p>{@code aduan.cases.web-form.challenge-key}: the HMAC key; empty (the default) means a random
 * key per start, so challenges issued before a restart, or by another instance, are refused (set
 * one shared key when several instances serve the form).
 */
@Component
class ProofOfWork {

  private static final int MAX_USED = 200_000;

  private final byte[] key;
  private final int bits;
  private final Duration ttl;
  private final Clock clock;
  private final ConcurrentHashMap<String, Instant> used = new ConcurrentHashMap<>();

  ProofOfWork(
      @Value("${aduan.cases.web-form.challenge-key:}") String key,
      @Value("${aduan.cases.web-form.difficulty-bits:16}") int bits,
      @Value("${aduan.cases.web-form.challenge-ttl:30m}") Duration ttl,
      Clock clock) {
    if (bits < 0 || bits > 32) {
      throw new IllegalArgumentException("aduan.cases.web-form.difficulty-bits: 0 to 32");
    }
    this.key = key.isBlank() ? random() : key.getBytes(StandardCharsets.UTF_8);
    this.bits = bits;
    this.ttl = ttl;
    this.clock = clock;
  }

  /** A challenge for the page to solve. */
  record Challenge(String challenge, int bits, Instant expiresAt) {}

  /**
   * Why a proof was refused: {@code proof-missing}, {@code proof-invalid}, {@code proof-expired},
   * {@code proof-used}.
   */
  static final class Refused extends RuntimeException {
    private final String reason;

    Refused(String reason) {
      super(reason);
      this.reason = reason;
    }

    String reason() {
      return reason;
    }
  }

  Challenge issue(String agencyCode) {
    byte[] id = new byte[16];
    RANDOM.nextBytes(id);
    Instant expires = clock.instant().plus(ttl);
    String body =
        "v1."
            + agencyCode
            + "."
            + HexFormat.of().formatHex(id)
            + "."
            + expires.getEpochSecond()
            + "."
            + bits;
    return new Challenge(body + "." + mac(body), bits, expires);
  }

  /**
   * Checks a solved challenge for {@code agencyCode} without using it up (the submission may still
   * be refused for its fields); returns its id.
   */
  String check(String agencyCode, String challenge, String nonce) {
    if (challenge == null || challenge.isBlank() || nonce == null || nonce.isBlank()) {
      throw new Refused("proof-missing");
    }
    if (challenge.length() > 200 || nonce.length() > 32 || !nonce.matches("[0-9]+")) {
      throw new Refused("proof-invalid");
    }
    String[] parts = challenge.split("\\.", -1);
    if (parts.length != 6 || !parts[0].equals("v1")) {
      throw new Refused("proof-invalid");
    }
    String body = String.join(".", parts[0], parts[1], parts[2], parts[3], parts[4]);
    if (!MessageDigest.isEqual(
        mac(body).getBytes(StandardCharsets.US_ASCII),
        parts[5].getBytes(StandardCharsets.US_ASCII))) {
      throw new Refused("proof-invalid");
    }
    // Signed by us: the fields are ours.
    if (!parts[1].equals(agencyCode)) {
      throw new Refused("proof-invalid");
    }
    if (!clock.instant().isBefore(Instant.ofEpochSecond(Long.parseLong(parts[3])))) {
      throw new Refused("proof-expired");
    }
    if (leadingZeroBits(sha256(challenge + ":" + nonce)) < Integer.parseInt(parts[4])) {
      throw new Refused("proof-invalid");
    }
    if (used.containsKey(parts[2])) {
      throw new Refused("proof-used");
    }
    return parts[2];
  }

  /** Uses the challenge up; false when it was used meanwhile. */
  boolean use(String challenge) {
    String[] parts = challenge.split("\\.", -1);
    Instant now = clock.instant();
    if (used.size() > MAX_USED) {
      used.entrySet().removeIf(e -> !e.getValue().isAfter(now));
    }
    return used.putIfAbsent(parts[2], Instant.ofEpochSecond(Long.parseLong(parts[3]))) == null;
  }

  static int leadingZeroBits(byte[] hash) {
    int n = 0;
    for (byte b : hash) {
      if (b == 0) {
        n += 8;
        continue;
      }
      return n + Integer.numberOfLeadingZeros(b & 0xff) - 24;
    }
    return n;
  }

  static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private String mac(String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  private static byte[] random() {
    byte[] k = new byte[32];
    RANDOM.nextBytes(k);
    return k;
  }
}
