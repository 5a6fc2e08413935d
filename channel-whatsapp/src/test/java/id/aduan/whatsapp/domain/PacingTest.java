package id.aduan.whatsapp.domain;

import static org.assertj.core.api.Assertions.assertThat;

import id.aduan.whatsapp.domain.Pacing.Reason;
import id.aduan.whatsapp.domain.Pacing.Slot;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The pacing slots: reserved at once, never waited for, queued per citizen and per number. */
class PacingTest {

  private static final Instant T0 = Instant.parse("2026-12-07T01:00:00Z");
  private static final String NUMBER = "100000000000001";

  @Test
  void aSecondMessageToACitizenGetsTheSlotAfterItsIntervalAndOtherCitizensGoNow() {
    Pacing pacing = new Pacing(80, Duration.ofSeconds(1), Duration.ofSeconds(6), 100);

    assertThat(pacing.reserve(NUMBER, "A", T0)).isEqualTo(new Slot.Now());
    assertThat(pacing.reserve(NUMBER, "A", T0))
        .isEqualTo(new Slot.Later(T0.plusSeconds(6), Reason.CITIZEN));
    assertThat(pacing.reserve(NUMBER, "B", T0)).isEqualTo(new Slot.Now());
    assertThat(pacing.reserve("100000000000002", "A", T0))
        .as("the same citizen of another number")
        .isEqualTo(new Slot.Now());
  }

  @Test
  void aCitizensDeferredMessagesQueueInOrderOneIntervalApart() {
    Pacing pacing = new Pacing(80, Duration.ofSeconds(1), Duration.ofSeconds(6), 100);

    pacing.reserve(NUMBER, "A", T0);
    Slot second = pacing.reserve(NUMBER, "A", T0.plusSeconds(1));
    Slot third = pacing.reserve(NUMBER, "A", T0.plusSeconds(2));

    assertThat(second).isEqualTo(new Slot.Later(T0.plusSeconds(6), Reason.CITIZEN));
    assertThat(third).isEqualTo(new Slot.Later(T0.plusSeconds(12), Reason.CITIZEN));
    assertThat(pacing.reserve(NUMBER, "A", T0.plusSeconds(18)))
        .as("once the queue is past, at once again")
        .isEqualTo(new Slot.Now());
  }

  @Test
  void aNumberSendsItsBurstThenOneMessagePerSpacingAndOtherNumbersAreNotHeldBack() {
    Pacing pacing = new Pacing(2, Duration.ofSeconds(1), Duration.ofMillis(1), 100);

    assertThat(pacing.reserve(NUMBER, "A", T0)).isEqualTo(new Slot.Now());
    assertThat(pacing.reserve(NUMBER, "B", T0)).isEqualTo(new Slot.Now());
    assertThat(pacing.reserve(NUMBER, "C", T0))
        .isEqualTo(new Slot.Later(T0.plusMillis(500), Reason.NUMBER));
    assertThat(pacing.reserve(NUMBER, "D", T0))
        .isEqualTo(new Slot.Later(T0.plusSeconds(1), Reason.NUMBER));
    assertThat(pacing.reserve("100000000000002", "C", T0)).isEqualTo(new Slot.Now());
  }

  @Test
  void aCitizensFarSlotTakesNoCapacityOfTheNumber() {
    Pacing pacing = new Pacing(2, Duration.ofSeconds(1), Duration.ofSeconds(6), 100);

    assertThat(pacing.reserve(NUMBER, "A", T0)).isEqualTo(new Slot.Now());
    assertThat(pacing.reserve(NUMBER, "A", T0)).isInstanceOf(Slot.Later.class);
    assertThat(pacing.reserve(NUMBER, "B", T0)).isEqualTo(new Slot.Now());
  }

  @Test
  void aDeferredMessageWhoseTimeHasComeGoesInTheSlotItHolds() {
    Pacing pacing = new Pacing(1, Duration.ofSeconds(1), Duration.ofSeconds(6), 100);
    pacing.reserve(NUMBER, "A", T0);
    Slot second = pacing.reserve(NUMBER, "A", T0);
    assertThat(second).isEqualTo(new Slot.Later(T0.plusSeconds(6), Reason.CITIZEN));

    assertThat(pacing.reserve(NUMBER, "A", T0.plusSeconds(6), Reason.CITIZEN))
        .as("its citizen slot held, the number is free")
        .isEqualTo(new Slot.Now());
    assertThat(pacing.reserve(NUMBER, "B", T0.plusSeconds(6)))
        .as("the number sent one in this second")
        .isEqualTo(new Slot.Later(T0.plusSeconds(7), Reason.NUMBER));
    assertThat(pacing.reserve(NUMBER, "B", T0.plusSeconds(7), Reason.NUMBER))
        .as("both slots held")
        .isEqualTo(new Slot.Now());
  }

  @Test
  void onlyTheMostRecentCitizensAreRemembered() {
    Pacing pacing = new Pacing(80, Duration.ofSeconds(1), Duration.ofSeconds(6), 2);

    pacing.reserve(NUMBER, "A", T0);
    pacing.reserve(NUMBER, "B", T0);
    pacing.reserve(NUMBER, "C", T0);

    assertThat(pacing.reserve(NUMBER, "C", T0)).isInstanceOf(Slot.Later.class);
    assertThat(pacing.reserve(NUMBER, "A", T0)).as("evicted").isEqualTo(new Slot.Now());
  }
}
