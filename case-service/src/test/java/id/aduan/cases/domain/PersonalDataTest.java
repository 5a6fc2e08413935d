package id.aduan.cases.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PersonalDataTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "NIK 3273014101900001 sudah dicek | NIK [NIK disamarkan] sudah dicek",
        "hubungi 0812-3456-7890 ya | hubungi [nomor disamarkan] ya",
        "hubungi +62 812 3456 7890 | hubungi [nomor disamarkan]",
        "wa 6281234567890 | wa [nomor disamarkan]",
        "email siti.r@contoh.id | email [email disamarkan]",
        "Ibu SITI RAHMAH menerima bantuan | Ibu [nama disamarkan] menerima bantuan",
        "Rp 300000 untuk 12 keluarga | Rp 300000 untuk 12 keluarga"
      })
  void removesWhatIdentifiesTheCitizen(String text, String expected) {
    String scrubbed = PersonalData.scrub(text, List.of("Siti Rahmah"));

    assertThat(scrubbed).isEqualTo(expected);
    assertThat(PersonalData.looksPersonal(scrubbed)).isFalse();
  }

  @Test
  void aShortNameIsNotScrubbedFromEveryWord() {
    assertThat(PersonalData.scrub("Ari ke kantor desa", List.of("Ar")))
        .isEqualTo("Ari ke kantor desa");
  }
}
