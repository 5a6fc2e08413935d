package id.aduan.whatsapp.domain;

import id.aduan.agency.Agency;
import id.aduan.agency.AgencyCatalog;
import id.aduan.contracts.Channel;
import id.aduan.contracts.ComplaintReceived;
import id.aduan.contracts.DeliveryReceipt;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Turns a WhatsApp Cloud API webhook ({@code object=whatsapp_business_account}) into contract
 * records. Every {@code entry[]} and {@code changes[]} is read; each message is routed to the
 * agency owning its {@code metadata.phone_number_id}. Every message type becomes a {@link
 * ComplaintReceived}: types this adapter does not know are passed on with their type and no text,
 * because the citizen did write and deserves an answer.
 */
public final class WebhookNormalizer {

  private static final Set<String> MEDIA_TYPES =
      Set.of("image", "audio", "video", "document", "sticker");

  private final AgencyCatalog agencies;
  private final Clock clock;

  public WebhookNormalizer(AgencyCatalog agencies, Clock clock) {
    this.agencies = agencies;
    this.clock = clock;
  }

  public WebhookBatch normalize(JsonNode root) {
    if (!"whatsapp_business_account".equals(root.path("object").asString(""))) {
      throw new MalformedWebhookException("object must be whatsapp_business_account");
    }
    JsonNode entries = root.path("entry");
    if (!entries.isArray()) {
      throw new MalformedWebhookException("entry must be an array");
    }
    List<ComplaintReceived> messages = new ArrayList<>();
    List<DeliveryReceipt> receipts = new ArrayList<>();
    List<WebhookBatch.Rejected> rejected = new ArrayList<>();
    Map<String, List<WebhookBatch.MediaRef>> media = new LinkedHashMap<>();
    for (JsonNode entry : entries) {
      if (!entry.path("changes").isArray()) {
        throw new MalformedWebhookException("entry.changes must be an array");
      }
      for (JsonNode change : entry.path("changes")) {
        JsonNode value = change.path("value");
        String numberId = value.path("metadata").path("phone_number_id").asString("");
        if (!"messages".equals(change.path("field").asString(""))) {
          rejected.add(
              new WebhookBatch.Rejected(
                  "UNSUPPORTED_FIELD",
                  "field " + change.path("field").asString("?"),
                  change.toString()));
          continue;
        }
        if (numberId.isEmpty()) {
          throw new MalformedWebhookException("value.metadata.phone_number_id is required");
        }
        Optional<Agency> agency = agencies.byWhatsAppPhoneNumberId(numberId);
        if (agency.isEmpty()) {
          rejected.add(
              new WebhookBatch.Rejected(
                  "UNKNOWN_ACCOUNT", "phone_number_id belongs to no agency", change.toString()));
          continue;
        }
        Map<String, String> names = profileNames(value.path("contacts"));
        for (JsonNode message : value.path("messages")) {
          ComplaintReceived complaint = message(agency.get(), numberId, message, names);
          messages.add(complaint);
          mediaRef(message, complaint.messageType())
              .ifPresent(ref -> media.put(complaint.providerMessageId(), List.of(ref)));
        }
        for (JsonNode status : value.path("statuses")) {
          receipts.add(receipt(agency.get(), status));
        }
      }
    }
    return new WebhookBatch(messages, receipts, rejected, media);
  }

  private ComplaintReceived message(
      Agency agency, String numberId, JsonNode m, Map<String, String> names) {
    String wamid = required(m, "id");
    String from = m.path("from").asString("");
    // Without a phone number (a username-only account), Meta sends the business-scoped user id.
    String userId = m.path("from_user_id").asString(m.path("user_id").asString(""));
    String sender = from.isEmpty() ? userId : from;
    if (sender.isEmpty()) {
      throw new MalformedWebhookException("a message has neither from nor from_user_id");
    }
    String type = m.path("type").asString("");
    if (type.isEmpty()) {
      throw new MalformedWebhookException("type is required");
    }
    Map<String, String> metadata = new HashMap<>();
    metadata.put("senderIdKind", from.isEmpty() ? "business_scoped_user_id" : "phone_number");
    if (!from.isEmpty() && !userId.isEmpty()) {
      metadata.put("userId", userId);
    }
    String inReplyTo = null;
    JsonNode context = m.path("context");
    if (context.has("id")) {
      inReplyTo = context.path("id").asString();
      putIfPresent(metadata, "contextFrom", context.path("from"));
    }
    if (context.path("forwarded").asBoolean(false)
        || context.path("frequently_forwarded").asBoolean(false)) {
      metadata.put("forwarded", "true");
    }
    JsonNode referral = m.path("referral");
    if (referral.isObject()) {
      for (String field :
          List.of("source_url", "source_id", "source_type", "headline", "body", "ctwa_clid")) {
        putIfPresent(metadata, "referral." + field, referral.path(field));
      }
    }
    String text = null;
    ComplaintReceived.Location location = null;
    switch (type) {
      case "text" -> text = m.path("text").path("body").asString(null);
      case "image", "video", "document", "sticker", "audio" -> {
        text = m.path(type).path("caption").asString(null);
        if (m.path(type).path("voice").asBoolean(false)) {
          metadata.put("voice", "true");
        }
        if (m.path(type).path("animated").asBoolean(false)) {
          metadata.put("animated", "true");
        }
      }
      case "location" -> {
        JsonNode l = m.path("location");
        if (!l.path("latitude").isNumber() || !l.path("longitude").isNumber()) {
          throw new MalformedWebhookException("location needs numeric latitude and longitude");
        }
        location =
            new ComplaintReceived.Location(
                l.path("latitude").asDouble(),
                l.path("longitude").asDouble(),
                l.path("name").asString(null),
                l.path("address").asString(null));
        putIfPresent(metadata, "location.url", l.path("url"));
      }
      case "contacts" -> text = contactsText(m.path("contacts"));
      case "button" -> {
        text = m.path("button").path("text").asString(null);
        putIfPresent(metadata, "buttonPayload", m.path("button").path("payload"));
      }
      case "interactive" -> {
        JsonNode interactive = m.path("interactive");
        JsonNode reply =
            interactive.has("button_reply")
                ? interactive.path("button_reply")
                : interactive.path("list_reply");
        text = reply.path("title").asString(null);
        putIfPresent(metadata, "replyId", reply.path("id"));
        putIfPresent(metadata, "replyDescription", reply.path("description"));
        putIfPresent(metadata, "interactiveType", interactive.path("type"));
      }
      case "reaction" -> {
        JsonNode reaction = m.path("reaction");
        // An empty emoji means the citizen removed their reaction.
        text = reaction.path("emoji").asString("");
        inReplyTo = reaction.path("message_id").asString(inReplyTo);
        metadata.put("reaction", text.isEmpty() ? "removed" : "added");
        text = text.isEmpty() ? null : text;
      }
      case "unsupported" -> {
        JsonNode error = m.path("errors").path(0);
        putIfPresent(metadata, "errorCode", error.path("code"));
        putIfPresent(metadata, "errorTitle", error.path("title"));
      }
      default -> metadata.put("unknownType", "true");
    }
    Instant sentAt = epochSeconds(m.path("timestamp")).orElse(clock.instant());
    String name = names.get(sender);
    if (name == null && !userId.isEmpty()) {
      name = names.get(userId);
    }
    return new ComplaintReceived(
        UUID.randomUUID().toString(),
        clock.instant(),
        agency.code(),
        Channel.WHATSAPP,
        numberId,
        wamid,
        new ComplaintReceived.Sender(sender, name, false, false),
        type,
        null,
        text,
        List.of(),
        location,
        inReplyTo,
        List.of(),
        sentAt,
        metadata,
        null);
  }

