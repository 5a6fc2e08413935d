package id.aduan.cases.persistence;

import id.aduan.contracts.CaseStatus;
import id.aduan.contracts.CaseType;
import id.aduan.contracts.Channel;
import id.aduan.contracts.ReplyAddress;
import id.aduan.messaging.Outbox;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A case as stored. Events the case caused and that are not yet on Kafka ride in {@code outbox} (an
 * embedded outbox: one document, one atomic write; see docs/adr/0002-embedded-outbox.md).
 */
@Document("cases")
public record CaseDocument(
    @Id String id,
    String ticket,
    String agencyCode,
    CaseStatus status,
    CaseType caseType,
    Channel channel,
    String intakeMode,
    Instant receivedAt,
    Instant openedAt,
    @Nullable ReplyAddress replyAddress,
    @Nullable String citizenName,
    List<Message> messages,
    Map<String, Deadline> deadlines,
    List<TimelineEntry> timeline,
    List<Outbox.Entry> outbox,
    boolean outboxPending,
    @Version @Nullable Long version) {

  /** One citizen or officer message on the case. */
  public record Message(
      String messageId,
      Channel channel,
      String direction,
      @Nullable String providerMessageId,
      @Nullable String text,
      Instant at,
      List<String> attachmentIds) {}

  /** A deadline as the SLA service last reported it. */
  public record Deadline(String clock, Instant deadline, String state, Instant updatedAt) {}

  /** An audit entry: who did what, when, from which state and why. */
  public record TimelineEntry(
      Instant at,
      String actor,
      String action,
      @Nullable CaseStatus from,
      CaseStatus to,
      @Nullable String reason) {}
}
