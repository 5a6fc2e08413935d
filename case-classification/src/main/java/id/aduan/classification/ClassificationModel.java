package id.aduan.classification;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The trained weights: the case-type model and the topic model (shared by all agencies, since the
 * words of a bansos complaint do not depend on the agency) and one SLA-class model per agency whose
 * standard has more than one class for complaints. Stored as a tab-separated text file ({@code
 * model.tsv}) so that a retraining shows as a readable diff.
 */
public final class ClassificationModel {

  static final String CASE_TYPE = "caseType";
  static final String TOPIC = "topic";
  static final String SLA = "sla:";

  private final Map<String, SoftmaxModel> models;

  ClassificationModel(Map<String, SoftmaxModel> models) {
    this.models = Map.copyOf(models);
  }

  SoftmaxModel caseType() {
    return required(CASE_TYPE);
  }

  SoftmaxModel topic() {
    return required(TOPIC);
  }

  Optional<SoftmaxModel> slaClass(String agency) {
    return Optional.ofNullable(models.get(SLA + agency));
  }

  private SoftmaxModel required(String name) {
    SoftmaxModel m = models.get(name);
    if (m == null) {
      throw new ClassificationConfigException("the model has no " + name + " part");
    }
    return m;
  }

  /** The bundled model {@code classification/model.tsv}. */
  public static ClassificationModel bundled() {
    String path = "classification/model.tsv";
    try (InputStream in = ClassificationModel.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new ClassificationConfigException(
            path + " is missing: run case-classification/train.sh");
      }
      return read(in, path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ClassificationModel read(InputStream in, String source) {
    Map<String, List<String>> classes = new LinkedHashMap<>();
    Map<String, double[]> bias = new HashMap<>();
    Map<String, Map<String, double[]>> weights = new HashMap<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t");
        try {
          switch (f[0]) {
            case "classes" -> classes.put(f[1], List.of(f[2].split(" ")));
            case "bias" -> bias.put(f[1], numbers(f[2]));
            case "weight" ->
                weights.computeIfAbsent(f[1], k -> new HashMap<>()).put(f[2], numbers(f[3]));
            default -> throw new IllegalArgumentException("unknown line kind " + f[0]);
          }
        } catch (RuntimeException e) {
          throw new ClassificationConfigException(
              source + ":" + n + ": not a model line (" + e.getMessage() + ")", e);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, SoftmaxModel> models = new LinkedHashMap<>();
    classes.forEach(
        (name, cls) -> {
          double[] b = bias.getOrDefault(name, new double[cls.size()]);
          Map<String, double[]> w = weights.getOrDefault(name, Map.of());
          if (b.length != cls.size() || w.values().stream().anyMatch(v -> v.length != cls.size())) {
            throw new ClassificationConfigException(
                source + ": " + name + " has weights for another number of classes");
          }
          models.put(name, new SoftmaxModel(cls, b, w));
        });
    return new ClassificationModel(models);
  }

  /** Writes the model; features sorted, four decimals, so that equal models are equal files. */
  public void write(Writer out, String comment) throws IOException {
    out.write("# " + comment.replace("\n", "\n# ") + "\n");
    for (Map.Entry<String, SoftmaxModel> e : new TreeMap<>(models).entrySet()) {
      SoftmaxModel m = e.getValue();
      out.write("classes\t" + e.getKey() + "\t" + String.join(" ", m.classes()) + "\n");
      out.write("bias\t" + e.getKey() + "\t" + format(m.bias()) + "\n");
      for (Map.Entry<String, double[]> w : new TreeMap<>(m.weights()).entrySet()) {
        String row = format(w.getValue());
        if (!row.matches("[-0. ]*")) {
          out.write("weight\t" + e.getKey() + "\t" + w.getKey() + "\t" + row + "\n");
        }
      }
    }
  }

  private static String format(double[] v) {
    List<String> s = new ArrayList<>(v.length);
    for (double d : v) {
      s.add(String.format(Locale.ROOT, "%.4f", d));
    }
    return String.join(" ", s);
  }

  private static double[] numbers(String s) {
    return Arrays.stream(s.split(" ")).mapToDouble(Double::parseDouble).toArray();
  }
}
