package id.aduan.platform.deploy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The files under deploy/, read as the tests of this package need them. */
final class DeployFiles {

  /** The repository root: the tests run in deploy/platform-tools. */
  static final Path ROOT = Path.of("..", "..").toAbsolutePath().normalize();

  static final Path DEPLOY = ROOT.resolve("deploy");

  /** Unknown properties fail: typed parsing is the point of these tests. */
  static final ObjectMapper YAML =
      YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  /** The seven services: module name and port (CONTRACT.md). */
  static final List<String> SERVICES =
      List.of(
          "case-service",
          "channel-whatsapp",
          "channel-email",
          "channel-lapor",
          "channel-social",
          "sla-service",
          "notification-service");

  private DeployFiles() {}

  static Path deploy(String relative) {
    return DEPLOY.resolve(relative);
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@code promtool check config} on a Prometheus configuration written into {@code dir} beside the
   * shipped alert rules (which it loads as {@code alerts.yml}); skipped, saying why, where promtool
   * is missing.
   */
  static String promtoolAccepts(Path dir, String configuration) throws Exception {
    Path promtool = Path.of("/usr/bin/promtool");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.isExecutable(promtool),
        "promtool is missing (Debian package prometheus; .ci/run installs it)");
    Files.writeString(dir.resolve("prometheus.yml"), configuration);
    Files.copy(deploy("observability/alerts.yml"), dir.resolve("alerts.yml"));
    Process p =
        new ProcessBuilder(promtool.toString(), "check", "config", "prometheus.yml")
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("promtool did not finish in 60 s");
    }
    org.junit.jupiter.api.Assumptions.assumeFalse(
        output.contains("field kubernetes_sd_configs not found"),
        "this promtool is built without Kubernetes discovery (Debian's package is): " + output);
    org.assertj.core.api.Assertions.assertThat(p.exitValue()).as(output).isZero();
    org.assertj.core.api.Assertions.assertThat(output).contains("1 rule files found");
    return output;
  }

  /** One YAML document. */
  static JsonNode yaml(Path file) {
    try {
      return YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": " + e.getMessage(), e);
    }
  }

  /** Every non-empty document of a multi-document YAML file. */
  static List<ObjectNode> documents(Path file) {
    List<ObjectNode> docs = new ArrayList<>();
    try (JsonParser parser = new YAMLFactory().createParser(file.toFile())) {
      var it = YAML.readValues(parser, JsonNode.class);
      while (it.hasNext()) {
        JsonNode doc = it.next();
        if (doc instanceof ObjectNode o) {
          docs.add(o);
        } else if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
          throw new IllegalArgumentException(file + ": a document that is not a mapping");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": " + e.getMessage(), e);
    }
    return docs;
  }
}
