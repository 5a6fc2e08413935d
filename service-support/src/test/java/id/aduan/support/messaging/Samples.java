package id.aduan.support.messaging;

import id.aduan.contracts.CaseEvent;
import id.aduan.contracts.CaseStatus;
import id.aduan.contracts.CaseType;
import id.aduan.contracts.Channel;
import id.aduan.contracts.ComplaintReceived;
import id.aduan.contracts.DeadLetter;
import id.aduan.contracts.DeliveryReceipt;
import id.aduan.contracts.OutboundMessage;
import id.aduan.contracts.ReplyAddress;
import id.aduan.contracts.SlaEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Contract records with every kind of field filled, for round trips. */
final class Samples {

  static final Instant AT = Instant.parse("2026-11-20T01:15:02.123Z");
  static final Instant RECEIVED = Instant.parse("2026-11-20T01:15:00Z");
  static final ReplyAddress WHATSAPP =
      new ReplyAddress(Channel.WHATSAPP, "100000000000001", "6281234567890");

  private Samples() {}

  static ComplaintReceived complaint(String eventId) {
    return new ComplaintReceived(
        eventId,
        AT,
        "BDG",
        Channel.WHATSAPP,
        "100000000000001",
        "wamid.1",
        new ComplaintReceived.Sender("6281234567890", "Siti Aminah \u2014 \u00c9", false, true),
        "image",
        null,
        "Jalan rusak di Jl. Soekarno\u2013Hatta \uD83D\uDE4F",
        List.of(
            new ComplaintReceived.Attachment(
                "a-1", "image/jpeg", "foto.jpg", 2048, "abc123", "gridfs-1", "STORED")),
        new ComplaintReceived.Location(-6.9175, 107.6191, "Bandung", null),
        "wamid.0",
        List.of("wamid.00"),
        RECEIVED,
        Map.of("contextFrom", "6281221742841"),
        null);
  }

  static CaseEvent.CaseOpened opened(String eventId) {
    return new CaseEvent.CaseOpened(
        eventId,
        AT,
        "c-1",
        "BDG-2026-000001",
        "BDG",
        CaseStatus.RECEIVED,
        Channel.WHATSAPP,
        "ONLINE",
        CaseType.COMPLAINT,
        null,
        RECEIVED,
        WHATSAPP,
        "wamid.1",
        "id");
  }

  static SlaEvent.SlaClockStarted clockStarted(String eventId) {
    return new SlaEvent.SlaClockStarted(
        eventId,
        AT,
        "c-1",
        "BDG-2026-000001",
        "BDG",
        "completion",
        "default/completion",
        RECEIVED,
        Instant.parse("2026-11-27T09:00:00Z"),
        false);
  }

  static OutboundMessage outbound(String eventId) {
    return new OutboundMessage(
        eventId,
        AT,
        "BDG",
        "c-1",
        "BDG-2026-000001",
        WHATSAPP,
        "ACKNOWLEDGEMENT",
        "id",
        "[BDG-2026-000001] Pengaduan diterima",
        "Terima kasih. Nomor tiket BDG-2026-000001.",
        new OutboundMessage.Template("ack", "id", List.of("BDG-2026-000001")),
        "wamid.1",
        List.of(),
        List.of(),
        true,
        null,
        null);
  }

  static DeliveryReceipt receipt(String eventId) {
    return new DeliveryReceipt(
        eventId,
        AT,
        Channel.WHATSAPP,
        "BDG",
        "out-1",
        "wamid.OUT1",
        DeliveryReceipt.Status.FAILED,
        "131047",
        "Re-engagement message",
        RECEIVED);
  }

  static DeadLetter deadLetter(String eventId) {
    return new DeadLetter(
        eventId,
        AT,
        "channel-whatsapp",
        Channel.WHATSAPP,
        "UNKNOWN_ACCOUNT",
        "phone_number_id belongs to no agency",
        "application/json",
        "e30=");
  }
}