  private static Optional<WebhookBatch.MediaRef> mediaRef(JsonNode m, String type) {
    if (!MEDIA_TYPES.contains(type)) {
      return Optional.empty();
    }
    JsonNode media = m.path(type);
    String id = media.path("id").asString("");
    if (id.isEmpty()) {
      throw new MalformedWebhookException(type + ".id is required");
    }
    return Optional.of(
        new WebhookBatch.MediaRef(
            id,
            type,
            media.path("mime_type").asString(null),
            media.path("sha256").asString(null),
            media.path("filename").asString(null),
            null));
  }

  /** A shared contact card as a readable line per contact: name and numbers. */
  private static @Nullable String contactsText(JsonNode contacts) {
    List<String> lines = new ArrayList<>();
    for (JsonNode c : contacts) {
      List<String> phones = new ArrayList<>();
      for (JsonNode p : c.path("phones")) {
        phones.add(p.path("phone").asString(p.path("wa_id").asString("")));
      }
      String name = c.path("name").path("formatted_name").asString("");
      lines.add((name + " " + String.join(", ", phones)).strip());
    }
    return lines.isEmpty() ? null : String.join("\n", lines);
  }

  private DeliveryReceipt receipt(Agency agency, JsonNode s) {
    DeliveryReceipt.Status status =
        switch (s.path("status").asString("")) {
          case "sent" -> DeliveryReceipt.Status.SENT;
          case "delivered" -> DeliveryReceipt.Status.DELIVERED;
          case "read" -> DeliveryReceipt.Status.READ;
          case "failed" -> DeliveryReceipt.Status.FAILED;
          default ->
              throw new MalformedWebhookException(
                  "unknown status " + s.path("status").asString("?"));
        };
    JsonNode error = s.path("errors").path(0);
    return new DeliveryReceipt(
        UUID.randomUUID().toString(),
        clock.instant(),
        Channel.WHATSAPP,
        agency.code(),
        null,
        required(s, "id"),
        status,
        error.isMissingNode() ? null : error.path("code").asString(null),
        error.isMissingNode() ? null : error.path("title").asString(null),
        epochSeconds(s.path("timestamp")).orElse(clock.instant()));
  }

  private static Map<String, String> profileNames(JsonNode contacts) {
    Map<String, String> names = new HashMap<>();
    for (JsonNode c : contacts) {
      String name = c.path("profile").path("name").asString(null);
      if (name != null) {
        for (String field : List.of("wa_id", "user_id")) {
          String id = c.path(field).asString("");
          if (!id.isEmpty()) {
            names.put(id, name);
          }
        }
      }
    }
    return names;
  }

  private static void putIfPresent(Map<String, String> metadata, String key, JsonNode node) {
    if (!node.isMissingNode() && !node.isNull() && !node.asString("").isEmpty()) {
      metadata.put(key, node.asString());
    }
  }

  private static Optional<Instant> epochSeconds(JsonNode node) {
    try {
      return node.isMissingNode()
          ? Optional.empty()
          : Optional.of(Instant.ofEpochSecond(Long.parseLong(node.asString())));
    } catch (NumberFormatException e) {
      throw new MalformedWebhookException("timestamp is not epoch seconds");
    }
  }

  private static String required(JsonNode node, String field) {
    String value = node.path(field).asString("");
    if (value.isEmpty()) {
      throw new MalformedWebhookException(field + " is required");
    }
    return value;
  }
}
