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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Turns a WhatsApp Cloud API webhook ({@code object=whatsapp_business_account}) into contract
 * records. Every {@code entry[]} and {@code changes[]} is read; each message is routed to the
 * agency owning its {@code metadata.phone_number_id}.
 */
public final class WebhookNormalizer {

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
    for (JsonNode entry : entries) {
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
        Optional<Agency> agency = agencies.byWhatsAppPhoneNumberId(numberId);
        if (agency.isEmpty()) {
          rejected.add(
              new WebhookBatch.Rejected(
                  "UNKNOWN_ACCOUNT", "phone_number_id belongs to no agency", change.toString()));
          continue;
        }
        Map<String, String> names = profileNames(value.path("contacts"));
        for (JsonNode message : value.path("messages")) {
          messages.add(message(agency.get(), numberId, message, names));
        }
        for (JsonNode status : value.path("statuses")) {
          receipts.add(receipt(agency.get(), status));
        }
      }
    }
    return new WebhookBatch(messages, receipts, rejected);
  }

  private ComplaintReceived message(
      Agency agency, String numberId, JsonNode m, Map<String, String> names) {
    String wamid = required(m, "id");
    String from = m.path("from").asString("");
    String sender = from.isEmpty() ? m.path("from_user_id").asString("") : from;
    if (sender.isEmpty()) {
      throw new MalformedWebhookException("a message has neither from nor from_user_id");
    }
    String type = m.path("type").asString("unknown");
    String text =
        switch (type) {
          case "text" -> m.path("text").path("body").asString(null);
          case "image", "video", "document" -> m.path(type).path("caption").asString(null);
          case "button" -> m.path("button").path("text").asString(null);
          case "interactive" -> interactiveTitle(m.path("interactive"));
          default -> null;
        };
    Instant sentAt = epochSeconds(m.path("timestamp")).orElse(clock.instant());
    Map<String, String> metadata = new HashMap<>();
    String name = names.get(sender);
    if (m.path("context").has("id")) {
      metadata.put("contextFrom", m.path("context").path("from").asString(""));
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
        null,
        m.path("context").path("id").asString(null),
        List.of(),
        sentAt,
        metadata);
  }

  private static String interactiveTitle(JsonNode interactive) {
    JsonNode reply =
        interactive.has("button_reply")
            ? interactive.path("button_reply")
            : interactive.path("list_reply");
    return reply.path("title").asString(null);
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
        String id = c.path("wa_id").asString(c.path("user_id").asString(""));
        names.put(id, name);
      }
    }
    return names;
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
