package id.aduan.platform.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.aduan.contracts.Topics;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/compose: {@code docker-compose config} (Debian's package) accepts the file with the
 * example environment and refuses it without secrets; what it wires together is what the platform
 * needs (3 brokers, a 3-member replica set, the contract's topics, the shipped rules, dashboards
 * and the realm with every role).
 */
class ComposeFileTest {

  private static final Path COMPOSE = DeployFiles.deploy("compose");
  private static final List<String> BROKERS = List.of("kafka-1", "kafka-2", "kafka-3");

  record Run(int exit, String out, String err) {}

  @Test
  void dockerComposeAcceptsTheFileWithTheExampleEnvironment() throws Exception {
    Path binary = dockerCompose();
    Run run = compose(binary, COMPOSE.resolve(".env.example"));
    assertThat(run.exit()).as(run.err()).isZero();

    JsonNode config = DeployFiles.YAML.readTree(run.out());
    JsonNode services = config.get("services");
    Set<String> names = new TreeSet<>();
    services.fieldNames().forEachRemaining(names::add);
    assertThat(names)
        .containsAll(DeployFiles.SERVICES)
        .containsAll(BROKERS)
        .contains(
            "kafka-topics",
            "mongo-1",
            "mongo-2",
            "mongo-3",
            "mongo-init",
            "prometheus",
            "grafana",
            "keycloak");

    for (String broker : BROKERS) {
      JsonNode env = services.get(broker).get("environment");
      assertThat(env.get("KAFKA_DEFAULT_REPLICATION_FACTOR").asText()).isEqualTo("3");
      assertThat(env.get("KAFKA_MIN_INSYNC_REPLICAS").asText()).isEqualTo("2");
      assertThat(env.get("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR").asText()).isEqualTo("3");
      assertThat(env.get("KAFKA_PROCESS_ROLES").asText()).isEqualTo("broker,controller");
      assertThat(env.get("KAFKA_CONTROLLER_QUORUM_VOTERS").asText().split(",")).hasSize(3);
    }
    for (String service : DeployFiles.SERVICES) {
      JsonNode s = services.get(service);
      JsonNode env = s.get("environment");
      assertThat(env.get("ADUAN_KAFKA_BROKERS").asText().split(","))
          .containsExactlyInAnyOrder("kafka-1:9092", "kafka-2:9092", "kafka-3:9092");
      String uri = env.get("ADUAN_MONGODB_URI").asText();
      assertThat(uri)
          .contains("mongo-1:27017,mongo-2:27017,mongo-3:27017/aduan-")
          .contains("replicaSet=rs0")
          .contains("w=majority");
      assertThat(s.get("build").get("args").get("SERVICE").asText()).isEqualTo(service);
      // every service reads the same agency files
      String agencies = env.get("ADUAN_AGENCIES_DIR").asText();
      // docker-compose 1.29 prints volumes as source:target:mode, Compose v2 as a mapping
      JsonNode v = s.get("volumes").get(0);
      String[] volume =
          v.isObject()
              ? new String[] {v.get("source").asText(), v.get("target").asText()}
              : v.asText().split(":");
      assertThat(volume[1]).isEqualTo(agencies);
      try (var files = Files.list(Path.of(volume[0]))) {
        assertThat(files.map(Path::toString)).as(volume[0]).anyMatch(f -> f.endsWith(".yaml"));
      }
      assertThat(s.get("depends_on").get("kafka-topics").get("condition").asText())
          .isEqualTo("service_completed_successfully");
      assertThat(s.get("depends_on").get("mongo-init").get("condition").asText())
          .isEqualTo("service_completed_successfully");
    }
    // every database is a service's own (docs/configuration.md: never one URI for all)
    assertThat(
            DeployFiles.SERVICES.stream()
                .map(s -> services.get(s).get("environment").get("ADUAN_MONGODB_URI").asText())
                .map(u -> u.replaceAll(".*/(aduan-[a-z]+)\\?.*", "$1"))
                .collect(Collectors.toSet()))
        .hasSize(DeployFiles.SERVICES.size());
    assertThat(
            services
                .get("case-service")
                .get("environment")
                .get("ADUAN_CASES_SECURITY_MODE")
                .asText())
        .isEqualTo("oidc");
  }

  @Test
  void withoutTheSecretsComposeRefusesAndNamesTheMissingOne(@TempDir Path dir) throws Exception {
    Path binary = dockerCompose();
    Path empty = Files.writeString(dir.resolve("empty.env"), "");

    Run run = compose(binary, empty);

    assertThat(run.exit()).isNotZero();
    assertThat(run.err()).containsPattern("set [A-Z_]+ in \\.env");
  }

  @Test
  void theTopicScriptCreatesExactlyTheContractsTopicsReplicatedThreeTimes() {
    String script = DeployFiles.read(COMPOSE.resolve("kafka/create-topics.sh"));
    Matcher list = Pattern.compile("(?s)topics=\\((.*?)\\)").matcher(script);
    assertThat(list.find()).isTrue();

    List<String> topics = Arrays.asList(list.group(1).trim().split("\\s+"));

    assertThat(topics).containsExactlyInAnyOrderElementsOf(Topics.all());
    assertThat(script)
        .contains("--replication-factor 3")
        .contains("--config min.insync.replicas=2")
        .contains("--if-not-exists");
  }

  @Test
  void prometheusOfComposeIsTheShippedOneWithServiceNamesForAddresses() {
    JsonNode shipped = DeployFiles.yaml(DeployFiles.deploy("observability/prometheus.yml"));
    JsonNode compose = DeployFiles.yaml(COMPOSE.resolve("prometheus/prometheus.yml"));

    Map<String, String> shippedTargets = targets(shipped);
    Map<String, String> composeTargets = targets(compose);
    assertThat(composeTargets.keySet()).containsExactlyInAnyOrderElementsOf(DeployFiles.SERVICES);
    composeTargets.forEach(
        (application, target) -> {
          String port = shippedTargets.get(application).replaceAll(".*:", "");
          assertThat(target).isEqualTo(application + ":" + port);
        });
    // apart from the addresses, the same file: job, path, intervals, rules
    assertThat(withoutTargets(compose)).isEqualTo(withoutTargets(shipped));
    assertThat(DeployFiles.read(COMPOSE.resolve("docker-compose.yml")))
        .contains("../observability/alerts.yml:/etc/prometheus/alerts.yml:ro");
  }

  @Test
  void promtoolAcceptsTheComposePrometheusConfiguration(@TempDir Path dir) throws Exception {
    DeployFiles.promtoolAccepts(
        dir, DeployFiles.read(COMPOSE.resolve("prometheus/prometheus.yml")));
  }

  @Test
  void grafanaProvisionsTheShippedDashboardsOnTheProvisionedDataSource() throws IOException {
    JsonNode source =
        DeployFiles.yaml(COMPOSE.resolve("grafana/provisioning/datasources/prometheus.yml"))
            .get("datasources")
            .get(0);
    String uid = source.get("uid").asText();
    String start = DeployFiles.read(COMPOSE.resolve("grafana/aduan-start.sh"));
    assertThat(start).contains("s/\\${DS_PROMETHEUS}/" + uid + "/g");
    JsonNode provider =
        DeployFiles.yaml(COMPOSE.resolve("grafana/provisioning/dashboards/aduan.yml"))
            .get("providers")
            .get(0);
    assertThat(start).contains("target=" + provider.get("options").get("path").asText());
    assertThat(source.get("url").asText()).isEqualTo("http://prometheus:9090");

    try (var dashboards = Files.list(DeployFiles.deploy("observability/grafana"))) {
      List<Path> files = dashboards.filter(p -> p.toString().endsWith(".json")).toList();
      assertThat(files).hasSizeGreaterThanOrEqualTo(2);
      for (Path f : files) {
        String json = Files.readString(f);
        // after the replacement no data source reference is left unresolved
        assertThat(json.replace("${DS_PROMETHEUS}", uid)).doesNotContain("${DS_");
      }
    }
  }

  @Test
  void theRealmHoldsEveryRoleOfCaseServiceAndTheAgencyAndDivisionClaims() {
    JsonNode realm = DeployFiles.yaml(COMPOSE.resolve("keycloak/aduan-realm.json"));
    Set<String> realmRoles =
        new TreeSet<>(realm.get("roles").get("realm").findValuesAsText("name"));

    for (String role : caseServiceRoles()) {
      assertThat(realmRoles.stream().anyMatch(r -> parsesTo(r, role)))
          .as("a realm role for " + role)
          .isTrue();
    }
    List<JsonNode> mappers = realm.findValues("protocolMappers");
    Set<String> claims = new TreeSet<>();
    mappers.forEach(
        list -> list.forEach(m -> claims.add(m.path("config").path("claim.name").asText())));
    assertThat(claims).contains(defaultClaim("agency-claim"), defaultClaim("division-claim"));

    JsonNode ui =
        realm.get("clients").findParents("clientId").stream()
            .filter(c -> c.get("clientId").asText().equals("aduan-officer-ui"))
            .findFirst()
            .orElseThrow();
    assertThat(ui.get("publicClient").asBoolean()).isTrue();
    assertThat(ui.get("attributes").get("pkce.code.challenge.method").asText()).isEqualTo("S256");
    assertThat(realm.findValues("secret")).as("no client secret in git").isEmpty();
    assertThat(realm.findValues("credentials")).as("no passwords in git").isEmpty();
    assertThat(DeployFiles.read(COMPOSE.resolve("keycloak/aduan-realm.json")))
        .contains("\"included.client.audience\": \"aduan-case-service\"");
  }

  // ---------------------------------------------------------------------------------- helpers

  /** The roles of case-service's {@code security/Role}, read from its source. */
  private static List<String> caseServiceRoles() {
    String source =
        DeployFiles.read(
            DeployFiles.ROOT.resolve(
                "case-service/src/main/java/id/aduan/cases/security/Role.java"));
    String code = source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
    int open = code.indexOf("enum Role {") + "enum Role {".length();
    String body = code.substring(open, code.indexOf(';', open));
    List<String> roles = new ArrayList<>();
    Matcher m = Pattern.compile("(?m)^\\s*([A-Z_]+)\\s*,?\\s*$").matcher(body);
    while (m.find()) {
      roles.add(m.group(1));
    }
    assertThat(roles).contains("ADMIN", "VERIFIER", "OPERATIONS");
    return roles;
  }

  /** What {@code Role.parse} does with a realm role name (case, dashes, prefix, front-office). */
  private static boolean parsesTo(String realmRole, String role) {
    String n = realmRole.strip().toUpperCase(Locale.ROOT).replace('-', '_');
    n = n.startsWith("ADUAN_") ? n.substring("ADUAN_".length()) : n;
    n = n.equals("FRONT_OFFICE") ? "VERIFIER" : n;
    return n.equals(role);
  }

  /** The default of {@code aduan.cases.security.oidc.<key>} in docs/configuration.md. */
  private static String defaultClaim(String key) {
    String doc = DeployFiles.read(DeployFiles.ROOT.resolve("docs/configuration.md"));
    Matcher m =
        Pattern.compile("`aduan\\.cases\\.security\\.oidc\\." + key + "` \\| `([a-z_]+)`")
            .matcher(doc);
    assertThat(m.find()).as(key + " in docs/configuration.md").isTrue();
    return m.group(1);
  }

  private static Map<String, String> targets(JsonNode prometheus) {
    return java.util.stream.StreamSupport.stream(
            prometheus.get("scrape_configs").get(0).get("static_configs").spliterator(), false)
        .collect(
            Collectors.toMap(
                s -> s.get("labels").get("application").asText(),
                s -> s.get("targets").get(0).asText()));
  }

  private static JsonNode withoutTargets(JsonNode prometheus) {
    ObjectNode copy = prometheus.deepCopy();
    copy.get("scrape_configs")
        .forEach(job -> job.get("static_configs").forEach(s -> ((ObjectNode) s).remove("targets")));
    return copy;
  }

  /** docker-compose from Debian's package, or the test is skipped saying why. */
  private static Path dockerCompose() {
    Optional<Path> found =
        Arrays.stream(System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator))
            .map(dir -> Path.of(dir, "docker-compose"))
            .filter(Files::isExecutable)
            .findFirst();
    assumeTrue(
        found.isPresent(),
        "docker-compose is not installed (Debian package docker-compose; .ci/run installs it):"
            + " the Compose file's contents are still checked by the other tests of this class");
    return found.orElseThrow();
  }

  /** {@code docker-compose config} with only this environment file and a minimal environment. */
  private static Run compose(Path binary, Path envFile) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(
                binary.toString(),
                "--project-directory",
                COMPOSE.toString(),
                "--env-file",
                envFile.toString(),
                "-f",
                COMPOSE.resolve("docker-compose.yml").toString(),
                "config")
            .directory(COMPOSE.toFile());
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> !Set.of("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR").contains(k));
    Path out = Files.createTempFile("compose", ".out");
    Path err = Files.createTempFile("compose", ".err");
    try {
      Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("docker-compose config did not finish in 120 s");
      }
      return new Run(
          p.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
