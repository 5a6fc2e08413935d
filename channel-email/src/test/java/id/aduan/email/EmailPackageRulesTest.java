package id.aduan.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package rules of STYLE.md, read from the sources: the domain stays free of Spring, Kafka and
 * MongoDB, and Resilience4j lives only in the client package.
 */
class EmailPackageRulesTest {

  private static final Path SOURCES = Path.of("src", "main", "java", "id", "aduan", "email");

  @Test
  void theDomainImportsNoFramework() throws IOException {
    assertThat(importsIn("domain"))
        .noneMatch(
            i ->
                i.startsWith("org.springframework")
                    || i.startsWith("org.apache.kafka")
                    || i.startsWith("com.mongodb")
                    || i.startsWith("org.bson")
                    || i.startsWith("io.github.resilience4j"));
  }

  @Test
  void resilience4jIsUsedOnlyInTheClientPackage() throws IOException {
    for (String pkg : List.of("domain", "messaging", "persistence", "scheduling", "config")) {
      assertThat(importsIn(pkg)).as(pkg).noneMatch(i -> i.startsWith("io.github.resilience4j"));
    }
    assertThat(importsIn("client")).anyMatch(i -> i.startsWith("io.github.resilience4j"));
  }

  private static List<String> importsIn(String pkg) throws IOException {
    try (Stream<Path> files = Files.list(SOURCES.resolve(pkg))) {
      return files
          .filter(f -> f.toString().endsWith(".java"))
          .flatMap(EmailPackageRulesTest::lines)
          .filter(l -> l.startsWith("import "))
          .map(l -> l.substring("import ".length()).replace("static ", ""))
          .toList();
    }
  }

  private static Stream<String> lines(Path file) {
    try {
      return Files.readAllLines(file).stream();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
