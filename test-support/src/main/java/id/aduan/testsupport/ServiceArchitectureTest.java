package id.aduan.testsupport;

import org.junit.jupiter.api.Test;

/**
 * A service's architecture test: the rules of {@link DomainArchitecture}, each its own test so a
 * failure names the rule broken. A service extends it with its package and nothing else; a service
 * that breaks a rule moves the code, it does not switch the rule off.
 */
public abstract class ServiceArchitectureTest {

  private final DomainArchitecture rules;

  /** The rules for the service under {@code servicePackage}, e.g. {@code id.aduan.cases}. */
  protected ServiceArchitectureTest(String servicePackage) {
    this.rules = DomainArchitecture.of(servicePackage);
  }

  @Test
  public void theDomainReachesNoFramework() {
    rules.domainUsesNoFramework();
  }

  @Test
  public void theDomainDependsOnNoOtherPackage() {
    rules.domainDependsOnNoOtherPackage();
  }

  @Test
  public void resilience4jIsUsedInClientOnly() {
    rules.resilienceOnlyInClient();
  }

  @Test
  public void scheduledWorkLivesInScheduling() {
    rules.scheduledOnlyInScheduling();
  }

  @Test
  public void everyPackageIsNullMarked() {
    rules.everyPackageIsNullMarked();
  }
}
