package id.aduan.platform.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Renders a kustomization of deploy/k8s without kubectl: the few features its overlays use, and a
 * loud failure for any other, so a feature this renderer does not know is never skipped.
 *
 * <p>Supported: {@code resources} (files and directories with a kustomization), {@code namespace},
 * {@code images} ({@code name}, {@code newName}, {@code newTag}) and {@code patches} with a {@code
 * path} whose documents name their target by apiVersion, kind and name. Patches merge as kustomize
 * does: built-in kinds by strategic merge (lists of named objects, e.g. containers and env, merged
 * by {@code name}; lists whose merge key is not {@code name} refused), custom resources by JSON
 * merge patch (lists replaced whole); {@code null} deletes a key in both.
 */
final class Kustomize {

  private static final Set<String> KEYS =
      Set.of("apiVersion", "kind", "namespace", "resources", "patches", "images");
  private static final Set<String> BUILT_IN =
      Set.of(
          "Deployment",
          "Service",
          "ConfigMap",
          "Secret",
          "PodDisruptionBudget",
          "NetworkPolicy",
          "HorizontalPodAutoscaler");

  /** Strategic-merge lists whose merge key is not {@code name}. */
  private static final Set<String> OTHER_MERGE_KEYS = Set.of("ports", "volumeMounts");

  private Kustomize() {}

  static List<ObjectNode> render(Path dir) {
    Path file = dir.resolve("kustomization.yaml");
    JsonNode k = DeployFiles.yaml(file);
    k.fieldNames()
        .forEachRemaining(
            key -> {
              if (!KEYS.contains(key)) {
                throw new IllegalArgumentException(file + ": unsupported key " + key);
              }
            });
    List<ObjectNode> out = new ArrayList<>();
    for (JsonNode r : k.path("resources")) {
      Path p = dir.resolve(r.asText()).normalize();
      out.addAll(Files.isDirectory(p) ? render(p) : DeployFiles.documents(p));
    }
    for (JsonNode patch : k.path("patches")) {
      if (patch.size() != 1 || !patch.has("path")) {
        throw new IllegalArgumentException(file + ": a patch needs exactly a path: " + patch);
      }
      for (ObjectNode doc : DeployFiles.documents(dir.resolve(patch.get("path").asText()))) {
        ObjectNode target = find(out, doc, file);
        merge(target, doc, BUILT_IN.contains(doc.path("kind").asText()), "");
      }
    }
    for (JsonNode image : k.path("images")) {
      setImage(out, image);
    }
    if (k.has("namespace")) {
      String ns = k.get("namespace").asText();
      out.forEach(o -> ((ObjectNode) o.get("metadata")).put("namespace", ns));
    }
    Set<String> seen = new HashSet<>();
    for (ObjectNode o : out) {
      if (!seen.add(id(o))) {
        throw new IllegalArgumentException(file + ": resource twice: " + id(o));
      }
    }
    return out;
  }

  static String id(JsonNode o) {
    return o.path("apiVersion").asText()
        + " "
        + o.path("kind").asText()
        + " "
        + o.path("metadata").path("name").asText();
  }

  private static ObjectNode find(List<ObjectNode> resources, ObjectNode patch, Path file) {
    List<ObjectNode> matches = resources.stream().filter(r -> id(r).equals(id(patch))).toList();
    if (matches.size() != 1) {
      throw new IllegalArgumentException(
          file + ": patch target " + id(patch) + " matched " + matches.size() + " resources");
    }
    return matches.getFirst();
  }

  static void merge(ObjectNode target, ObjectNode patch, boolean strategic, String path) {
    for (var it = patch.fields(); it.hasNext(); ) {
      var e = it.next();
      String key = e.getKey();
      JsonNode value = e.getValue();
      JsonNode current = target.get(key);
      String at = path + "." + key;
      if (value.isNull()) {
        target.remove(key);
      } else if (value.isObject() && current != null && current.isObject()) {
        merge((ObjectNode) current, (ObjectNode) value, strategic, at);
      } else if (strategic && value.isArray() && current != null && current.isArray()) {
        mergeList((ArrayNode) current, (ArrayNode) value, at);
      } else {
        target.set(key, value.deepCopy());
      }
    }
  }

  private static void mergeList(ArrayNode current, ArrayNode patch, String path) {
    boolean named = true;
    for (JsonNode n : patch) {
      named &= n.isObject() && n.has("name");
    }
    if (!named) {
      if (OTHER_MERGE_KEYS.stream().anyMatch(k -> path.endsWith("." + k))) {
        throw new IllegalArgumentException(path + ": merge key is not name; not supported");
      }
      current.removeAll();
      current.addAll(patch.deepCopy());
      return;
    }
    for (JsonNode n : patch) {
      ObjectNode existing = null;
      for (JsonNode c : current) {
        if (c.path("name").asText().equals(n.get("name").asText())) {
          existing = (ObjectNode) c;
        }
      }
      if (existing == null) {
        current.add(n.deepCopy());
      } else {
        merge(existing, (ObjectNode) n, true, path + "[" + n.get("name").asText() + "]");
      }
    }
  }

  private static void setImage(List<ObjectNode> resources, JsonNode image) {
    String name = image.path("name").asText();
    for (ObjectNode r : resources) {
      for (JsonNode c : r.path("spec").path("template").path("spec").path("containers")) {
        String ref = c.path("image").asText();
        int colon = ref.lastIndexOf(':');
        String repo = colon > ref.lastIndexOf('/') ? ref.substring(0, colon) : ref;
        String tag = colon > ref.lastIndexOf('/') ? ref.substring(colon + 1) : "latest";
        if (repo.equals(name)) {
          ((ObjectNode) c)
              .put(
                  "image",
                  image.path("newName").asText(repo) + ":" + image.path("newTag").asText(tag));
        }
      }
    }
  }
}
