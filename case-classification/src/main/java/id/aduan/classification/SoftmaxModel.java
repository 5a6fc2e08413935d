package id.aduan.classification;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Multinomial logistic regression over binary features (docs/adr/0019): one weight per feature and
 * class, trained by full-batch gradient descent with AdaGrad steps and L2 regularisation, starting
 * from zero, so that the same examples always give the same weights.
 */
final class SoftmaxModel {

  /** Settings of a training run. */
  record Settings(int epochs, double learningRate, double l2) {
    static final Settings DEFAULT = new Settings(300, 0.5, 0.002);
  }

  private final List<String> classes;
  private final double[] bias;
  private final Map<String, double[]> weights;

  SoftmaxModel(List<String> classes, double[] bias, Map<String, double[]> weights) {
    this.classes = List.copyOf(classes);
    this.bias = bias.clone();
    this.weights = Map.copyOf(weights);
  }

  List<String> classes() {
    return classes;
  }

  double[] bias() {
    return bias.clone();
  }

  Map<String, double[]> weights() {
    return weights;
  }

  /** The classes' scores (logits) for these features. */
  double[] logits(Collection<String> features) {
    double[] z = bias.clone();
    for (String f : features) {
      double[] w = weights.get(f);
      if (w != null) {
        for (int k = 0; k < z.length; k++) {
          z[k] += w[k];
        }
      }
    }
    return z;
  }

  /** The features that speak most for {@code cls} against the other classes, strongest first. */
  List<String> evidence(Collection<String> features, String cls, int max) {
    int k = classes.indexOf(cls);
    if (k < 0) {
      return List.of();
    }
    List<Map.Entry<String, Double>> scored = new ArrayList<>();
    for (String f : features) {
      double[] w = weights.get(f);
      if (w == null || f.startsWith("#")) {
        continue;
      }
      double mean = Arrays.stream(w).average().orElse(0);
      double margin = w[k] - mean;
      if (margin > 0.05) {
        scored.add(Map.entry(f, margin));
      }
    }
    scored.sort(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()));
    return scored.stream().limit(max).map(Map.Entry::getKey).toList();
  }

  static double[] softmax(double[] z) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : z) {
      max = Math.max(max, v);
    }
    double sum = 0;
    double[] p = new double[z.length];
    for (int k = 0; k < z.length; k++) {
      p[k] = Math.exp(z[k] - max);
      sum += p[k];
    }
    for (int k = 0; k < z.length; k++) {
      p[k] /= sum;
    }
    return p;
  }

  /** Trains on feature sets and their labels (every label must be one of {@code classes}). */
  static SoftmaxModel train(
      List<String> classes, List<Set<String>> examples, List<String> labels, Settings s) {
    if (examples.size() != labels.size()) {
      throw new IllegalArgumentException("one label per example");
    }
    int c = classes.size();
    Map<String, Integer> index = new LinkedHashMap<>();
    List<int[]> rows = new ArrayList<>();
    int[] y = new int[examples.size()];
    for (int i = 0; i < examples.size(); i++) {
      int[] row =
          examples.get(i).stream()
              .mapToInt(f -> index.computeIfAbsent(f, x -> index.size()))
              .toArray();
      rows.add(row);
      y[i] = classes.indexOf(labels.get(i));
      if (y[i] < 0) {
        throw new IllegalArgumentException("unknown label " + labels.get(i));
      }
    }
    int n = examples.size();
    double[][] w = new double[index.size()][c];
    double[] b = new double[c];
    double[][] gw2 = new double[index.size()][c];
    double[] gb2 = new double[c];
    for (int epoch = 0; epoch < s.epochs(); epoch++) {
      double[][] gw = new double[index.size()][c];
      double[] gb = new double[c];
      for (int i = 0; i < n; i++) {
        double[] z = b.clone();
        for (int f : rows.get(i)) {
          for (int k = 0; k < c; k++) {
            z[k] += w[f][k];
          }
        }
        double[] p = softmax(z);
        p[y[i]] -= 1;
        for (int k = 0; k < c; k++) {
          gb[k] += p[k] / n;
        }
        for (int f : rows.get(i)) {
          for (int k = 0; k < c; k++) {
            gw[f][k] += p[k] / n;
          }
        }
      }
      for (int k = 0; k < c; k++) {
        gb2[k] += gb[k] * gb[k];
        b[k] -= s.learningRate() * gb[k] / (Math.sqrt(gb2[k]) + 1e-8);
      }
      for (int f = 0; f < w.length; f++) {
        for (int k = 0; k < c; k++) {
          double g = gw[f][k] + s.l2() * w[f][k];
          gw2[f][k] += g * g;
          w[f][k] -= s.learningRate() * g / (Math.sqrt(gw2[f][k]) + 1e-8);
        }
      }
    }
    Map<String, double[]> weights = new HashMap<>();
    index.forEach(
        (f, i) -> {
          double[] row = w[i];
          if (Arrays.stream(row).anyMatch(v -> Math.abs(v) > 1e-4)) {
            weights.put(f, row);
          }
        });
    return new SoftmaxModel(classes, b, weights);
  }
}
