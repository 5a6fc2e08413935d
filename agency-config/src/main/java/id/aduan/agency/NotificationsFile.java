package id.aduan.agency;

import java.time.Duration;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code notifications} section of an agency file: status link, quiet hours, the daily limit of
 * automatic messages, survey delay, digest time, contacts and approved WhatsApp templates.
 */
final class NotificationsFile {

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final Pattern TEMPLATE_NAME = Pattern.compile("[a-z0-9_]{1,512}|HX[0-9a-f]{32}");

  /** The purposes a WhatsApp template may be approved for (OutboundMessage purposes). */
  static final List<String> PURPOSES =
      List.of(
          "ACKNOWLEDGEMENT",
          "INFORMATION_REQUEST",
          "STATUS",
          "ANSWER",
          "RESOLUTION",
          "REJECTION",
          "SURVEY");

  private NotificationsFile() {}

  static Agency.Notifications read(YamlNode root, List<String> roles) {
    YamlNode n = root.optional("notifications").orElse(null);
    if (n == null) {
      return Agency.Notifications.DEFAULTS;
    }
    Agency.Notifications d = Agency.Notifications.DEFAULTS;
    n.allowOnly(
        "statusUrl",
        "quietHours",
        "maxAutomaticPerDay",
        "surveyDelay",
        "digestAt",
        "contacts",
        "whatsappTemplates");
    String statusUrl = n.textOrNull("statusUrl");
    if (statusUrl != null && !statusUrl.matches("https?://\\S+")) {
      throw n.required("statusUrl").error("must be an http(s) URL");
    }
    Agency.QuietHours quiet =
        n.optional("quietHours")
            .map(
                q -> {
                  q.allowOnly("from", "to");
                  LocalTime from = q.parse("from", LocalTime::parse, "a time such as 21:00");
                  LocalTime to = q.parse("to", LocalTime::parse, "a time such as 06:00");
                  if (from.equals(to)) {
                    throw q.error("from and to must differ");
                  }
                  return new Agency.QuietHours(from, to);
                })
            .orElse(null);
    int max =
        n.optional("maxAutomaticPerDay")
            .map(
                m -> {
                  int v = m.as(Integer::parseInt, "a whole number");
                  if (v < 1) {
                    throw m.error("must be at least 1");
                  }
                  return v;
                })
            .orElse(d.maxAutomaticPerDay());
    Duration surveyDelay =
        n.optional("surveyDelay")
            .map(s -> s.as(Duration::parse, "an ISO-8601 duration such as PT1H"))
            .orElse(d.surveyDelay());
    if (surveyDelay.isNegative()) {
      throw n.required("surveyDelay").error("must not be negative");
    }
    LocalTime digestAt =
        n.optional("digestAt")
            .map(s -> s.as(LocalTime::parse, "a time such as 07:00"))
            .orElse(d.digestAt());
    return new Agency.Notifications(
        statusUrl,
        quiet,
        max,
        surveyDelay,
        digestAt,
        n.optional("contacts").map(c -> contacts(c, roles)).orElse(d.contacts()),
        n.optional("whatsappTemplates").map(NotificationsFile::templates).orElse(Map.of()));
  }

  private static Agency.Contacts contacts(YamlNode c, List<String> roles) {
    c.allowOnly("roles", "divisions", "officers");
    Map<String, List<String>> byRole = new LinkedHashMap<>();
    c.optional("roles")
        .ifPresent(
            r -> {
              for (Map.Entry<String, YamlNode> e : r.namedEntries().entrySet()) {
                if (!roles.contains(e.getKey())) {
                  throw e.getValue()
                      .error("unknown role '" + e.getKey() + "' (allowed: " + roles + ")");
                }
                byRole.put(e.getKey(), emails(e.getValue()));
              }
            });
    Map<String, List<String>> byDivision = new LinkedHashMap<>();
    c.optional("divisions")
        .ifPresent(r -> r.namedEntries().forEach((code, v) -> byDivision.put(code, emails(v))));
    Map<String, String> officers = new LinkedHashMap<>();
    c.optional("officers")
        .ifPresent(
            r ->
                r.namedEntries()
                    .forEach(
                        (user, v) ->
                            officers.put(
                                user, v.as(NotificationsFile::email, "an email address"))));
    return new Agency.Contacts(byRole, byDivision, officers);
  }

  private static List<String> emails(YamlNode list) {
    return list.items().stream()
        .map(i -> i.as(NotificationsFile::email, "an email address"))
        .toList();
  }

  private static String email(String raw) {
    if (!EMAIL.matcher(raw).matches()) {
      throw new IllegalArgumentException(raw);
    }
    return raw;
  }

  private static Map<String, Agency.WhatsAppTemplate> templates(YamlNode t) {
    Map<String, Agency.WhatsAppTemplate> out = new LinkedHashMap<>();
    for (Map.Entry<String, YamlNode> e : t.namedEntries().entrySet()) {
      if (!PURPOSES.contains(e.getKey())) {
        throw e.getValue()
            .error("unknown purpose '" + e.getKey() + "' (allowed: " + PURPOSES + ")");
      }
      YamlNode w = e.getValue();
      w.allowOnly("name", "language", "parameters");
      String name = w.text("name");
      if (!TEMPLATE_NAME.matcher(name).matches()) {
        throw w.required("name")
            .error("must be a Meta template name (a-z, 0-9, _) or a Twilio Content SID (HX...)");
      }
      List<String> parameters = w.textList("parameters");
      for (YamlNode p : w.list("parameters")) {
        if (!RulesFile.PLACEHOLDERS.contains(p.scalar())) {
          throw p.error(
              "unknown placeholder '" + p.scalar() + "' (known: " + RulesFile.PLACEHOLDERS + ")");
        }
      }
      out.put(
          e.getKey(), new Agency.WhatsAppTemplate(name, w.textOr("language", "id"), parameters));
    }
    return out;
  }
}
