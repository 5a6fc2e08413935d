package id.aduan.sla.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlaDurationTest {

  @ParameterizedTest
  @CsvSource({
    "4 working-days, 4, WORKING_DAYS",
    "3 calendar-days, 3, CALENDAR_DAYS",
    "1 day, 1, CALENDAR_DAYS",
    "1 working-hours, 1, WORKING_HOURS",
    "' 48  hours ', 48, HOURS"
  })
  void parsesTheUnitsTheStandardsUse(String text, int amount, SlaDuration.Unit unit) {
    assertThat(SlaDuration.parse(text)).isEqualTo(new SlaDuration(amount, unit));
  }

  @Test
  void refusesWhatItCannotRead() {
    assertThatThrownBy(() -> SlaDuration.parse("4 hari-kerja"))
        .hasMessageContaining("'hari-kerja' is not working-days");
    assertThatThrownBy(() -> SlaDuration.parse("four working-days"))
        .hasMessageContaining("'four' is not a whole number");
    assertThatThrownBy(() -> SlaDuration.parse("-1 hours")).hasMessageContaining("negative");
    assertThatThrownBy(() -> SlaDuration.parse("5")).hasMessageContaining("is not '<number>");
  }
}
