package id.aduan.platform.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBehavior;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every rendered manifest parsed into a typed model: fabric8's Kubernetes model for built-in kinds,
 * the records below for the custom resources of Strimzi and KEDA. A field the model does not know
 * is an error (fabric8 keeps such fields in {@code additionalProperties}, which {@link
 * #unknownFields} walks; the records fail on them while parsing).
 */
final class TypedManifests {

  static final Map<String, Class<?>> KINDS =
      Map.ofEntries(
          Map.entry("apps/v1 Deployment", Deployment.class),
          Map.entry("v1 Service", Service.class),
          Map.entry("v1 ConfigMap", ConfigMap.class),
          Map.entry("v1 Secret", Secret.class),
          Map.entry("policy/v1 PodDisruptionBudget", PodDisruptionBudget.class),
          Map.entry("networking.k8s.io/v1 NetworkPolicy", NetworkPolicy.class),
          Map.entry("kafka.strimzi.io/v1beta2 KafkaTopic", KafkaTopic.class),
          Map.entry("keda.sh/v1alpha1 ScaledObject", ScaledObject.class),
          Map.entry("keda.sh/v1alpha1 TriggerAuthentication", TriggerAuthentication.class));

  /** Metadata keys of a KEDA kafka trigger and a cpu trigger (keda.sh/docs/2.18/scalers). */
  static final Map<String, Set<String>> TRIGGER_METADATA =
      Map.of(
          "kafka",
          Set.of(
              "bootstrapServers",
              "consumerGroup",
              "topic",
              "lagThreshold",
              "activationLagThreshold",
              "offsetResetPolicy",
              "allowIdleConsumers",
              "scaleToZeroOnInvalidOffset",
              "excludePersistentLag",
              "limitToPartitionsWithLag",
              "partitionLimitation",
              "version"),
          "cpu",
          Set.of("value", "containerName"));

  /** Parameters a KEDA TriggerAuthentication may give the kafka scaler. */
  static final Set<String> KAFKA_AUTH_PARAMETERS =
      Set.of("sasl", "username", "password", "tls", "ca", "cert", "key", "keyPassword");

  private TypedManifests() {}

  static Object parse(ObjectMapper mapper, JsonNode manifest) {
    String id = manifest.path("apiVersion").asText() + " " + manifest.path("kind").asText();
    Class<?> type = KINDS.get(id);
    if (type == null) {
      throw new IllegalArgumentException(
          "no model for " + id + " (" + Kustomize.id(manifest) + ")");
    }
    try {
      return mapper.treeToValue(manifest, type);
    } catch (Exception e) {
      throw new IllegalArgumentException(Kustomize.id(manifest) + ": " + e.getMessage(), e);
    }
  }

  /** Paths of every field a fabric8 model did not know, e.g. {@code spec.replica}. */
  static List<String> unknownFields(Object model) {
    List<String> out = new ArrayList<>();
    walk(model, "", out);
    return out;
  }

  private static void walk(Object o, String path, List<String> out) {
    if (o instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        walk(list.get(i), path + "[" + i + "]", out);
      }
      return;
    }
    if (o instanceof Map<?, ?> map) {
      map.forEach((k, v) -> walk(v, path + "." + k, out));
      return;
    }
    if (o == null || !o.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
      return;
    }
    for (Method m : o.getClass().getMethods()) {
      if (m.getParameterCount() != 0
          || Modifier.isStatic(m.getModifiers())
          || !m.getName().startsWith("get")
          || m.getDeclaringClass() == Object.class) {
        continue;
      }
      Object value;
      try {
        value = m.invoke(o);
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException(m + ": " + e.getMessage(), e);
      }
      if (m.getName().equals("getAdditionalProperties")) {
        if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
          extra.keySet().forEach(k -> out.add((path + "." + k).substring(1)));
        }
      } else {
        String name = m.getName().substring(3);
        walk(value, path + "." + Character.toLowerCase(name.charAt(0)) + name.substring(1), out);
      }
    }
  }

  // ------------------------------------------------------------- custom resources (records)

  record Meta(
      String name, String namespace, Map<String, String> labels, Map<String, String> annotations) {}

  /** Strimzi's KafkaTopic (kafka.strimzi.io/v1beta2), the fields its CRD defines. */
  record KafkaTopic(String apiVersion, String kind, Meta metadata, KafkaTopicSpec spec) {}

  record KafkaTopicSpec(
      String topicName, int partitions, int replicas, Map<String, String> config) {}

  /** KEDA's ScaledObject (keda.sh/v1alpha1), the fields used here and their neighbours. */
  record ScaledObject(String apiVersion, String kind, Meta metadata, ScaledObjectSpec spec) {}

  record ScaledObjectSpec(
      TargetRef scaleTargetRef,
      Integer minReplicaCount,
      Integer maxReplicaCount,
      Integer idleReplicaCount,
      Integer pollingInterval,
      Integer cooldownPeriod,
      Advanced advanced,
      List<Trigger> triggers) {}

  record TargetRef(String apiVersion, String kind, String name, String envSourceContainerName) {}

  record Advanced(HpaConfig horizontalPodAutoscalerConfig, Boolean restoreToOriginalReplicaCount) {}

  record HpaConfig(String name, HorizontalPodAutoscalerBehavior behavior) {}

  record Trigger(
      String type,
      String name,
      String metricType,
      Boolean useCachedMetrics,
      AuthRef authenticationRef,
      Map<String, String> metadata) {}

  record AuthRef(String name, String kind) {}

  /** KEDA's TriggerAuthentication, secret references only. */
  record TriggerAuthentication(
      String apiVersion, String kind, Meta metadata, TriggerAuthSpec spec) {}

  record TriggerAuthSpec(List<SecretTargetRef> secretTargetRef) {}

  record SecretTargetRef(String parameter, String name, String key) {}
}
