package id.aduan.testsupport;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The package rules every service keeps (STYLE.md), one method per rule so that a service's {@code
 * ArchitectureTest} is a line per rule and a failure names the rule broken:
 *
 * <ol>
 *   <li>its {@code domain} package holds the rules as plain Java: nothing in it reaches Spring,
 *       Kafka, MongoDB, Resilience4j or Micrometer, not even through a class of ours that does;
 *   <li>the {@code domain} depends on no other package of the service, whatever its name;
 *   <li>Resilience4j (retries, circuit breakers) is used in {@code client} only;
 *   <li>{@code @Scheduled} methods are declared in {@code scheduling} only;
 *   <li>every package has a {@code package-info.java} with jspecify's {@code @NullMarked}.
 * </ol>
 *
 * <p>The rules read the service's production classes (never its tests) and, for the first rule,
 * every {@code id.aduan} class on the class path, so that a framework reached through a shared
 * module is found too.
 */
public final class DomainArchitecture {

  /** The frameworks the domain stays free of; plain libraries (jsoup, Jakarta Mail) are allowed. */
  private static final String[] FRAMEWORKS = {
    "org.springframework..",
    "org.apache.kafka..",
    "com.mongodb..",
    "org.bson..",
    "io.github.resilience4j..",
    "io.micrometer..",
    "jakarta.servlet..",
  };

  private static final String SCHEDULED = "org.springframework.scheduling.annotation.Scheduled";
  private static final String SCHEDULES = "org.springframework.scheduling.annotation.Schedules";

  private static final String NULL_MARKED = "org.jspecify.annotations.NullMarked";

  private static final Map<String, JavaClasses> IMPORTED = new ConcurrentHashMap<>();

  private final String servicePackage;
  private final String ownCode;
  private final ImportOption classes;

  /**
   * The rules for {@code servicePackage}, with every class under {@code ownCode} as the code a
   * framework may be reached through; {@code classes} says which class files count.
   */
  DomainArchitecture(String servicePackage, String ownCode, ImportOption classes) {
    this.servicePackage = servicePackage;
    this.ownCode = ownCode;
    this.classes = classes;
  }

  /**
   * The rules of the service whose classes live under {@code servicePackage}, e.g. {@code
   * id.aduan.cases}.
   */
  public static DomainArchitecture of(String servicePackage) {
    return new DomainArchitecture(
        servicePackage, "id.aduan", ImportOption.Predefined.DO_NOT_INCLUDE_TESTS);
  }

  /** Rule 1: nothing the domain uses reaches a framework, directly or through our own classes. */
  public void domainUsesNoFramework() {
    noClasses()
        .that()
        .resideInAPackage(domain())
        .should()
        .transitivelyDependOnClassesThat()
        .resideInAnyPackage(FRAMEWORKS)
        .because(
            "the domain is plain Java (STYLE.md: domain has no Spring, Kafka or MongoDB), and so"
                + " is every class of ours it uses")
        .check(imported(ownCode));
  }

  /** Rule 2: the domain depends on no other package of the service (every layer, every name). */
  public void domainDependsOnNoOtherPackage() {
    noClasses()
        .that()
        .resideInAPackage(domain())
        .should()
        .dependOnClassesThat(
            resideInAPackage(servicePackage + "..").and(not(resideInAPackage(domain()))))
        .because("the domain depends on no layer around it")
        .check(production());
  }

  /** Rule 3: retries and circuit breakers belong to the outbound calls. */
  public void resilienceOnlyInClient() {
    noClasses()
        .that()
        .resideOutsideOfPackage(servicePackage + ".client..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.github.resilience4j..")
        .because("client is the only home of Resilience4j (STYLE.md)")
        .allowEmptyShould(true)
        .check(production());
  }

  /** Rule 4: whatever runs on a timer is found in {@code scheduling}. */
  public void scheduledOnlyInScheduling() {
    ArchRule rule =
        methods()
            .that()
            .areAnnotatedWith(SCHEDULED)
            .or()
            .areAnnotatedWith(SCHEDULES)
            .should()
            .beDeclaredInClassesThat()
            .resideInAPackage(servicePackage + ".scheduling..")
            .because("a reader looks for timed work in scheduling (STYLE.md)")
            .allowEmptyShould(true);
    rule.check(production());
  }

  /** Rule 5: in every package, types are non-null unless marked {@code @Nullable}. */
  public void everyPackageIsNullMarked() {
    classes()
        .should(
            new ArchCondition<JavaClass>("be in a package whose package-info.java is @NullMarked") {
              @Override
              public void check(JavaClass type, ConditionEvents events) {
                if (!type.getPackage().isAnnotatedWith(NULL_MARKED)) {
                  events.add(
                      SimpleConditionEvent.violated(
                          type, type.getPackage().getName() + " is not @NullMarked"));
                }
              }
            })
        .because("STYLE.md: one-sentence package-info.java with @NullMarked")
        .check(production());
  }

  private String domain() {
    return servicePackage + ".domain..";
  }

  private JavaClasses production() {
    return imported(servicePackage);
  }

  private JavaClasses imported(String packageName) {
    // Imported once per package and kind of class file: the four rules of a service share them.
    return IMPORTED.computeIfAbsent(
        packageName + " " + classes.getClass().getName(),
        key -> new ClassFileImporter().withImportOption(classes).importPackages(packageName));
  }
}
