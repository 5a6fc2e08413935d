package id.aduan.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.aduan.agency.AgencyCatalog;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassificationModelTest {

  static final AgencyCatalog CATALOG = AgencyCatalog.bundled();

  static List<String> weights(String model) {
    return model.lines().filter(l -> !l.startsWith("#")).toList();
  }

  static String text(ClassificationModel m) throws IOException {
    StringWriter w = new StringWriter();
    m.write(w, "test");
    return w.toString();
  }

  @Test
  void theBundledModelIsExactlyWhatTrainingOnTheTrainingSplitGives() throws IOException {
    // Training is deterministic, so the shipped model is reproducible and never saw the eval rows.
    ClassificationModel retrained =
        new Training(TextAnalysis.bundled()).train(LabelledSet.split("train"));
    String bundled;
    try (InputStream in =
        getClass().getClassLoader().getResourceAsStream("classification/model.tsv")) {
      bundled = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(weights(text(retrained))).isEqualTo(weights(bundled));
  }

  @Test
  void aModelReadBackDecidesAsTheOneWritten() throws IOException {
    ClassificationModel original = ClassificationModel.bundled();
    String written = text(original);
    ClassificationModel read =
        ClassificationModel.read(
            new ByteArrayInputStream(written.getBytes(StandardCharsets.UTF_8)), "copy");
    assertThat(text(read)).isEqualTo(written);
  }

  @Test
  void aBrokenModelLineNamesTheFileAndTheLine() {
    String broken = "# model\nclasses\tcaseType\tA B\nbias\tcaseType\t0.1 x\n";
    assertThatThrownBy(
            () ->
                ClassificationModel.read(
                    new ByteArrayInputStream(broken.getBytes(StandardCharsets.UTF_8)), "m.tsv"))
        .isInstanceOf(ClassificationConfigException.class)
        .hasMessageContaining("m.tsv:3");
    String mismatch = "classes\tcaseType\tA B\nweight\tcaseType\tpkh\t0.1 0.2 0.3\n";
    assertThatThrownBy(
            () ->
                ClassificationModel.read(
                    new ByteArrayInputStream(mismatch.getBytes(StandardCharsets.UTF_8)), "m.tsv"))
        .hasMessageContaining("another number of classes");
  }
}
