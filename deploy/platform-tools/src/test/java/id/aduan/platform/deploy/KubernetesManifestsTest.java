package id.aduan.platform.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.aduan.contracts.Topics;
import id.aduan.platform.deploy.TypedManifests.KafkaTopic;
import id.aduan.platform.deploy.TypedManifests.ScaledObject;
import id.aduan.platform.deploy.TypedManifests.TriggerAuthentication;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * deploy/k8s rendered per overlay (without kubectl, {@link Kustomize}) and every manifest parsed
 * into its typed model; then what must hold between them: probes, non-root, resources, a Service
 * and a disruption budget per Deployment, the topics of the contract, autoscaling within the
 * partitions, placeholder secrets, default-deny network policies.
 */
class KubernetesManifestsTest {

  private static final Path K8S = DeployFiles.deploy("k8s");

  /** Secret keys whose values must be placeholders in git. */
  private static final Pattern SECRET_KEY =
      Pattern.compile(
          ".*(PASSWORD|TOKEN|SECRET|_KEYS_|LOOKUPKEY|JAAS_CONFIG|MONGODB_URI)$|password|ca");

  record Rendered(List<ObjectNode> raw, List<Object> typed) {
    <T> List<T> all(Class<T> type) {
      return typed.stream().filter(type::isInstance).map(type::cast).toList();
    }
  }

  static Rendered render(String overlay) {
    List<ObjectNode> raw = Kustomize.render(K8S.resolve("overlays").resolve(overlay));
    List<Object> typed = raw.stream().map(m -> TypedManifests.parse(DeployFiles.YAML, m)).toList();
    return new Rendered(raw, typed);
  }

  @ParameterizedTest
  @ValueSource(strings = {"local", "production"})
  void everyManifestParsesIntoItsTypedModelWithNoUnknownField(String overlay) {
    Rendered r = render(overlay);

    List<String> unknown = new ArrayList<>();
    for (int i = 0; i < r.typed().size(); i++) {
      for (String field : TypedManifests.unknownFields(r.typed().get(i))) {
        unknown.add(Kustomize.id(r.raw().get(i)) + ": " + field);
      }
    }
    assertThat(unknown).as("fields no Kubernetes schema knows").isEmpty();
    assertThat(r.all(Deployment.class)).hasSize(DeployFiles.SERVICES.size());
    assertThat(r.raw())
        .allSatisfy(
            m ->
                assertThat(m.path("metadata").path("namespace").asText())
                    .isEqualTo(overlay.equals("local") ? "aduan-local" : "aduan"));
  }

  @Test
  void aFieldTheSchemaDoesNotKnowIsReportedWithItsPath() throws Exception {
    ObjectNode deployment =
        (ObjectNode)
            DeployFiles.YAML.readTree(
                """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x}
                spec:
                  replica: 2
                  template:
                    spec:
                      containers:
                        - name: x
                          image: x:1
                          readinessProbe: {httpGet: {path: /actuator/health/readiness, port: http}, periodSecond: 5}
                """);

    Object typed = TypedManifests.parse(DeployFiles.YAML, deployment);

    assertThat(TypedManifests.unknownFields(typed))
        .containsExactlyInAnyOrder(
            "spec.replica", "spec.template.spec.containers[0].readinessProbe.periodSecond");
    ObjectNode topic =
        (ObjectNode)
            DeployFiles.YAML.readTree(
                "{apiVersion: kafka.strimzi.io/v1beta2, kind: KafkaTopic, metadata: {name: t},"
                    + " spec: {partitions: 3, replica: 3}}");
    assertThatThrownBy(() -> TypedManifests.parse(DeployFiles.YAML, topic))
        .hasMessageContaining("replica");
  }

