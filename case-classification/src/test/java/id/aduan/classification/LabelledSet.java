package id.aduan.classification;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The labelled set of test resources, by split. */
final class LabelledSet {

  static final String PATH = "classification/labelled-complaints.tsv";

  private LabelledSet() {}

  static List<LabelledExamples.Row> rows() {
    try (InputStream in = LabelledSet.class.getClassLoader().getResourceAsStream(PATH)) {
      return LabelledExamples.read(in, PATH);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Example> split(String split) {
    return rows().stream()
        .filter(r -> r.split().equals(split))
        .map(LabelledExamples.Row::example)
        .toList();
  }
}
