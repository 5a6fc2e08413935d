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
 * {@code images} ({@code name}, {@code newName}, {@code newTag}) and {@code patches}: either a
 * {@code path} to one document that names its target by apiVersion, kind and name, merged as
 * kustomize does (built-in kinds by strategic merge: lists of named objects such as containers and
 * env merged by {@code name}, lists whose merge key is not {@code name} refused; custom resources
 * by JSON merge patch, lists replaced whole; {@code null} deletes a key in both), or a {@code path}
 * to a JSON patch with a {@code target} of {@code kind} and optionally {@code name} ({@code add},
 * {@code replace}, {@code remove}; a path that is not there is an error, as in kustomize).
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
      Path patchFile = dir.resolve(patch.path("path").asText());
      if (!patch.has("path") || patch.size() > (patch.has("target") ? 2 : 1)) {
        throw new IllegalArgumentException(
            file + ": a patch is a path and maybe a target: " + patch);
      }
      if (patch.has("target")) {
        applyOperations(out, patch.get("target"), DeployFiles.yaml(patchFile), patchFile);
        continue;
      }
      List<ObjectNode> docs = DeployFiles.documents(patchFile);
      if (docs.size() != 1) {
        // kustomize's patches field takes one patch per file (patchesStrategicMerge took more)
        throw new IllegalArgumentException(patchFile + ": one patch per file, not " + docs.size());
      }
      ObjectNode doc = docs.getFirst();
      merge(find(out, doc, file), doc, BUILT_IN.contains(doc.path("kind").asText()), "");
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

  /**
   * A JSON patch (RFC 6902: {@code add}, {@code replace}, {@code remove} on JSON pointers) applied
   * to every resource of the target's {@code kind} (and {@code name}, when given).
   */
  private static void applyOperations(
      List<ObjectNode> resources, JsonNode target, JsonNode operations, Path file) {
    target
        .fieldNames()
        .forEachRemaining(
            key -> {
              if (!Set.of("kind", "name").contains(key)) {
                throw new IllegalArgumentException(file + ": unsupported target key " + key);
              }
            });
    List<ObjectNode> matched =
        resources.stream()
            .filter(r -> r.path("kind").asText().equals(target.path("kind").asText()))
            .filter(
                r ->
                    !target.has("name")
                        || r.path("metadata")
                            .path("name")
                            .asText()
                            .equals(target.get("name").asText()))
            .toList();
    if (matched.isEmpty() || !operations.isArray()) {
      throw new IllegalArgumentException(file + ": matches nothing or is not a list of operations");
    }
    for (ObjectNode resource : matched) {
      for (JsonNode op : operations) {
        String pointer = op.path("path").asText();
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = resource.at(pointer.substring(0, slash));
        String last = pointer.substring(slash + 1);
        String name = op.path("op").asText();
        boolean exists = parent.isObject() ? parent.has(last) : parent.has(Integer.parseInt(last));
        if (parent.isMissingNode() || (!name.equals("add") && !exists)) {
          throw new IllegalArgumentException(
              file + ": " + pointer + " not in " + Kustomize.id(resource));
        }
        switch (name) {
          case "add", "replace" -> {
            if (parent instanceof ObjectNode o) {
              o.set(last, op.get("value").deepCopy());
            } else {
              ((ArrayNode) parent).set(Integer.parseInt(last), op.get("value").deepCopy());
            }
          }
          case "remove" -> {
            if (parent instanceof ObjectNode o) {
              o.remove(last);
            } else {
              ((ArrayNode) parent).remove(Integer.parseInt(last));
            }
          }
          default -> throw new IllegalArgumentException(file + ": unsupported op " + name);
        }
      }
    }
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