  @ParameterizedTest
  @ValueSource(strings = {"local", "production"})
  void everyDeploymentProbesTheActuatorRunsAsNonRootAndHasResources(String overlay) {
    Rendered r = render(overlay);
    Set<String> configMaps = names(r.all(ConfigMap.class));
    Set<String> secrets = names(r.all(Secret.class));

    for (Deployment d : r.all(Deployment.class)) {
      String name = d.getMetadata().getName();
      var pod = d.getSpec().getTemplate().getSpec();
      assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(name).isTrue();
      assertThat(pod.getSecurityContext().getRunAsUser()).as(name).isPositive();
      assertThat(pod.getContainers()).as(name).hasSize(1);
      Container c = pod.getContainers().getFirst();
      assertThat(c.getImage()).as(name).matches(".*/?" + name + ":[0-9][^:]*");
      assertThat(c.getPorts()).as(name).anySatisfy(p -> assertThat(p.getName()).isEqualTo("http"));
      assertThat(c.getReadinessProbe().getHttpGet().getPath())
          .as(name)
          .isEqualTo("/actuator/health/readiness");
      assertThat(c.getLivenessProbe().getHttpGet().getPath())
          .as(name)
          .isEqualTo("/actuator/health/liveness");
      assertThat(c.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");
      assertThat(c.getLivenessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");
      assertThat(c.getResources().getRequests()).as(name).containsKeys("cpu", "memory");
      assertThat(c.getResources().getLimits()).as(name).containsKey("memory");
      assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).as(name).isTrue();
      // with a read-only root, the JVM and Tomcat write to an emptyDir on /tmp
      String tmp =
          c.getVolumeMounts().stream()
              .filter(m -> m.getMountPath().equals("/tmp"))
              .findFirst()
              .orElseThrow(() -> new AssertionError(name + " has no writable /tmp"))
              .getName();
      assertThat(pod.getVolumes())
          .filteredOn(v -> v.getName().equals(tmp))
          .singleElement()
          .satisfies(v -> assertThat(v.getEmptyDir()).isNotNull());
      assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).as(name).isFalse();
      // every service reads the same agency files, from the ConfigMap the operator creates
      String agencies = configMap(r, "aduan-common").getData().get("ADUAN_AGENCIES_DIR");
      String volume =
          c.getVolumeMounts().stream()
              .filter(m -> m.getMountPath().equals(agencies))
              .findFirst()
              .orElseThrow(() -> new AssertionError(name + " does not mount " + agencies))
              .getName();
      assertThat(pod.getVolumes())
          .filteredOn(v -> v.getName().equals(volume))
          .singleElement()
          .satisfies(v -> assertThat(v.getConfigMap().getName()).isEqualTo("aduan-agencies"));
      for (EnvFromSource from : c.getEnvFrom()) {
        if (from.getConfigMapRef() != null) {
          assertThat(configMaps).as(name).contains(from.getConfigMapRef().getName());
        }
        if (from.getSecretRef() != null) {
          assertThat(secrets).as(name).contains(from.getSecretRef().getName());
        }
      }
      for (EnvVar e : c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()) {
        if (e.getValueFrom() != null && e.getValueFrom().getConfigMapKeyRef() != null) {
          var ref = e.getValueFrom().getConfigMapKeyRef();
          assertThat(configMap(r, ref.getName()).getData()).as(name).containsKey(ref.getKey());
        }
      }
    }
    assertThat(r.all(Deployment.class))
        .extracting(d -> d.getMetadata().getName())
        .containsExactlyInAnyOrderElementsOf(DeployFiles.SERVICES);
  }

  @ParameterizedTest
  @ValueSource(strings = {"local", "production"})
  void everyDeploymentHasAServiceAndADisruptionBudgetThatSelectIt(String overlay) {
    Rendered r = render(overlay);
    for (Deployment d : r.all(Deployment.class)) {
      Map<String, String> podLabels = d.getSpec().getTemplate().getMetadata().getLabels();
      assertThat(podLabels).containsAllEntriesOf(d.getSpec().getSelector().getMatchLabels());
      List<Service> services =
          r.all(Service.class).stream()
              .filter(s -> podLabels.entrySet().containsAll(s.getSpec().getSelector().entrySet()))
              .toList();
      assertThat(services).as(d.getMetadata().getName()).hasSize(1);
      assertThat(services.getFirst().getSpec().getPorts().getFirst().getTargetPort().getStrVal())
          .isEqualTo("http");
      List<PodDisruptionBudget> budgets =
          r.all(PodDisruptionBudget.class).stream()
              .filter(
                  p ->
                      podLabels
                          .entrySet()
                          .containsAll(p.getSpec().getSelector().getMatchLabels().entrySet()))
              .toList();
      assertThat(budgets).as(d.getMetadata().getName()).hasSize(1);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"local", "production"})
  void theTopicsAreTheContractsWithThreeReplicasAndTwoInSync(String overlay) {
    List<KafkaTopic> topics = render(overlay).all(KafkaTopic.class);

    assertThat(topics)
        .extracting(t -> t.spec().topicName())
        .containsExactlyInAnyOrderElementsOf(Topics.all());
    assertThat(topics)
        .allSatisfy(
            t -> {
              assertThat(t.spec().replicas()).isEqualTo(3);
              assertThat(t.spec().config()).containsEntry("min.insync.replicas", "2");
              assertThat(t.spec().partitions()).isPositive();
              assertThat(t.metadata().labels()).containsEntry("strimzi.io/cluster", "aduan");
            });
  }

