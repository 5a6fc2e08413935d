package id.aduan.cases.domain;

import id.aduan.contracts.Channel;
import id.aduan.contracts.ComplaintReceived;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A change made in SP4N-LAPOR! itself to a report the agency works on: its admin set another status
 * or dispositioned it anew. channel-lapor passes it on as a {@code lapor-update} with {@code
 * change=status} and no text (docs/lapor.md). It is an entry on the case's timeline, with who (as
 * far as LAPOR! says: the disposition's sender, else LAPOR! itself) and when (LAPOR!'s own time),
 * and never a citizen message: it must not re-check completeness or reopen an answered case.
 *
 * @param actor who made the change, as the timeline shows it
 * @param at when LAPOR! made it (the version's {@code updated_at})
 * @param description what changed, for the timeline
 * @param away LAPOR! dispositioned the report to another agency ({@code
 *     metadata.laporChange=disposition_away}): the case's clocks stop
 */
public record LaporChange(
    String trackingId, String actor, Instant at, String description, boolean away) {

  /** Why a case whose report went to another agency is closed, as its timeline shows it. */
  public static final String AWAY_REASON =
      "didisposisikan ulang ke instansi lain oleh LAPOR! / re-dispositioned to another agency by"
          + " LAPOR!";

  /** The timeline action of such an entry. */
  public static final String ACTION = "lapor-change";

  /** The change a message carries, empty for anything else (a report, a reporter's follow-up). */
  public static Optional<LaporChange> of(ComplaintReceived message) {
    if (message.channel() != Channel.LAPOR
        || !"lapor-update".equals(message.messageType())
        || !"status".equals(message.metadata().get("change"))) {
      return Optional.empty();
    }
    String status = message.metadata().getOrDefault("laporStatus", "?");
    @Nullable String from = message.metadata().get("laporDispositionFrom");
    @Nullable String to = message.metadata().get("laporDispositionTo");
    boolean away = "disposition_away".equals(message.metadata().get("laporChange"));
    boolean disposition = ("disposisi".equalsIgnoreCase(status) || away) && to != null;
    String description =
        away
            ? "LAPOR!: didisposisikan ulang "
                + (from == null ? "" : "oleh " + from + " ")
                + "ke "
                + to
                + ", bukan lagi instansi ini / re-dispositioned"
                + (from == null ? "" : " by " + from)
                + " to "
                + to
                + ", away from this agency"
            : disposition
                ? "LAPOR!: didisposisikan "
                    + (from == null ? "" : "oleh " + from + " ")
                    + "ke "
                    + to
                    + " / dispositioned"
                    + (from == null ? "" : " by " + from)
                    + " to "
                    + to
                : "LAPOR!: status " + status + " / LAPOR! set the status to " + status;
    String actor = disposition && from != null ? "LAPOR! (" + from + ")" : "LAPOR!";
    return Optional.of(
        new LaporChange(
            CaseOpening.laporTrackingId(message), actor, message.receivedAt(), description, away));
  }
}
