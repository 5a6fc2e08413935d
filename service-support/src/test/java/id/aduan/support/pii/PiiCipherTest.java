package id.aduan.support.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PiiCipherTest {

  private static final byte[] K1 = bytes(1);
  private static final byte[] K2 = bytes(2);
  private static final byte[] LOOKUP = bytes(9);

  @Test
  void encryptsWithTheActiveKeyAndDecryptsBack() {
    PiiCipher cipher = new PiiCipher("k1", Map.of("k1", K1), LOOKUP);
    String stored = cipher.encrypt("3273014101900001");
    assertThat(stored).startsWith("enc:v1:k1:").doesNotContain("3273014101900001");
    assertThat(cipher.encrypt("3273014101900001")).as("a fresh IV every time").isNotEqualTo(stored);
    assertThat(cipher.decrypt(stored)).isEqualTo("3273014101900001");
  }

  @Test
  void afterRotationOldValuesStayReadableAndNewOnesUseTheNewKey() {
    String old = new PiiCipher("k1", Map.of("k1", K1), LOOKUP).encrypt("081234567890");
    PiiCipher rotated = new PiiCipher("k2", Map.of("k1", K1, "k2", K2), LOOKUP);
    assertThat(rotated.decrypt(old)).isEqualTo("081234567890");
    assertThat(PiiCipher.keyIdOf(rotated.encrypt("081234567890"))).isEqualTo("k2");
    PiiCipher retired = new PiiCipher("k2", Map.of("k2", K2), LOOKUP);
    assertThatThrownBy(() -> retired.decrypt(old)).hasMessageContaining("key k1");
  }

  @Test
  void aTamperedValueOrOneMovedUnderAnotherKeyIdIsRefused() {
    PiiCipher cipher = new PiiCipher("k1", Map.of("k1", K1, "k2", K1), LOOKUP);
    String stored = cipher.encrypt("3273014101900001");
    String flipped =
        stored.substring(0, stored.length() - 2)
            + (stored.charAt(stored.length() - 2) == 'A' ? 'B' : 'A')
            + stored.charAt(stored.length() - 1);
    assertThatThrownBy(() -> cipher.decrypt(flipped)).isInstanceOf(IllegalStateException.class);
    // Same key bytes under another id: the id is authenticated data, so this fails too.
    String moved = stored.replace("enc:v1:k1:", "enc:v1:k2:");
    assertThatThrownBy(() -> cipher.decrypt(moved)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void lookupHashesAreKeyedAndStable() {
    PiiCipher a = new PiiCipher("k1", Map.of("k1", K1), LOOKUP);
    PiiCipher b = new PiiCipher("k2", Map.of("k2", K2), LOOKUP);
    PiiCipher otherLookupKey = new PiiCipher("k1", Map.of("k1", K1), bytes(7));
    assertThat(a.lookup("nik", "3273014101900001"))
        .isEqualTo(b.lookup("nik", "3273014101900001"))
        .isNotEqualTo(otherLookupKey.lookup("nik", "3273014101900001"))
        .startsWith("nik:")
        .doesNotContain("3273014101900001");
  }

  @Test
  void badKeysStopTheServiceWithTheReason() {
    assertThatThrownBy(() -> new PiiCipher("k1", Map.of("k1", new byte[16]), LOOKUP))
        .hasMessageContaining("32 bytes");
    assertThatThrownBy(() -> new PiiCipher("k3", Map.of("k1", K1), LOOKUP))
        .hasMessageContaining("active-key-id");
  }

  private static byte[] bytes(int seed) {
    byte[] b = new byte[32];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) (seed * 31 + i);
    }
    return b;
  }
}
