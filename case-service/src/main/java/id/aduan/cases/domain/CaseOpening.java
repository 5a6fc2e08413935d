package id.aduan.cases.domain;

import id.aduan.agency.Agency;
import id.aduan.contracts.CaseEvent;
import id.aduan.contracts.CaseStatus;
import id.aduan.contracts.CaseType;
import id.aduan.contracts.ComplaintReceived;
import id.aduan.contracts.ReplyAddress;
import java.time.Clock;
import java.util.UUID;

/** The decision to open a case for a citizen message, as the fact it produces. */
public final class CaseOpening {

  private CaseOpening() {}

  public static CaseEvent.CaseOpened open(
      ComplaintReceived message, Agency agency, String caseId, String ticket, Clock clock) {
    return new CaseEvent.CaseOpened(
        UUID.randomUUID().toString(),
        clock.instant(),
        caseId,
        ticket,
        agency.code(),
        CaseStatus.RECEIVED,
        message.channel(),
        "ONLINE",
        CaseType.COMPLAINT,
        null,
        message.receivedAt(),
        new ReplyAddress(
            message.channel(), message.channelAccountId(), message.sender().channelUserId()),
        message.providerMessageId(),
        agency.language());
  }
}
