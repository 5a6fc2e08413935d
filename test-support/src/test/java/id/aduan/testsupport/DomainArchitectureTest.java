package id.aduan.testsupport;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The rules against two small fixture services: {@code good} keeps every rule, {@code bad} breaks
 * each one once, so a rule that stopped finding anything would fail here.
 */
class DomainArchitectureTest {

  private static final String FIXTURES = "id.aduan.testsupport.archfixture";

  private static DomainArchitecture rulesOf(String service) {
    // The fixtures are test classes, so every class file counts here.
    return new DomainArchitecture(FIXTURES + "." + service, FIXTURES, location -> true);
  }

  @Test
  void aServiceThatKeepsEveryRulePasses() {
    DomainArchitecture good = rulesOf("good");
    assertThatCode(
            () -> {
              good.domainUsesNoFramework();
              good.domainDependsOnNoOtherPackage();
              good.resilienceOnlyInClient();
              good.scheduledOnlyInScheduling();
              good.everyPackageIsNullMarked();
            })
        .doesNotThrowAnyException();
  }

  @Test
  void aDomainThatReachesSpringThroughAClassOfOursFails() {
    assertThatThrownBy(() -> rulesOf("bad").domainUsesNoFramework())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("SpringWords")
        .hasMessageContaining("org.springframework.util.StringUtils");
  }

  @Test
  void aDomainUsingASiblingOfAnyNameFails() {
    assertThatThrownBy(() -> rulesOf("bad").domainDependsOnNoOtherPackage())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("bad.desk.Desk");
  }

  @Test
  void resilience4jOutsideClientFails() {
    assertThatThrownBy(() -> rulesOf("bad").resilienceOnlyInClient())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("bad.messaging.Sweep")
        .hasMessageContaining("io.github.resilience4j.retry.Retry");
  }

  @Test
  void aScheduledMethodOutsideSchedulingFails() {
    assertThatThrownBy(() -> rulesOf("bad").scheduledOnlyInScheduling())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("bad.messaging.Sweep.sweep()");
  }

  @Test
  void aPackageWithoutNullMarkedFails() {
    assertThatThrownBy(() -> rulesOf("bad").everyPackageIsNullMarked())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("archfixture.bad.desk is not @NullMarked");
  }
}
