package id.aduan.cases.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NikValidationTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 3, 17);

  @ParameterizedTest(name = "{0} -> {1} {2}")
  @CsvSource(
      nullValues = "-",
      value = {
        // region 32 73 01 (Kota Bandung), born 1 Jan 1990, man
        "3273010101900001,   -,              1990-01-01, false",
        // the same date for a woman: day + 40
        "3273014101900001,   -,              1990-01-01, true",
        // born 2005, two-digit year resolved against today
        "7401052512050002,   -,              2005-12-25, false",
        // born 1926: 26 would be 2026-12-xx, in the future, so 1926
        "1171011512260003,   -,              1926-12-15, false",
        "3273 0101 0190 0001, -,             1990-01-01, false",
        "327301010190001,    nik:length,     -,          -",
        "32730101019000011,  nik:length,     -,          -",
        "3273O10101900001,   nik:length,     -,          -",
        // province 10 does not exist, nor 99
        "1073010101900001,   nik:region,     -,          -",
        "9973010101900001,   nik:region,     -,          -",
        // regency 00, district 00
        "3200010101900001,   nik:region,     -,          -",
        "3273000101900001,   nik:region,     -,          -",
        // day 32, day 72 (woman, 32), month 13, 30 February, day 00
        "3273013201900001,   nik:birth-date, -,          -",
        "3273017201900001,   nik:birth-date, -,          -",
        "3273010113900001,   nik:birth-date, -,          -",
        "3273013002900001,   nik:birth-date, -,          -",
        "3273010001900001,   nik:birth-date, -,          -",
        // serial 0000
        "3273010101900000,   nik:serial,     -,          -"
      })
  void checksLengthRegionBirthDateAndSerial(
      String candidate, String reason, LocalDate born, Boolean female) {
    Nik.Check check = Nik.check(candidate, TODAY);

    assertThat(check.reason()).isEqualTo(reason);
    if (reason == null) {
      assertThat(check.nik().birthDate()).isEqualTo(born);
      assertThat(check.nik().female()).isEqualTo(female);
    } else {
      assertThat(check.nik()).isNull();
    }
  }

  @Test
  void findsNiksInTextBareOrLabelledAndNeverPrintsThem() {
    var checks =
        Nik.findIn(
            "Nama saya Siti, NIK: 3273.0141.0190.0001, no HP 081234567890. KTP lama 3273013201900001",
            TODAY);

    assertThat(checks).extracting(Nik.Check::reason).containsExactly(null, "nik:birth-date");
    assertThat(checks.getFirst().nik().toString()).doesNotContain("3273");
    assertThat(Nik.findIn("nomor tiket BDG-2026-000123, hp 081234567890", TODAY)).isEmpty();
    assertThat(Nik.findIn("NIK 32730141019", TODAY))
        .extracting(Nik.Check::reason)
        .containsExactly("nik:length");
  }
}
