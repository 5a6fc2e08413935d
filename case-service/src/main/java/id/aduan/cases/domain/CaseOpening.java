package id.aduan.cases.domain;

import id.aduan.agency.Agency;
import id.aduan.contracts.CaseEvent;
import id.aduan.contracts.Channel;
import id.aduan.contracts.ComplaintReceived;
import id.aduan.contracts.ReplyAddress;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A citizen message as the opening of a case: where to answer, and the fact it produces. */
public final class CaseOpening {

  /** The metadata key under which channel-lapor names the report (docs/lapor.md). */
  public static final String LAPOR_TRACKING_ID = "laporTrackingId";

  private CaseOpening() {}

  /**
   * The answer goes back on the channel and account the citizen used. On LAPOR! it goes to the
   * report, not to the person: LAPOR! is answered by follow-ups and status changes on a tracking id
   * (ReplyAddress), and its reporter id addresses nothing there (an anonymous reporter has none).
   */
  public static ReplyAddress replyAddress(ComplaintReceived message) {
    String recipient =
        message.channel() == Channel.LAPOR
            ? laporTrackingId(message)
            : message.sender().channelUserId();
    return new ReplyAddress(message.channel(), message.channelAccountId(), recipient);
  }

  /**
   * The LAPOR! report a message belongs to: the adapter's {@code laporTrackingId}, else the report
   * it continues ({@code inReplyTo}), else its provider id without the version or attachment part
   * ({@code <tracking id>[/v<n>|/attachment/<id>]}).
   */
  public static String laporTrackingId(ComplaintReceived message) {
    String tracking = message.metadata().get(LAPOR_TRACKING_ID);
    if (tracking != null && !tracking.isBlank()) {
      return tracking;
    }
    if (message.inReplyTo() != null && !message.inReplyTo().isBlank()) {
      return message.inReplyTo();
    }
    String id = message.providerMessageId();
    int slash = id.indexOf('/');
    return slash < 0 ? id : id.substring(0, slash);
  }

  /**
   * The division the channel proposes: for LAPOR!, the one its category maps to ({@code
   * metadata.division}, from {@code aduan.lapor.category-divisions}); null for other channels.
   */
  public static @Nullable String proposedDivision(ComplaintReceived message) {
    return message.channel() == Channel.LAPOR ? message.metadata().get("division") : null;
  }

  /** Subject and text of the message, as the classification and threading rules read it. */
  public static String textOf(ComplaintReceived message) {
    return (message.subject() == null ? "" : message.subject() + "\n")
        + (message.text() == null ? "" : message.text());
  }

  /** The message as the case keeps it: its text, its files and which of them are stored. */
  public static CaseState.Message message(ComplaintReceived m) {
    return new CaseState.Message(
        UUID.randomUUID().toString(),
        m.channel(),
        "INBOUND",
        m.providerMessageId(),
        m.text(),
        m.receivedAt(),
        m.attachments().stream().map(ComplaintReceived.Attachment::attachmentId).toList(),
        m.attachments().stream()
            .filter(a -> "STORED".equals(a.status()))
            .map(
                a ->
                    new CaseState.FileInfo(
                        a.fileName(), a.mediaType(), a.attachmentId(), a.storageRef()))
            .toList());
  }

  /** What opening a case for this message needs. */
  public static Case.Opening of(
      ComplaintReceived message, Agency agency, String caseId, String ticket) {
    return new Case.Opening(
        caseId,
        ticket,
        message.channel(),
        "ONLINE",
        Classifier.caseType(agency, textOf(message)),
        message.receivedAt(),
        replyAddress(message),
        message.providerMessageId(),
        "system");
  }

  /** The {@code CaseOpened} the message causes (the case's first event; see {@link Case#open}). */
  public static CaseEvent.CaseOpened open(
      ComplaintReceived message, Agency agency, String caseId, String ticket, Clock clock) {
    Completeness.Evidence evidence =
        new Completeness.Evidence(
            message.text() == null ? List.of() : List.of(message.text()), List.of(), Map.of());
    return (CaseEvent.CaseOpened)
        Case.open(
                of(message, agency, caseId, ticket),
                agency,
                evidence,
                clock.instant(),
                LocalDate.now(clock.withZone(agency.timeZone())))
            .events()
            .getFirst();
  }
}
