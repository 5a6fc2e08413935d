package id.aduan.cases.pii;

import static org.assertj.core.api.Assertions.assertThat;

import id.aduan.support.pii.PiiCipher;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PiiTextTest {

  private final PiiCipher cipher = new PiiCipher("k1", Map.of("k1", new byte[32]), new byte[32]);

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "NIK saya 3273014101900001 ya|NIK saya 3273**********01 ya",
        "nik 3273 0141 0190 0001.|nik 3273**********01.",
        "hubungi 081234567890|hubungi 0812******90",
        "WA +62 812-3456-7890 malam|WA 6281*******90 malam",
        "nomor 6281234567890|nomor 6281*******90",
        "tahun 2026 nomor rumah 12|tahun 2026 nomor rumah 12",
        "rekening 1234567|rekening 1234567"
      })
  void masksNiksAndMobileNumbersOnly(String text, String masked) {
    assertThat(PiiText.mask(text)).isEqualTo(masked);
  }

  @Test
  void encryptsInPlaceKeepingTheWordsAndCollectsLookupKeys() {
    Set<String> lookups = new LinkedHashSet<>();
    String stored =
        PiiText.encryptIn("Bantuan PKH, NIK 3273014101900001, HP 0812-3456-7890", cipher, lookups);
    assertThat(stored)
        .contains("Bantuan PKH")
        .doesNotContain("3273014101900001")
        .doesNotContain("3456");
    assertThat(lookups)
        .containsExactly(
            cipher.lookup("nik", "3273014101900001"), cipher.lookup("phone", "6281234567890"));
    assertThat(PiiText.decryptIn(stored, cipher))
        .isEqualTo("Bantuan PKH, NIK 3273014101900001, HP 0812-3456-7890");
    assertThat(PiiText.decryptIn(PiiText.encryptIn(stored, cipher, lookups), cipher))
        .as("a text that holds tokens is text, not ciphertext (docs/adr/0025)")
        .isEqualTo(stored);
  }

  @Test
  void namesAreMaskedToInitials() {
    assertThat(PiiText.maskName("Siti  Aminah")).isEqualTo("S*** A*****");
  }

  @Test
  void anEmailAddressIsMaskedToItsFirstLetterAndItsDomain() {
    assertThat(PiiText.maskValue("warga.baik@mail.example.id")).isEqualTo("w***@mail.example.id");
    assertThat(PiiText.maskValue("6281234567890")).isEqualTo("6281*******90");
  }
}
