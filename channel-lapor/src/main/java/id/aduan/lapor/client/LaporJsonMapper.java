package id.aduan.lapor.client;

import id.aduan.lapor.domain.LaporGateway;
import id.aduan.lapor.domain.LaporReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads LAPOR!'s JSON into the domain, one mapper per {@code api_version} the response declares.
 * When LAPOR! changes its format, a new version is added beside the old one instead of changing it,
 * so an agency still on the old API keeps working (docs/adr/0010).
 */
sealed interface LaporJsonMapper permits LaporJsonMapper.V1 {

  String version();

  LaporGateway.Page page(JsonNode root, String raw);

  LaporGateway.Topics topics(JsonNode root, String raw);

  /** Reads a JSON page of reports, whatever its version. */
  static LaporGateway.Page readPage(JsonMapper json, String raw) {
    JsonNode root = tree(json, raw);
    return LaporProtocolException.reading(raw, () -> forVersion(root).page(root, raw));
  }

  static LaporGateway.Topics readTopics(JsonMapper json, String raw) {
    JsonNode root = tree(json, raw);
    return LaporProtocolException.reading(raw, () -> forVersion(root).topics(root, raw));
  }

  /**
   * @throws LaporProtocolException naming the line and column, never the content
   */
  static JsonNode tree(JsonMapper json, String raw) {
    try {
      JsonNode root = json.readTree(raw);
      if (root == null || !root.isObject()) {
        throw new LaporProtocolException("the JSON answer is not an object", raw);
      }
      return root;
    } catch (JacksonException e) {
      // Deliberately without the cause: Jackson's message quotes the document.
      String where =
          e.getLocation() == null
              ? ""
              : " (line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr()
                  + ")";
      throw new LaporProtocolException("the JSON answer is not well-formed" + where, raw);
    }
  }

  static LaporJsonMapper forVersion(JsonNode root) {
    String version = root.path("api_version").asString("");
    return switch (version) {
      case "1" -> V1.INSTANCE;
      default ->
          throw new LaporProtocolException("unsupported LAPOR! api_version '" + version + "'");
    };
  }

  /** Version 1 of the assumed contract (docs/lapor.md). */
  final class V1 implements LaporJsonMapper {

    static final V1 INSTANCE = new V1();

    @Override
    public String version() {
      return "1";
    }

    @Override
    public LaporGateway.Page page(JsonNode root, String raw) {
      if (!root.path("data").isArray()) {
        throw new LaporProtocolException("the page has no 'data' array", raw);
      }
      List<LaporReport> reports = new ArrayList<>();
      List<LaporGateway.Unreadable> unreadable = new ArrayList<>();
      for (JsonNode r : root.path("data")) {
        // One bad report must not hold back the agency's whole queue: it is set aside with its
        // reason (and dead-lettered), the others go on.
        try {
          reports.add(report(r));
        } catch (LaporProtocolException e) {
          unreadable.add(new LaporGateway.Unreadable(r.toString(), e.getMessage()));
        }
      }
      JsonNode next = root.path("next_cursor");
      return new LaporGateway.Page(
          reports,
          unreadable,
          next.isString() && !next.asString().isBlank() ? next.asString() : null,
          raw);
    }

    @Override
    public LaporGateway.Topics topics(JsonNode root, String raw) {
      if (!root.path("data").isArray()) {
        // An empty tree would retire every category: refuse instead.
        throw new LaporProtocolException("the category tree has no 'data' array", raw);
      }
      List<LaporGateway.Topic> topics = new ArrayList<>();
      for (JsonNode t : root.path("data")) {
        topics.add(
            new LaporGateway.Topic(required(t, "id"), required(t, "name"), text(t, "parent_id")));
      }
      return new LaporGateway.Topics(topics, raw);
    }

    static LaporReport report(JsonNode r) {
      JsonNode category = r.path("category");
      JsonNode reporter = r.path("reporter");
      JsonNode location = r.path("location");
      List<String> tags = new ArrayList<>();
      r.path("tags").forEach(t -> tags.add(t.asString()));
      List<LaporReport.Attachment> attachments = new ArrayList<>();
      for (JsonNode a : r.path("attachments")) {
        attachments.add(
            new LaporReport.Attachment(
                required(a, "id"),
                text(a, "file_name"),
                text(a, "mime_type"),
                a.path("size").asLong(0),
                required(a, "url")));
      }
      List<LaporReport.Disposition> dispositions = new ArrayList<>();
      for (JsonNode d : r.path("dispositions")) {
        dispositions.add(
            new LaporReport.Disposition(
                text(d, "from"),
                text(d, "to"),
                instant(d, "at"),
                text(d, "note"),
                text(d, "to_id")));
      }
      List<LaporReport.FollowUp> followUps = new ArrayList<>();
      for (JsonNode f : r.path("follow_ups")) {
        followUps.add(
            new LaporReport.FollowUp(
                required(f, "id"), text(f, "author"), instant(f, "at"), text(f, "text")));
      }
      Instant updatedAt = instant(r, "updated_at");
      Instant createdAt = instant(r, "created_at");
      if (updatedAt == null || createdAt == null) {
        throw new LaporProtocolException("a report lacks created_at or updated_at");
      }
      if (!r.path("version").canConvertToLong()) {
        throw new LaporProtocolException("a report lacks its version");
      }
      return new LaporReport(
          required(r, "tracking_id"),
          text(r, "transaction_id"),
          r.path("version").asLong(),
          r.path("title").asString(""),
          r.path("content").asString(""),
          text(r, "classification"),
          category.isObject()
              ? new LaporReport.Category(required(category, "id"), text(category, "name"))
              : null,
          tags,
          required(r, "status"),
          createdAt,
          updatedAt,
          flag(r, "anonymous"),
          flag(r, "confidential"),
          reporter.isObject()
              ? new LaporReport.Reporter(
                  required(reporter, "id"),
                  text(reporter, "name"),
                  text(reporter, "phone"),
                  text(reporter, "email"))
              : null,
          location.isObject()
              ? new LaporReport.Location(
                  location.path("lat").isNumber() ? location.get("lat").asDouble() : null,
                  location.path("lng").isNumber() ? location.get("lng").asDouble() : null,
                  text(location, "address"))
              : null,
          attachments,
          dispositions,
          followUps);
    }

    /**
     * Absent is false, as the contract says; anything but a boolean is refused. Reading "ya" as
     * false would pass an anonymous reporter's identity on.
     */
    private static boolean flag(JsonNode node, String field) {
      JsonNode value = node.path(field);
      if (value.isMissingNode() || value.isNull()) {
        return false;
      }
      if (!value.isBoolean()) {
        throw new LaporProtocolException("'" + field + "' is not true or false");
      }
      return value.asBoolean();
    }

    private static String required(JsonNode node, String field) {
      String value = text(node, field);
      if (value == null) {
        throw new LaporProtocolException("LAPOR! sent no '" + field + "'");
      }
      return value;
    }

    private static @Nullable String text(JsonNode node, String field) {
      JsonNode value = node.path(field);
      return value.isString() || value.isNumber() ? value.asString() : null;
    }

    private static @Nullable Instant instant(JsonNode node, String field) {
      String value = text(node, field);
      try {
        return value == null ? null : Instant.parse(value);
      } catch (java.time.format.DateTimeParseException e) {
        throw new LaporProtocolException("'" + field + "' is not an ISO-8601 instant");
      }
    }
  }
}
