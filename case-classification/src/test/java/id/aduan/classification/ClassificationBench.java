package id.aduan.classification;

import id.aduan.agency.Agency;
import id.aduan.agency.AgencyCatalog;
import java.util.List;
import java.util.Locale;

/**
 * How long classifying one complaint takes (case-classification/bench.sh): all messages of the
 * labelled set in turn, after a warm-up, on one thread. Not a test: figures go to
 * docs/benchmarks.md, never into an assertion.
 */
public final class ClassificationBench {

  private ClassificationBench() {}

  public static void main(String[] args) {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    AgencyCatalog catalog = AgencyCatalog.bundled();
    long t0 = System.nanoTime();
    ComplaintClassifier classifier = ComplaintClassifier.bundled(catalog);
    double loadMs = (System.nanoTime() - t0) / 1e6;
    List<Example> examples =
        LabelledSet.rows().stream().map(LabelledExamples.Row::example).toList();
    List<Agency> agencies =
        examples.stream().map(e -> catalog.byCode(e.agency()).orElseThrow()).toList();
    long sink = 0;
    long warmUntil = System.nanoTime() + 5_000_000_000L;
    int i = 0;
    while (System.nanoTime() < warmUntil) {
      sink +=
          classifier
              .classify(agencies.get(i), examples.get(i).text(), "ONLINE")
              .explanation()
              .size();
      i = (i + 1) % examples.size();
    }
    long[] samples = new long[200_000];
    int n = 0;
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    while (System.nanoTime() < end && n < samples.length) {
      long s = System.nanoTime();
      sink +=
          classifier
              .classify(agencies.get(i), examples.get(i).text(), "ONLINE")
              .explanation()
              .size();
      samples[n++] = System.nanoTime() - s;
      i = (i + 1) % examples.size();
    }
    long[] sorted = java.util.Arrays.copyOf(samples, n);
    java.util.Arrays.sort(sorted);
    double mean = java.util.Arrays.stream(sorted).average().orElse(0) / 1e6;
    System.out.printf(
        Locale.ROOT,
        "classifications: %d over %d s; mean %.3f ms, median %.3f ms, p99 %.3f ms, max %.3f ms;"
            + " loading rules and model %.0f ms (sink %d)%n",
        n,
        seconds,
        mean,
        sorted[n / 2] / 1e6,
        sorted[(int) (n * 0.99)] / 1e6,
        sorted[n - 1] / 1e6,
        loadMs,
        sink);
  }
}
