package id.aduan.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PersonalDataTest {

  /** What must not be left in a published text: a NIK, a mobile number or an email address. */
  private static final Pattern LEFT_OVER =
      Pattern.compile(
          "\\d{4}(?:[\\s.-]?\\d{4}){3}|(?:\\+62|62|0)[\\s.-]?8\\d(?:[\\s.-]?\\d){6,11}|@");

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Pelapor: Ibu Siti Aminah, warga RT 3 | Pelapor: Ibu [nama], warga RT 3",
        "atas nama Ahmad Fauzi telah diverifikasi | atas nama [nama] telah diverifikasi",
        "Nama: Rina | Nama: [nama]",
        "NIK 3273012501900001 valid | NIK [NIK] valid",
        "NIK 1971 0141 0190 0001 valid | NIK [NIK] valid",
        "NIK 1971.0141.0190.0001 valid | NIK [NIK] valid",
        "NIK 1971-0141-0190-0001 valid | NIK [NIK] valid",
        "hubungi +62 812 3456 7890 | hubungi [nomor telepon]",
        "hubungi 081234567890. | hubungi [nomor telepon].",
        "hubungi 0812-3456-7890 ya | hubungi [nomor telepon] ya",
        "wa 6281234567890 | wa [nomor telepon]",
        "kantor (0717) 439080 | kantor [nomor telepon]",
        "kirim ke warga.baik@mail.example.id | kirim ke [email]",
        "Tiket BABEL-2026-000123 tanggal 2026-11-20 | Tiket BABEL-2026-000123 tanggal 2026-11-20",
        "Rp 300000 untuk 12 keluarga | Rp 300000 untuk 12 keluarga",
        "bantuan untuk ibu saya sudah cair | bantuan untuk ibu saya sudah cair"
      })
  void personalDataIsReplacedAndEverythingElseKept(String text, String expected) {
    String scrubbed = PersonalData.scrub(text);

    assertThat(scrubbed).isEqualTo(expected);
    assertThat(LEFT_OVER.matcher(scrubbed).find()).isFalse();
  }

  @Test
  void theReportersOwnNameGoesInAnyCaseAndWithoutAFormOfAddress() {
    assertThat(PersonalData.scrub("SITI RAHMAH menerima bantuan", List.of("Siti Rahmah")))
        .isEqualTo("[nama] menerima bantuan");
    assertThat(PersonalData.scrub("Ibu SITI RAHMAH menerima bantuan", List.of("Siti Rahmah")))
        .isEqualTo("Ibu [nama] menerima bantuan");
  }

  @Test
  void aShortNameIsNotScrubbedFromEveryWord() {
    assertThat(PersonalData.scrub("Ari ke kantor desa", List.of("Ar")))
        .isEqualTo("Ari ke kantor desa");
  }
}
