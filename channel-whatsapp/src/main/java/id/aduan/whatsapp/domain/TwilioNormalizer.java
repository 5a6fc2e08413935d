package id.aduan.whatsapp.domain;

import id.aduan.agency.Agency;
import id.aduan.agency.AgencyCatalog;
import id.aduan.contracts.Channel;
import id.aduan.contracts.ComplaintReceived;
import id.aduan.contracts.DeliveryReceipt;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Turns one Twilio WhatsApp webhook (form parameters) into the same records as a Cloud API webhook:
 * an incoming message ({@code MessageSid}, {@code From=whatsapp:+62...}, {@code Body}, {@code
 * NumMedia} with {@code MediaUrlN}, {@code Latitude}/{@code Longitude}, button replies) or a status
 * callback ({@code MessageStatus}). The agency is the one whose WhatsApp display number is the
 * {@code To} number.
 */
public final class TwilioNormalizer {

  private final AgencyCatalog agencies;
  private final Clock clock;

  public TwilioNormalizer(AgencyCatalog agencies, Clock clock) {
    this.agencies = agencies;
    this.clock = clock;
  }

  public WebhookBatch normalize(Map<String, String> p) {
    String sid = p.getOrDefault("MessageSid", p.getOrDefault("SmsSid", ""));
    if (sid.isEmpty()) {
      throw new MalformedWebhookException("MessageSid is required");
    }
    String status = p.getOrDefault("MessageStatus", p.getOrDefault("SmsStatus", "received"));
    boolean isStatus = !status.equals("received");
    // A status callback is about a message we sent: our number is From, the citizen To.
    String ours = digits(p.getOrDefault(isStatus ? "From" : "To", ""));
    if (ours.isEmpty()) {
      throw new MalformedWebhookException((isStatus ? "From" : "To") + " is required");
    }
    Optional<Agency.WhatsApp> number =
        agencies.all().stream()
            .flatMap(a -> a.channels().whatsappChannel().stream())
            .filter(w -> digits(w.displayNumber()).equals(ours))
            .findFirst();
    Optional<Agency> agency =
        number.flatMap(w -> agencies.byWhatsAppPhoneNumberId(w.phoneNumberId()));
    if (agency.isEmpty() || number.isEmpty()) {
      return new WebhookBatch(
          List.of(),
          List.of(),
          List.of(
              new WebhookBatch.Rejected(
                  "UNKNOWN_ACCOUNT", "the Twilio number belongs to no agency", p.toString())),
          Map.of());
    }
    if (isStatus) {
      return new WebhookBatch(
          List.of(), List.of(receipt(agency.get(), sid, status, p)), List.of(), Map.of());
    }
    return message(agency.get(), number.get().phoneNumberId(), sid, p);
  }

  private WebhookBatch message(Agency agency, String numberId, String sid, Map<String, String> p) {
    String sender = p.getOrDefault("WaId", digits(p.getOrDefault("From", "")));
    if (sender.isEmpty()) {
      throw new MalformedWebhookException("From is required");
    }
    Map<String, String> metadata = new HashMap<>();
    metadata.put("provider", "twilio");
    metadata.put("senderIdKind", "phone_number");
    int media = parseInt(p.getOrDefault("NumMedia", "0"));
    List<WebhookBatch.MediaRef> refs = new ArrayList<>();
    for (int i = 0; i < Math.min(media, 10); i++) {
      String url = p.get("MediaUrl" + i);
      if (url == null || url.isBlank()) {
        throw new MalformedWebhookException("MediaUrl" + i + " is required");
      }
      String mime = p.getOrDefault("MediaContentType" + i, "application/octet-stream");
      refs.add(new WebhookBatch.MediaRef(sid + "/" + i, kindOf(mime), mime, null, null, url));
    }
    ComplaintReceived.Location location = null;
    String type;
    if (p.containsKey("Latitude") && p.containsKey("Longitude")) {
      type = "location";
      try {
        location =
            new ComplaintReceived.Location(
                Double.parseDouble(p.get("Latitude")),
                Double.parseDouble(p.get("Longitude")),
                p.get("Label"),
                p.get("Address"));
      } catch (NumberFormatException e) {
        throw new MalformedWebhookException("Latitude and Longitude must be numbers");
      }
    } else if (p.containsKey("ButtonPayload") || p.containsKey("ButtonText")) {
      type = "button";
      if (p.get("ButtonPayload") != null) {
        metadata.put("buttonPayload", p.get("ButtonPayload"));
      }
    } else if (!refs.isEmpty()) {
      type = refs.getFirst().kind();
    } else {
      type = "text";
    }
    if (p.get("ReferralSourceUrl") != null) {
      metadata.put("referral.source_url", p.get("ReferralSourceUrl"));
    }
    String body = p.getOrDefault("Body", "");
    String text =
        type.equals("button") ? p.getOrDefault("ButtonText", body) : body.isEmpty() ? null : body;
    ComplaintReceived complaint =
        new ComplaintReceived(
            UUID.randomUUID().toString(),
            clock.instant(),
            agency.code(),
            Channel.WHATSAPP,
            numberId,
            sid,
            new ComplaintReceived.Sender(sender, p.get("ProfileName"), false, false),
            type,
            null,
            text,
            List.of(),
            location,
            p.get("OriginalRepliedMessageSid"),
            List.of(),
            clock.instant(),
            metadata,
            null);
    return new WebhookBatch(
        List.of(complaint), List.of(), List.of(), refs.isEmpty() ? Map.of() : Map.of(sid, refs));
  }

  private DeliveryReceipt receipt(Agency agency, String sid, String status, Map<String, String> p) {
    DeliveryReceipt.Status mapped =
        switch (status.toLowerCase(Locale.ROOT)) {
          case "queued", "accepted", "sending", "sent" -> DeliveryReceipt.Status.SENT;
          case "delivered" -> DeliveryReceipt.Status.DELIVERED;
          case "read" -> DeliveryReceipt.Status.READ;
          case "failed", "undelivered" -> DeliveryReceipt.Status.FAILED;
          default -> throw new MalformedWebhookException("unknown MessageStatus " + status);
        };
    return new DeliveryReceipt(
        UUID.randomUUID().toString(),
        clock.instant(),
        Channel.WHATSAPP,
        agency.code(),
        null,
        sid,
        mapped,
        p.get("ErrorCode"),
        p.get("ErrorMessage"),
        // Twilio's callbacks carry no event time; arrival time is the best order there is.
        clock.instant());
  }

  private static String kindOf(String mime) {
    if (mime.startsWith("image/")) {
      return mime.equals("image/webp") ? "sticker" : "image";
    }
    if (mime.startsWith("audio/")) {
      return "audio";
    }
    return mime.startsWith("video/") ? "video" : "document";
  }

  private static int parseInt(String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new MalformedWebhookException("NumMedia must be a number");
    }
  }

  /** {@code whatsapp:+62 812-...} to {@code 62812...}. */
  static String digits(@Nullable String address) {
    return address == null ? "" : address.replaceAll("[^0-9]", "");
  }
}
