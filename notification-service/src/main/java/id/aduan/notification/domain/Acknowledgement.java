package id.aduan.notification.domain;

import id.aduan.agency.Agency;
import id.aduan.contracts.CaseEvent;
import id.aduan.contracts.Channel;
import id.aduan.contracts.OutboundMessage;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The acknowledgement a citizen gets when their message opened a case: the ticket number first. */
public final class Acknowledgement {

  private Acknowledgement() {}

  /** Nothing when the case has no channel to answer on (a walk-in without contact details). */
  public static Optional<OutboundMessage> forOpened(
      CaseEvent.CaseOpened opened, Agency agency, Clock clock) {
    if (opened.replyAddress() == null || opened.replyAddress().channel() == Channel.FRONT_DESK) {
      return Optional.empty();
    }
    String text =
        "en".equals(opened.language())
            ? "Thank you. %s has received your complaint with ticket number %s. Keep this number to check its status."
                .formatted(agency.name(), opened.ticket())
            : "Terima kasih. Pengaduan Anda telah diterima %s dengan nomor tiket %s. Simpan nomor ini untuk memantau status pengaduan Anda."
                .formatted(agency.name(), opened.ticket());
    return Optional.of(
        new OutboundMessage(
            UUID.randomUUID().toString(),
            clock.instant(),
            opened.agencyCode(),
            opened.caseId(),
            opened.ticket(),
            opened.replyAddress(),
            "ACKNOWLEDGEMENT",
            opened.language(),
            "[" + opened.ticket() + "] Pengaduan diterima",
            text,
            null,
            opened.sourceMessageId(),
            List.of(),
            List.of(),
            true));
  }
}
