package id.aduan.support.web;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How large a request body may be, per path prefix ({@code aduan.web.body-limit.*}).
 *
 * @param defaultSize the cap for every path no prefix names
 * @param paths caps by path prefix (segment boundaries, the longest prefix wins), e.g. {@code
 *     aduan.web.body-limit.paths.[/webhooks]=64KB}; a segment {@code *} matches any one segment
 */
@ConfigurationProperties("aduan.web.body-limit")
public record BodyLimitProperties(
    @DefaultValue("1MB") DataSize defaultSize, Map<String, DataSize> paths) {

  public BodyLimitProperties {
    paths = paths == null ? Map.of() : Map.copyOf(paths);
  }

  /** The limit that applies to {@code path}: its name (the prefix, or "default") and its bytes. */
  public Limit limitFor(String path) {
    String best = null;
    for (String prefix : paths.keySet()) {
      String p = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
      boolean matches =
          p.contains("*") ? matchesPattern(path, p) : path.equals(p) || path.startsWith(p + "/");
      matches = matches || p.isEmpty();
      if (matches && (best == null || p.length() > strip(best).length())) {
        best = prefix;
      }
    }
    return best == null
        ? new Limit("default", defaultSize.toBytes())
        : new Limit(best, paths.get(best).toBytes());
  }

  /**
   * A prefix with {@code *} segments (e.g. {@code /api/v1/cases/*}{@code /files}): each {@code *}
   * stands for exactly one path segment.
   */
  private static boolean matchesPattern(String path, String pattern) {
    String[] want = pattern.split("/", -1);
    String[] have = path.split("/", -1);
    if (have.length < want.length) {
      return false;
    }
    for (int i = 0; i < want.length; i++) {
      if (!want[i].equals("*") ? !want[i].equals(have[i]) : have[i].isEmpty()) {
        return false;
      }
    }
    return true;
  }

  private static String strip(String prefix) {
    return prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
  }

  /** A cap and the name its refusals are counted under. */
  public record Limit(String name, long bytes) {}
}
