package id.aduan.classification;

import static org.assertj.core.api.Assertions.assertThat;

import id.aduan.agency.AgencyCatalog;
import id.aduan.contracts.CaseType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Officers' decisions exported from MongoDB and Kafka become training examples. */
class CorrectionsTest {

  static final AgencyCatalog CATALOG = AgencyCatalog.bundled();
  static final String LAMP = "Lampu penerangan jalan umum di dusun kami padam";

  static Path resource(String name) throws Exception {
    return Path.of(CorrectionsTest.class.getClassLoader().getResource(name).toURI());
  }

  @Test
  void casesAnOfficerDecidedBecomeExamplesAndDifferencesFromTheProposalAreCounted()
      throws Exception {
    Corrections.Result r =
        Corrections.read(
            resource("classification/corrections/cases.jsonl"),
            Optional.of(resource("classification/corrections/events.jsonl")));

    assertThat(r.examples())
        .extracting(Example::id)
        .containsExactly(
            "correction:c1",
            "correction:665f1c2e9b1e8a3d4c5b6a7f",
            "correction:c4",
            "correction:c5");
    // c1: the classifier proposed KEUDES, the verifier classified PEMDES: a correction.
    assertThat(r.corrected()).isEqualTo(1);
    // c2: nobody but the system touched it.
    assertThat(r.skipped()).isEqualTo(1);
    Example c1 = r.examples().get(0);
    assertThat(c1.text())
        .isEqualTo("Lampu penerangan jalan umum di dusun kami padam sudah sebulan");
    assertThat(c1.division()).isEqualTo("PEMDES");
    Example rejected = r.examples().get(1);
    assertThat(rejected.caseType()).isEqualTo(CaseType.NOT_A_COMPLAINT);
    assertThat(rejected.topic()).isEqualTo("OTHER");
    assertThat(rejected.division()).isNull();
    // c4: the labels come from the officers' events (classified, then routed), the text from the
    // front-desk form; an assignment to an officer is not a routing.
    Example c4 = r.examples().get(2);
    assertThat(c4.topic()).isEqualTo("VILLAGE_GOV");
    assertThat(c4.division()).isEqualTo("PEMDES");
    assertThat(c4.intakeMode()).isEqualTo("letter");
    assertThat(c4.text()).startsWith("Lampu penerangan jalan umum di depan balai desa");
  }

  @Test
  void theTrainingCommandLearnsFromCorrections(@TempDir Path dir) throws Exception {
    Decision before =
        ComplaintClassifier.bundled(CATALOG)
            .classify(CATALOG.byCode("PSR").orElseThrow(), LAMP, "ONLINE");
    assertThat(before.topic()).isNotEqualTo("VILLAGE_GOV");

    Path model = dir.resolve("model.tsv");
    TrainingCommand.main(
        new String[] {
          "--examples", resource(LabelledSet.PATH).toString(),
          "--cases", resource("classification/corrections/cases.jsonl").toString(),
          "--events", resource("classification/corrections/events.jsonl").toString(),
          "--out", model.toString()
        });

    List<String> header = Files.readAllLines(model).subList(0, 3);
    assertThat(String.join("\n", header))
        .contains("218 labelled examples (split train)")
        .contains("4 officers' decisions (1 corrected the proposal");
    Decision after =
        ComplaintClassifier.load(CATALOG, Optional.of(dir))
            .classify(CATALOG.byCode("PSR").orElseThrow(), LAMP, "ONLINE");
    assertThat(after.topic()).isEqualTo("VILLAGE_GOV");
    assertThat(after.division()).isEqualTo("PEMDES");
  }
}
