package id.aduan.cases.domain;

import id.aduan.agency.Agency;
import id.aduan.contracts.CaseEvent;
import id.aduan.contracts.ComplaintReceived;
import id.aduan.contracts.ReplyAddress;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** A citizen message as the opening of a case: where to answer, and the fact it produces. */
public final class CaseOpening {

  private CaseOpening() {}

  /** The answer goes back on the channel and account the citizen used. */
  public static ReplyAddress replyAddress(ComplaintReceived message) {
    return new ReplyAddress(
        message.channel(), message.channelAccountId(), message.sender().channelUserId());
  }

  /** Subject and text of the message, as the classification and threading rules read it. */
  public static String textOf(ComplaintReceived message) {
    return (message.subject() == null ? "" : message.subject() + "\n")
        + (message.text() == null ? "" : message.text());
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