  @ParameterizedTest
  @ValueSource(strings = {"local", "production"})
  void autoscalingFollowsEachServicesOwnLagAndStaysWithinThePartitions(String overlay) {
    Rendered r = render(overlay);
    Map<String, Integer> partitions =
        r.all(KafkaTopic.class).stream()
            .collect(Collectors.toMap(t -> t.spec().topicName(), t -> t.spec().partitions()));
    Set<String> deployments = names(r.all(Deployment.class));
    String brokers = configMap(r, "aduan-common").getData().get("ADUAN_KAFKA_BROKERS");
    Set<String> auths =
        r.all(TriggerAuthentication.class).stream()
            .map(a -> a.metadata().name())
            .collect(Collectors.toSet());
    Set<String> secrets = names(r.all(Secret.class));

    List<ScaledObject> scaled = r.all(ScaledObject.class);
    assertThat(scaled).isNotEmpty();
    for (ScaledObject s : scaled) {
      String target = s.spec().scaleTargetRef().name();
      assertThat(deployments).contains(target);
      assertThat(s.spec().minReplicaCount()).isBetween(1, s.spec().maxReplicaCount());
      assertThat(s.spec().triggers()).anySatisfy(t -> assertThat(t.type()).isEqualTo("kafka"));
      for (var t : s.spec().triggers()) {
        assertThat(TypedManifests.TRIGGER_METADATA).containsKey(t.type());
        assertThat(TypedManifests.TRIGGER_METADATA.get(t.type()))
            .as(target + " trigger " + t.name())
            .containsAll(t.metadata().keySet());
        if (t.type().equals("kafka")) {
          // The binder's consumer group is the service's name (docs/configuration.md).
          assertThat(t.metadata()).containsEntry("consumerGroup", target);
          assertThat(t.metadata().get("bootstrapServers")).isEqualTo(brokers);
          assertThat(partitions).containsKey(t.metadata().get("topic"));
          assertThat(s.spec().maxReplicaCount())
              .as(target + ": more instances than partitions would idle")
              .isLessThanOrEqualTo(partitions.get(t.metadata().get("topic")));
          if (t.authenticationRef() != null) {
            assertThat(auths).contains(t.authenticationRef().name());
          }
        }
      }
    }
    for (TriggerAuthentication a : r.all(TriggerAuthentication.class)) {
      assertThat(a.spec().secretTargetRef())
          .allSatisfy(
              ref -> {
                assertThat(TypedManifests.KAFKA_AUTH_PARAMETERS).contains(ref.parameter());
                assertThat(secrets).contains(ref.name());
              });
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"local", "production"})
  void secretsInGitAreOnlyPlaceholders(String overlay) {
    List<Secret> secrets = render(overlay).all(Secret.class);
    assertThat(secrets).hasSizeGreaterThan(DeployFiles.SERVICES.size());
    List<String> real = new ArrayList<>();
    for (Secret s : secrets) {
      assertThat(s.getData()).as("base64 data hides what is committed").isNullOrEmpty();
      s.getStringData()
          .forEach(
              (k, v) -> {
                if (SECRET_KEY.matcher(k).matches() && !v.contains("CHANGE-ME")) {
                  real.add(s.getMetadata().getName() + "/" + k);
                }
              });
    }
    assertThat(real).as("secret values that are not placeholders").isEmpty();
    assertThat(secrets)
        .filteredOn(s -> s.getMetadata().getName().equals("case-service-secrets"))
        .singleElement()
        .satisfies(
            s ->
                assertThat(s.getStringData())
                    .containsKeys(
                        "ADUAN_CASES_PII_ACTIVEKEYID",
                        "ADUAN_CASES_PII_LOOKUPKEY",
                        "ADUAN_CASES_PII_KEYS_"
                            + s.getStringData().get("ADUAN_CASES_PII_ACTIVEKEYID").toUpperCase()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"local", "production"})
  void networkPoliciesDenyByDefaultAndOpenOnlyNamedPaths(String overlay) {
    List<NetworkPolicy> policies = render(overlay).all(NetworkPolicy.class);
    assertThat(policies)
        .anySatisfy(
            p -> {
              assertThat(p.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
              assertThat(p.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
              assertThat(p.getSpec().getIngress()).isNullOrEmpty();
              assertThat(p.getSpec().getEgress()).isNullOrEmpty();
            });
    Set<String> withIngress = new HashSet<>();
    for (NetworkPolicy p : policies) {
      if (p.getSpec().getIngress() != null && !p.getSpec().getIngress().isEmpty()) {
        String app = p.getSpec().getPodSelector().getMatchLabels().get("app.kubernetes.io/name");
        withIngress.add(app == null ? "*" : app);
      }
    }
    // Metrics for every pod; webhooks and the UI only where the public reaches.
    assertThat(withIngress)
        .containsExactlyInAnyOrder("*", "case-service", "channel-whatsapp", "channel-social");
  }

  @Test
  void theLocalOverlayPatchesEveryDeploymentAndScalerAndDeletesWithNull() {
    Rendered base = renderBase();
    Rendered local = render("local");

    for (String service : DeployFiles.SERVICES) {
      Deployment before = deployment(base, service);
      Deployment after = deployment(local, service);
      assertThat(after.getSpec().getReplicas()).isEqualTo(1);
      Container c = after.getSpec().getTemplate().getSpec().getContainers().getFirst();
      assertThat(c.getResources().getRequests().get("cpu").toString()).isEqualTo("100m");
      // only what the JSON patch names changed: the rest of the container is the base's
      Container original = before.getSpec().getTemplate().getSpec().getContainers().getFirst();
      assertThat(c.getReadinessProbe()).isEqualTo(original.getReadinessProbe());
      assertThat(c.getEnv()).isEqualTo(original.getEnv());
    }
    Map<String, String> common = configMap(local, "aduan-common").getData();
    assertThat(common)
        .containsEntry(
            "SPRING_CLOUD_STREAM_KAFKA_BINDER_CONFIGURATION_SECURITY_PROTOCOL", "PLAINTEXT")
        .doesNotContainKey("SPRING_CLOUD_STREAM_KAFKA_BINDER_CONFIGURATION_SASL_MECHANISM")
        .containsKey("ADUAN_AGENCIES_DIR");
    assertThat(local.all(ScaledObject.class))
        .hasSize(base.all(ScaledObject.class).size())
        .allSatisfy(
            s -> {
              assertThat(s.spec().maxReplicaCount()).isEqualTo(3);
              assertThat(s.spec().triggers().getFirst().authenticationRef()).isNull();
              assertThat(s.spec().advanced()).isNotNull();
            });
  }

  @Test
  void productionMergesContainersByNameAndPinsRegistryImages() {
    Rendered base = renderBase();
    Rendered production = render("production");

    Deployment cases = deployment(production, "case-service");
    assertThat(cases.getSpec().getReplicas()).isEqualTo(3);
    Container c = cases.getSpec().getTemplate().getSpec().getContainers().getFirst();
    Container original =
        deployment(base, "case-service")
            .getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .getFirst();
    assertThat(c.getResources().getLimits().get("memory").toString()).isEqualTo("2Gi");
    assertThat(c.getLivenessProbe()).isEqualTo(original.getLivenessProbe());
    assertThat(c.getEnvFrom()).isEqualTo(original.getEnvFrom());
    assertThat(production.all(Deployment.class))
        .allSatisfy(
            d ->
                assertThat(
                        d.getSpec().getTemplate().getSpec().getContainers().getFirst().getImage())
                    .startsWith("registry.example.invalid/aduan/"));
  }

  @Test
  void theRendererRefusesWhatItDoesNotImplement(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("kustomization.yaml"),
        "resources: [" + K8S.resolve("base") + "]\ncommonLabels: {a: b}\n");
    assertThatThrownBy(() -> Kustomize.render(dir))
        .hasMessageContaining("unsupported key commonLabels");

    Files.writeString(
        dir.resolve("kustomization.yaml"),
        "resources: [" + K8S.resolve("base") + "]\npatches: [{path: p.yaml}]\n");
    Files.writeString(
        dir.resolve("p.yaml"),
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: case-servic}\nspec: {replicas: 1}\n");
    assertThatThrownBy(() -> Kustomize.render(dir)).hasMessageContaining("matched 0 resources");

    Files.writeString(
        dir.resolve("p.yaml"),
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: case-service}\nspec: {template: {spec:"
            + " {containers: [{name: case-service, ports: [{containerPort: 9}]}]}}}\n");
    assertThatThrownBy(() -> Kustomize.render(dir)).hasMessageContaining("merge key is not name");

    Files.writeString(
        dir.resolve("p.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: aduan-common}\ndata: {A: b}\n---\n"
            + "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: aduan-prometheus}\ndata: {A: b}\n");
    assertThatThrownBy(() -> Kustomize.render(dir)).hasMessageContaining("one patch per file");

    Files.writeString(
        dir.resolve("kustomization.yaml"),
        "resources: ["
            + K8S.resolve("base")
            + "]\npatches: [{path: p.yaml, target: {kind: Deployment}}]\n");
    Files.writeString(dir.resolve("p.yaml"), "- {op: replace, path: /spec/replica, value: 1}\n");
    assertThatThrownBy(() -> Kustomize.render(dir)).hasMessageContaining("/spec/replica not in");
  }

  @Test
  void prometheusInKubernetesKeepsTheJobAndLabelsOfTheShippedConfiguration() throws Exception {
    JsonNode shipped = DeployFiles.yaml(DeployFiles.deploy("observability/prometheus.yml"));
    String text = configMap(renderBase(), "aduan-prometheus").getData().get("prometheus.yml");
    JsonNode k8s = DeployFiles.YAML.readTree(text);

    JsonNode shippedJob = shipped.get("scrape_configs").get(0);
    JsonNode job = k8s.get("scrape_configs").get(0);
    assertThat(job.get("job_name")).isEqualTo(shippedJob.get("job_name"));
    assertThat(job.get("metrics_path")).isEqualTo(shippedJob.get("metrics_path"));
    assertThat(job.get("relabel_configs").findValuesAsText("target_label")).contains("application");
    assertThat(k8s.get("rule_files").get(0).asText()).endsWith("/alerts.yml");
  }

  @Test
  void promtoolAcceptsTheKubernetesPrometheusConfiguration(@TempDir Path dir) throws Exception {
    String text = configMap(renderBase(), "aduan-prometheus").getData().get("prometheus.yml");
    // the rules' path in the Prometheus pod, here beside the file
    DeployFiles.promtoolAccepts(
        dir, text.replace("/etc/prometheus/rules/alerts.yml", "alerts.yml"));
  }

  // ---------------------------------------------------------------------------------- helpers

  private static Rendered renderBase() {
    List<ObjectNode> raw = Kustomize.render(K8S.resolve("base"));
    return new Rendered(
        raw, raw.stream().map(m -> TypedManifests.parse(DeployFiles.YAML, m)).toList());
  }

  private static Deployment deployment(Rendered r, String name) {
    return r.all(Deployment.class).stream()
        .filter(d -> d.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static ConfigMap configMap(Rendered r, String name) {
    return r.all(ConfigMap.class).stream()
        .filter(c -> c.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no ConfigMap " + name));
  }

  private static Set<String> names(
      List<? extends io.fabric8.kubernetes.api.model.HasMetadata> list) {
    return list.stream().map(h -> h.getMetadata().getName()).collect(Collectors.toSet());
  }
}
