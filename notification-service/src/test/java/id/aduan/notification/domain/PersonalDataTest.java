package id.aduan.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PersonalDataTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Pelapor: Ibu Siti Aminah, warga RT 3 | Pelapor: Ibu [nama], warga RT 3",
        "atas nama Ahmad Fauzi telah diverifikasi | atas nama [nama] telah diverifikasi",
        "Nama: Rina | Nama: [nama]",
        "NIK 3273012501900001 valid | NIK [NIK] valid",
        "hubungi +62 812 3456 7890 | hubungi [nomor telepon]",
        "hubungi 081234567890. | hubungi [nomor telepon].",
        "kantor (0717) 439080 | kantor [nomor telepon]",
        "kirim ke warga.baik@mail.example.id | kirim ke [email]",
        "Tiket BABEL-2026-000123 tanggal 2026-11-20 | Tiket BABEL-2026-000123 tanggal 2026-11-20",
        "bantuan untuk ibu saya sudah cair | bantuan untuk ibu saya sudah cair"
      })
  void personalDataIsReplacedAndEverythingElseKept(String text, String expected) {
    assertThat(PersonalData.scrub(text)).isEqualTo(expected);
  }
}
