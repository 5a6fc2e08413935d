package id.aduan.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Prometheus scrape configuration, alert rules and Grafana dashboards in {@code
 * deploy/observability/} (the case service serves the operations dashboard that stands beside
 * them): they parse, scrape all seven services, alert on what the platform promises to alert on,
 * and use only metric names some module README documents. With {@code promtool} (Debian package
 * {@code prometheus}) installed, the files and the alert unit tests also pass promtool.
 */
class ObservabilityConfigTest {

  private static final Path DIR = Path.of("..", "deploy", "observability");
  private static final Pattern PROM_NAME =
      Pattern.compile("\\b(aduan_[a-z0-9_]+|kafka_[a-z0-9_]+|up)\\b");
  private static final Pattern DOCUMENTED = Pattern.compile("`(aduan\\.[a-z0-9.]+)");
  private static final List<String> SUFFIXES =
      List.of("_seconds_bucket", "_seconds_count", "_seconds_sum", "_seconds_max", "_total");

  @Test
  void prometheusScrapesTheSevenServicesAndLoadsTheRules() throws IOException {
    Map<String, Object> config = yaml("prometheus.yml");
    assertThat(config.get("rule_files")).isEqualTo(List.of("alerts.yml"));
    String text = Files.readString(DIR.resolve("prometheus.yml"));
    for (int port = 8080; port <= 8086; port++) {
      assertThat(text).contains("\"127.0.0.1:" + port + "\"");
    }
    assertThat(text).contains("metrics_path: /actuator/prometheus");
  }

  @Test
  void theAlertRulesCoverWhatOperationsMustHear() throws IOException {
    String exprs = String.join("\n", alertExpressions().values());
    assertThat(alertExpressions().keySet())
        .contains(
            "AduanSlaBreachSpike",
            "AduanConsumerLag",
            "AduanDeadLetters",
            "AduanProviderErrors",
            "AduanHolidayCalendarYearMissing");
    assertThat(exprs)
        .contains(
            "aduan_sla_fired_total{level=\"breach\"}",
            "kafka_consumer_fetch_manager_records_lag_max",
            "aduan_dead_letters_total",
            "aduan_client_errors_total",
            "aduan_sla_calendar_decree_missing");
  }

  @Test
  void everyMetricTheRulesAndDashboardsReadIsDocumented() throws IOException {
    Set<String> documented = documentedMetrics();
    assertThat(documented).contains("aduan.dead.letters", "aduan.sla.calendar.decree.missing");
    Set<String> external = externalMetrics();

    List<String> sources = new ArrayList<>(alertExpressions().values());
    for (Path dashboard : dashboards()) {
      JsonNode root = JsonMapper.builder().build().readTree(Files.readString(dashboard));
      assertThat(root.get("uid").asString()).startsWith("aduan-");
      assertThat(root.get("panels").size()).isGreaterThan(5);
      root.findValues("expr").forEach(e -> sources.add(e.asString()));
    }
    assertThat(sources).hasSizeGreaterThan(20);

    Set<String> undocumented = new TreeSet<>();
    for (String expr : sources) {
      Matcher m = PROM_NAME.matcher(expr);
      while (m.find()) {
        String name = m.group(1);
        if (external.contains(name)) {
          continue;
        }
        if (!documented.contains(micrometerName(name))) {
          undocumented.add(name);
        }
      }
    }
    assertThat(undocumented).as("metric names no README documents").isEmpty();
  }

  /** One latency panel per stage of a complaint, each reading that stage's histogram buckets. */
  @Test
  void theHealthDashboardHasOneLatencyPanelPerStage() throws IOException {
    JsonNode root =
        JsonMapper.builder()
            .build()
            .readTree(Files.readString(DIR.resolve("grafana").resolve("aduan-health.json")));
    for (String stage :
        List.of("webhook_ack", "intake_to_case", "case_to_sla_clock", "notification_to_provider")) {
      List<JsonNode> panels = new ArrayList<>();
      for (JsonNode panel : root.get("panels")) {
        if (panel.findValues("expr").stream()
            .map(JsonNode::asString)
            .anyMatch(
                e ->
                    e.contains("histogram_quantile(")
                        && e.contains(
                            "aduan_stage_latency_seconds_bucket{stage=\"" + stage + "\"}"))) {
          panels.add(panel);
        }
      }
      assertThat(panels).as(stage).hasSize(1);
      assertThat(panels.getFirst().path("fieldConfig").path("defaults").path("unit").asString())
          .isEqualTo("s");
    }
  }

  @Test
  void promtoolAcceptsTheConfigurationAndTheAlertUnitTests() throws Exception {
    Path promtool = Path.of("/usr/bin/promtool");
    assumeTrue(
        Files.isExecutable(promtool),
        "promtool is missing (Debian package prometheus): syntax checked by the other tests only");
    assertThat(run(promtool.toString(), "check", "config", "prometheus.yml")).isZero();
    assertThat(run(promtool.toString(), "test", "rules", "alerts-test.yml")).isZero();
  }

  // ------------------------------------------------------------------------------------ helpers

  /** {@code aduan_sla_fired_total} is Micrometer's {@code aduan.sla.fired}. */
  static String micrometerName(String prometheusName) {
    String name = prometheusName;
    for (String suffix : SUFFIXES) {
      if (name.endsWith(suffix)) {
        name = name.substring(0, name.length() - suffix.length());
        break;
      }
    }
    return name.replace('_', '.');
  }

  private static Set<String> documentedMetrics() throws IOException {
    Set<String> names = new TreeSet<>();
    try (Stream<Path> modules = Files.list(Path.of(".."))) {
      for (Path readme :
          modules.map(m -> m.resolve("README.md")).filter(Files::isRegularFile).toList()) {
        Matcher m = DOCUMENTED.matcher(Files.readString(readme));
        while (m.find()) {
          names.add(m.group(1).replaceAll("\\.$", ""));
        }
      }
    }
    return names;
  }

  /** Metrics that are not Aduan's own: listed in deploy/observability/README.md. */
  private static Set<String> externalMetrics() throws IOException {
    String readme = Files.readString(DIR.resolve("README.md"));
    Set<String> names = new TreeSet<>();
    Matcher m = Pattern.compile("`((?:kafka_[a-z0-9_]+)|up)`").matcher(readme);
    while (m.find()) {
      names.add(m.group(1));
    }
    assertThat(names).contains("up", "kafka_consumer_fetch_manager_records_lag_max");
    return names;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> alertExpressions() throws IOException {
    Map<String, String> alerts = new java.util.LinkedHashMap<>();
    for (Object group : (List<Object>) yaml("alerts.yml").get("groups")) {
      for (Object rule : (List<Object>) ((Map<String, Object>) group).get("rules")) {
        Map<String, Object> r = (Map<String, Object>) rule;
        alerts.put((String) r.get("alert"), String.valueOf(r.get("expr")));
      }
    }
    return alerts;
  }

  private static List<Path> dashboards() throws IOException {
    try (Stream<Path> files = Files.list(DIR.resolve("grafana"))) {
      List<Path> all = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
      assertThat(all).isNotEmpty();
      return all;
    }
  }

  private static Map<String, Object> yaml(String file) throws IOException {
    return new Yaml().load(Files.readString(DIR.resolve(file), StandardCharsets.UTF_8));
  }

  private static int run(String... command) throws Exception {
    Process p =
        new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    if (p.exitValue() != 0) {
      System.out.println(output);
    }
    return p.exitValue();
  }
}
