package id.aduan.support.pii;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * AES-256-GCM for values at rest, and HMAC-SHA256 for their lookup keys. A value is stored as
 * {@code enc:v1:<key id>:<Base64url(iv | ciphertext | tag)>}; the key id is authenticated with it
 * (additional data), so a value cannot be moved under another key. Decryption picks the key by its
 * id: old keys stay readable while the active one encrypts (rotation, docs/adr/0020).
 */
public final class PiiCipher {

  public static final String PREFIX = "enc:v1:";
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final String activeKeyId;
  private final Map<String, SecretKey> keys;
  private final SecretKey lookupKey;
  private final SecureRandom random = new SecureRandom();

  // Provider look-ups cost more than a short encryption: one instance per thread, re-initialized.
  private static final ThreadLocal<Cipher> GCM =
      ThreadLocal.withInitial(() -> instance("AES/GCM/NoPadding"));
  private final ThreadLocal<Mac> hmac;

  public PiiCipher(String activeKeyId, Map<String, byte[]> keys, byte[] lookupKey) {
    Map<String, SecretKey> k = new LinkedHashMap<>();
    keys.forEach(
        (id, bytes) -> {
          if (bytes.length != 32) {
            throw new IllegalArgumentException(
                "aduan.pii.keys." + id + " must be 32 bytes (Base64), not " + bytes.length);
          }
          if (id.contains(":")) {
            throw new IllegalArgumentException("a key id must not contain ':' (" + id + ")");
          }
          k.put(id, new SecretKeySpec(bytes, "AES"));
        });
    if (!k.containsKey(activeKeyId)) {
      throw new IllegalArgumentException(
          "aduan.pii.active-key-id " + activeKeyId + " is not among the keys " + k.keySet());
    }
    if (lookupKey.length < 32) {
      throw new IllegalArgumentException("aduan.pii.lookup-key must be at least 32 bytes");
    }
    this.activeKeyId = activeKeyId;
    this.keys = Map.copyOf(k);
    this.lookupKey = new SecretKeySpec(lookupKey, "HmacSHA256");
    SecretKey hmacKey = this.lookupKey;
    this.hmac =
        ThreadLocal.withInitial(
            () -> {
              try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(hmacKey);
                return mac;
              } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
              }
            });
  }

  private static Cipher instance(String transformation) {
    try {
      return Cipher.getInstance(transformation);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static PiiCipher of(PiiProperties p) {
    if (!p.configured()) {
      throw new IllegalStateException(
          "aduan.pii.active-key-id, aduan.pii.keys.<id> and aduan.pii.lookup-key must be set"
              + " (Base64 of 32 random bytes each, e.g. `openssl rand -base64 32`);"
              + " see docs/adr/0020-personal-data-at-rest.md");
    }
    Map<String, byte[]> keys = new LinkedHashMap<>();
    p.keys().forEach((id, b64) -> keys.put(id, Base64.getDecoder().decode(b64.strip())));
    return new PiiCipher(
        Objects.requireNonNull(p.activeKeyId()),
        keys,
        Base64.getDecoder().decode(Objects.requireNonNull(p.lookupKey()).strip()));
  }

  /**
   * Demo keys derived from the local platform's demo password, the same in every service: never
   * good enough for real data, only for {@code aduan.demo.enabled=true}.
   */
  public static PiiCipher demo(String demoPassword) {
    return new PiiCipher(
        "demo",
        Map.of("demo", sha256("aduan-demo-pii-key|" + demoPassword)),
        sha256("aduan-demo-lookup-key|" + demoPassword));
  }

  /**
   * The cipher of a service: the configured key set ({@link PiiProperties#bind}), or in demo mode
   * without one the demo keys; otherwise the service refuses to start.
   */
  public static PiiCipher forService(
      PiiProperties properties, boolean demo, @Nullable String demoPassword) {
    if (properties.configured()) {
      return of(properties);
    }
    if (demo && demoPassword != null && !demoPassword.isBlank()) {
      return demo(demoPassword);
    }
    return of(properties);
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public String activeKeyId() {
    return activeKeyId;
  }

  public static boolean isEncrypted(String value) {
    return value.startsWith(PREFIX);
  }

  /** The key id a stored value was encrypted with. */
  public static String keyIdOf(String stored) {
    String rest = stored.substring(PREFIX.length());
    return rest.substring(0, rest.indexOf(':'));
  }

  public String encrypt(String clear) {
    try {
      byte[] iv = new byte[IV_BYTES];
      random.nextBytes(iv);
      Cipher c = GCM.get();
      c.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, iv));
      c.updateAAD(activeKeyId.getBytes(StandardCharsets.UTF_8));
      byte[] ct = c.doFinal(clear.getBytes(StandardCharsets.UTF_8));
      byte[] out = ByteBuffer.allocate(iv.length + ct.length).put(iv).put(ct).array();
      return PREFIX
          + activeKeyId
          + ":"
          + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("encryption failed", e);
    }
  }

  public String decrypt(String stored) {
    if (!isEncrypted(stored)) {
      return stored;
    }
    String keyId = keyIdOf(stored);
    SecretKey key = keys.get(keyId);
    if (key == null) {
      throw new IllegalStateException(
          "personal data encrypted with key " + keyId + ", which is not configured any more");
    }
    try {
      byte[] in =
          Base64.getUrlDecoder().decode(stored.substring(PREFIX.length() + keyId.length() + 1));
      Cipher c = GCM.get();
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
      c.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
      return new String(c.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("a stored personal value could not be decrypted", e);
    }
  }

  /** The keyed hash of a normalized value, e.g. {@code lookup("nik", "3273...")}. */
  public String lookup(String kind, String normalized) {
    byte[] h = hmac.get().doFinal((kind + "|" + normalized).getBytes(StandardCharsets.UTF_8));
    return kind + ":" + HexFormat.of().formatHex(h, 0, 20);
  }
}
