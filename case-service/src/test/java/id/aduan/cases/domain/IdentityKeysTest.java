package id.aduan.cases.domain;

import static org.assertj.core.api.Assertions.assertThat;

import id.aduan.contracts.Channel;
import id.aduan.support.pii.PiiCipher;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Identity keys are keyed hashes: without the lookup key, trying every NIK finds nothing. */
class IdentityKeysTest {

  private static PiiCipher cipher(int lookupKey) {
    byte[] k = new byte[32];
    byte[] l = new byte[32];
    java.util.Arrays.fill(l, (byte) lookupKey);
    return new PiiCipher("k1", Map.of("k1", k), l);
  }

  @Test
  void keysAreHmacsWithTheLookupKeyNotPlainHashes() {
    Nik nik = Nik.check("3273014101900001", java.time.LocalDate.of(2026, 11, 1)).nik();
    IdentityKeys keyed = new IdentityKeys(cipher(7)::lookup);
    IdentityKeys unkeyed = new IdentityKeys(IdentityKeys.UNKEYED_SHA256);
    Set<String> keys = keyed.of(Channel.WHATSAPP, "6281234567890", nik, "HP 0813-1111-2222");
    Set<String> plain = unkeyed.of(Channel.WHATSAPP, "6281234567890", nik, "HP 0813-1111-2222");

    assertThat(keys)
        .hasSize(4)
        .contains(cipher(7).lookup("nik", "3273014101900001"))
        .contains(cipher(7).lookup("phone", "6281311112222"))
        .doesNotContainAnyElementsOf(plain);
    assertThat(keys).noneMatch(k -> IdentityKeys.UNKEYED.matcher(k).matches());
    assertThat(new IdentityKeys(cipher(8)::lookup).of(Channel.WHATSAPP, "6281234567890", nik, null))
        .as("another key, other hashes")
        .doesNotContainAnyElementsOf(keys);
    assertThat(keyed.phone("0812 3456 7890")).isEqualTo(keyed.phone("+62 812-3456-7890"));
  }
}
