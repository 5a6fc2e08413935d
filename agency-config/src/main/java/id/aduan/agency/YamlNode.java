package id.aduan.agency;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A read-only view of a composed YAML node that remembers where it came from, so that every
 * validation error can name the file, the path and the line.
 */
public final class YamlNode {

  private final String file;
  private final String path;
  private final Node node;

  YamlNode(String file, String path, Node node) {
    this.file = file;
    this.path = path;
    this.node = node;
  }

  public String path() {
    return path;
  }

  public int line() {
    return node.getStartMark().getLine() + 1;
  }

  public AgencyConfigException error(String reason) {
    return new AgencyConfigException(file, path, line(), reason);
  }

  private Map<String, YamlNode> entries() {
    if (!(node instanceof MappingNode mapping)) {
      throw error("expected a mapping (key: value lines)");
    }
    Map<String, YamlNode> entries = new LinkedHashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
        throw error("keys must be plain words");
      }
      String child = path.isEmpty() ? key.getValue() : path + "." + key.getValue();
      entries.put(key.getValue(), new YamlNode(file, child, tuple.getValueNode()));
    }
    return entries;
  }

  /** Fails on keys this version does not know, so that a typo does not pass silently. */
  public YamlNode allowOnly(String... keys) {
    List<String> allowed = List.of(keys);
    for (Map.Entry<String, YamlNode> e : entries().entrySet()) {
      if (!allowed.contains(e.getKey())) {
        throw e.getValue().error("unknown key '" + e.getKey() + "' (allowed: " + allowed + ")");
      }
    }
    return this;
  }

  public Optional<YamlNode> optional(String key) {
    YamlNode child = entries().get(key);
    if (child == null || isNull(child.node)) {
      return Optional.empty();
    }
    return Optional.of(child);
  }

  public YamlNode required(String key) {
    return optional(key)
        .orElseThrow(() -> new AgencyConfigException(file, join(key), line(), "is required"));
  }

  public String text(String key) {
    return required(key).scalar();
  }

  public @Nullable String textOrNull(String key) {
    return optional(key).map(YamlNode::scalar).orElse(null);
  }

  public String textOr(String key, String fallback) {
    return optional(key).map(YamlNode::scalar).orElse(fallback);
  }

  public <T> T parse(String key, Function<String, T> parser, String expected) {
    YamlNode child = required(key);
    return child.as(parser, expected);
  }

  public <T> T as(Function<String, T> parser, String expected) {
    String raw = scalar();
    try {
      return parser.apply(raw);
    } catch (RuntimeException e) {
      throw error("'" + raw + "' is not " + expected);
    }
  }

  public String scalar() {
    if (!(node instanceof ScalarNode scalar)) {
      throw error("expected a single value");
    }
    return scalar.getValue();
  }

  public List<YamlNode> list(String key) {
    return optional(key).map(YamlNode::items).orElse(List.of());
  }

  public List<YamlNode> items() {
    if (!(node instanceof SequenceNode sequence)) {
      throw error("expected a list (lines starting with '-')");
    }
    List<YamlNode> items = new ArrayList<>();
    for (int i = 0; i < sequence.getValue().size(); i++) {
      items.add(new YamlNode(file, path + "[" + i + "]", sequence.getValue().get(i)));
    }
    return items;
  }

  /** The entries of a mapping whose keys are names chosen by the file's author. */
  public Map<String, YamlNode> namedEntries() {
    return entries();
  }

  public List<String> textList(String key) {
    return list(key).stream().map(YamlNode::scalar).toList();
  }

  private String join(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private static boolean isNull(Node node) {
    return node instanceof ScalarNode scalar
        && "tag:yaml.org,2002:null".equals(scalar.getTag().getValue());
  }
}
