package id.aduan.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.aduan.agency.Agency;
import id.aduan.agency.AgencyCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rules an officer reads and changes: they steer decisions, and bad ones fail loading. */
class ClassificationRulesTest {

  static final AgencyCatalog CATALOG = AgencyCatalog.bundled();
  static final Agency BDG = CATALOG.byCode("BDG").orElseThrow();

  @TempDir Path dir;

  static String bundled(String path) throws IOException {
    try (InputStream in =
        ClassificationRulesTest.class.getClassLoader().getResourceAsStream(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void theBundledRulesLoadForEveryBundledAgency() {
    ClassificationRules rules = ClassificationRules.bundled(CATALOG, TextAnalysis.bundled());
    assertThat(rules.topics()).containsKeys("BANSOS", "DTKS", "PBI_JK", "MISCONDUCT", "OTHER");
    assertThat(rules.of(BDG).division("BANSOS")).contains("LINJAMSOS");
    assertThat(rules.of(CATALOG.byCode("PSR").orElseThrow()).division("BANSOS")).isEmpty();
    // The agency file's division duties count as rule words of the topics the division handles.
    assertThat(rules.of(BDG).topicWords().get("POVERTY"))
        .extracting(Phrase::text)
        .contains("karang taruna", "rutilahu");
  }

  @Test
  void anOfficersNewRuleWordMovesTheDecisionAndIsNamedInTheExplanation() throws IOException {
    String text = "Lampu penerangan di gang kami padam sudah dua minggu";
    Decision before = ComplaintClassifier.bundled(CATALOG).classify(BDG, text, null);
    assertThat(before.topic()).isNotEqualTo("POVERTY");

    Files.writeString(
        dir.resolve("topics.yaml"),
        bundled("classification/topics.yaml")
            .replace("keywords: [rutilahu,", "keywords: [\"lampu penerangan\", padam, rutilahu,"));
    Decision after = ComplaintClassifier.load(CATALOG, Optional.of(dir)).classify(BDG, text, null);

    assertThat(after.topic()).isEqualTo("POVERTY");
    assertThat(after.division()).isEqualTo("DAYASOS");
    assertThat(after.explanation()).anySatisfy(e -> assertThat(e).contains("\"lampu penerangan\""));
  }

  @Test
  void aHigherThresholdMakesTheSameDecisionUnsure() throws IOException {
    String text = "Lampu penerangan di gang kami padam sudah dua minggu";
    assertThat(ComplaintClassifier.bundled(CATALOG).classify(BDG, text, null).confidence())
        .isLessThan(0.95);
    Files.writeString(
        dir.resolve("bdg.yaml"),
        bundled("classification/agencies/bdg.yaml").replace("threshold: 0.5", "threshold: 0.95"));
    Decision d = ComplaintClassifier.load(CATALOG, Optional.of(dir)).classify(BDG, text, null);
    assertThat(d.unsure()).isTrue();
    assertThat(d.explanation().getLast()).contains("95%").contains("antrean triase");
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "topics:\\n  SEMBAKO: LINJAMSOS | unknown topic",
        "topics:\\n  BANSOS: PMD | unknown division PMD of BDG",
        "slaClasses:\\n  - class: FIELD_CHECK\\n    keywords: [pungli] | unknown SLA class FIELD_CHECK",
        "slaClasses:\\n  - class: STANDARD | name keywords or intakeModes",
        "threshold: 1.5 | threshold must be above 0 and below 1",
        "routing: yes | unknown key 'routing'",
        "caseTypes:\\n  - type: GRIEVANCE\\n    keywords: [x] | unknown case type GRIEVANCE",
        "agency: PSR | agency is PSR",
        "caseTypes:\\n  - type: ASPIRATION\\n    keywords: [yang] | no word left after analysis",
      })
  void aBadAgencyFileFailsLoadingWithTheFileAndTheReason(String yaml, String reason)
      throws IOException {
    Files.writeString(dir.resolve("bdg.yaml"), yaml.replace("\\n", "\n"));
    assertThatThrownBy(() -> ComplaintClassifier.load(CATALOG, Optional.of(dir)))
        .isInstanceOf(ClassificationConfigException.class)
        .hasMessageContaining(dir.resolve("bdg.yaml").toString())
        .hasMessageContaining(reason);
  }

  @Test
  void topicsWithoutTheOtherTopicOrBrokenYamlFailLoading() throws IOException {
    Files.writeString(
        dir.resolve("topics.yaml"), "topics:\n  - code: BANSOS\n    label: {id: a, en: b}\n");
    assertThatThrownBy(() -> ComplaintClassifier.load(CATALOG, Optional.of(dir)))
        .hasMessageContaining("topics.yaml")
        .hasMessageContaining("topic OTHER is missing");
    Files.writeString(dir.resolve("topics.yaml"), "topics: [unclosed\n");
    assertThatThrownBy(() -> ComplaintClassifier.load(CATALOG, Optional.of(dir)))
        .hasMessageContaining("not valid YAML");
  }
}
