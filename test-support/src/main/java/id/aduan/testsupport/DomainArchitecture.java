package id.aduan.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The one architecture rule every service keeps (STYLE.md): its {@code domain} package holds the
 * rules as plain Java, with no Spring, Kafka or MongoDB, and nothing from the layers around it, so
 * that it can be read and tested on its own.
 */
public final class DomainArchitecture {

  private DomainArchitecture() {}

  /** Checks the production classes under {@code servicePackage}, e.g. {@code id.aduan.cases}. */
  public static void check(String servicePackage) {
    JavaClasses production =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(servicePackage);
    noClasses()
        .that()
        .resideInAPackage(servicePackage + ".domain..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.springframework..", "org.apache.kafka..", "com.mongodb..", "org.bson..")
        .because("the domain is plain Java (STYLE.md: domain has no Spring, Kafka or MongoDB)")
        .check(production);
    noClasses()
        .that()
        .resideInAPackage(servicePackage + ".domain..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            servicePackage + ".messaging..",
            servicePackage + ".persistence..",
            servicePackage + ".web..",
            servicePackage + ".client..",
            servicePackage + ".scheduling..",
            servicePackage + ".config..")
        .because("the domain depends on no layer around it")
        .check(production);
  }
}
