package id.aduan.classification;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Retrains the model (case-classification/train.sh runs it):
 *
 * <pre>
 * --examples FILE      a labelled set (LabelledExamples format); repeatable
 * --split train|all    which rows of the labelled sets to learn from (default train: the
 *                      evaluation rows stay unseen, so docs/classification.md stays honest)
 * --cases FILE         mongoexport of case-service's cases collection: officers' decisions
 * --events FILE        export of cases.events.v1 (one event a line), joined to --cases by case id
 * --out FILE           where the model goes (default: the bundled model.tsv of the module)
 * </pre>
 */
public final class TrainingCommand {

  private TrainingCommand() {}

  public static void main(String[] args) throws IOException {
    List<Path> sets = new ArrayList<>();
    String split = "train";
    Path cases = null;
    Path events = null;
    Path out = Path.of("case-classification/src/main/resources/classification/model.tsv");
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      if (value == null) {
        throw new IllegalArgumentException(args[i] + " needs a value");
      }
      switch (args[i]) {
        case "--examples" -> sets.add(Path.of(value));
        case "--split" -> split = value;
        case "--cases" -> cases = Path.of(value);
        case "--events" -> events = Path.of(value);
        case "--out" -> out = Path.of(value);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
      i++;
    }
    if (!split.equals("train") && !split.equals("all")) {
      throw new IllegalArgumentException("--split is train or all");
    }
    if (events != null && cases == null) {
      throw new IllegalArgumentException("--events needs --cases (the texts are in the cases)");
    }
    List<Example> examples = new ArrayList<>();
    int labelled = 0;
    for (Path set : sets) {
      try (InputStream in = Files.newInputStream(set)) {
        for (LabelledExamples.Row row : LabelledExamples.read(in, set.toString())) {
          if (split.equals("all") || row.split().equals("train")) {
            examples.add(row.example());
            labelled++;
          }
        }
      }
    }
    String summary = labelled + " labelled examples (split " + split + ")";
    if (cases != null) {
      Corrections.Result c = Corrections.read(cases, Optional.ofNullable(events));
      examples.addAll(c.examples());
      summary +=
          ", "
              + c.examples().size()
              + " officers' decisions ("
              + c.corrected()
              + " corrected the proposal; "
              + c.skipped()
              + " cases without an officer's decision skipped)";
    }
    ClassificationModel model = new Training(TextAnalysis.bundled()).train(examples);
    if (out.getParent() != null) {
      Files.createDirectories(out.getParent());
    }
    try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      model.write(
          w,
          "Model of case-classification, written by TrainingCommand (case-classification/train.sh)."
              + "\nTrained on "
              + summary
              + ". Retrain instead of editing.");
    }
    System.out.println("Trained on " + summary + "; model written to " + out);
  }
}
