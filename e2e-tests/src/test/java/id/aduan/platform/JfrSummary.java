package id.aduan.platform;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a process spent its CPU during a JFR recording: the {@code jdk.ExecutionSample} events
 * counted by their top frame (self time, as {@code jfr view hot-methods}) and by every method of
 * the platform's own code, the store and Kafka anywhere on the sampled stack (total time, so a
 * service method shows what it costs with everything it calls).
 */
final class JfrSummary {

  private static final List<String> OWN =
      List.of("id.aduan.", "de.bwaldvogel.mongo.", "org.h2.", "org.apache.kafka.", "kafka.");

  private JfrSummary() {}

  static String of(Path file) {
    Map<String, Integer> self = new HashMap<>();
    Map<String, Integer> total = new HashMap<>();
    int samples = 0;
    try {
      for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
        if (!e.getEventType().getName().equals("jdk.ExecutionSample")
            || e.getStackTrace() == null) {
          continue;
        }
        samples++;
        List<RecordedFrame> frames = e.getStackTrace().getFrames();
        if (frames.isEmpty()) {
          continue;
        }
        self.merge(name(frames.getFirst()), 1, Integer::sum);
        Set<String> seen = new HashSet<>();
        for (RecordedFrame f : frames) {
          String n = name(f);
          if (OWN.stream().anyMatch(n::startsWith) && seen.add(n)) {
            total.merge(n, 1, Integer::sum);
          }
        }
      }
    } catch (Exception e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
    StringBuilder out = new StringBuilder(samples + " execution samples\n\nself (top frame):\n");
    top(self, samples, 8, out);
    out.append("\ntotal (anywhere on the stack; own code, store, Kafka):\n");
    top(total, samples, 14, out);
    return out.toString();
  }

  private static void top(Map<String, Integer> counts, int samples, int n, StringBuilder out) {
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(n)
        .forEach(
            e ->
                out.append(
                    "%5.1f%%  %s%n"
                        .formatted(100.0 * e.getValue() / Math.max(1, samples), e.getKey())));
  }

  private static String name(RecordedFrame f) {
    return f.getMethod().getType().getName() + "." + f.getMethod().getName();
  }
}
