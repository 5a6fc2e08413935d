package id.aduan.classification;

import id.aduan.contracts.CaseType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The labelled set's format: tab-separated, one example a line, {@code #} comments, a header line
 * {@code id split agency intakeMode caseType topic division slaClass text}; {@code -} is none. The
 * split ({@code train} or {@code eval}) is fixed in the file so that figures stay comparable.
 */
public final class LabelledExamples {

  /** One line of the set: its split and the example. */
  public record Row(String split, Example example) {}

  private static final String HEADER =
      "id\tsplit\tagency\tintakeMode\tcaseType\ttopic\tdivision\tslaClass\ttext";

  private LabelledExamples() {}

  public static List<Row> read(InputStream in, String source) {
    List<Row> rows = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      int n = 0;
      boolean header = false;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        if (!header) {
          if (!line.equals(HEADER)) {
            throw new ClassificationConfigException(
                source + ":" + n + ": expected the header line '" + HEADER + "'");
          }
          header = true;
          continue;
        }
        String[] f = line.split("\t", -1);
        if (f.length != 9) {
          throw new ClassificationConfigException(
              source + ":" + n + ": expected 9 tab-separated columns, found " + f.length);
        }
        if (!f[1].equals("train") && !f[1].equals("eval")) {
          throw new ClassificationConfigException(
              source + ":" + n + ": split is train or eval, not '" + f[1] + "'");
        }
        CaseType type;
        try {
          type = CaseType.valueOf(f[4]);
        } catch (IllegalArgumentException e) {
          throw new ClassificationConfigException(
              source + ":" + n + ": unknown case type '" + f[4] + "'", e);
        }
        rows.add(
            new Row(f[1], new Example(f[0], f[2], f[3], type, f[5], none(f[6]), none(f[7]), f[8])));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  private static String none(String s) {
    return s.equals("-") || s.isBlank() ? null : s;
  }
}
