package id.aduan.notification.persistence;

import id.aduan.messaging.Outbox;
import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One decision to tell one recipient about one event ({@code id = eventId/recipient}): its
 * existence is what makes a notification happen once across redeliveries and restarts.
 */
@Document("notifications")
public record NotificationDocument(
    @Id String id,
    String sourceEventId,
    String caseId,
    String purpose,
    String outboundEventId,
    Instant decidedAt,
    List<Outbox.Entry> outbox,
    boolean outboxPending) {}
