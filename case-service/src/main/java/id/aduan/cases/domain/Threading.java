package id.aduan.cases.domain;

import id.aduan.agency.Agency;
import id.aduan.contracts.CaseStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Whether a citizen message joins one of the citizen's open cases in the agency or opens a new one.
 * In order: it replies to a message of the case (quoted WhatsApp message, email In-Reply-To or
 * References); it names the case's ticket number; it comes from the same citizen on the same
 * channel within the agency's join window after their last message. Otherwise: a new case.
 *
 * <p>Only the case's reporter joins it ({@link Reporters}): a reply to, or a ticket of, someone
 * else's case is a <em>mention</em>: the message goes on as if it named nothing (the sender's own
 * case, or a new one), and both cases are linked for an officer to see. An email whose From the
 * receiving server did not authenticate joins no case at all, not even within the window, since its
 * From may be anybody's (docs/adr/0027).
 */
public final class Threading {

  private static final Set<CaseStatus> JOINABLE =
      EnumSet.of(
          CaseStatus.RECEIVED,
          CaseStatus.INCOMPLETE,
          CaseStatus.VERIFIED,
          CaseStatus.ROUTED,
          CaseStatus.IN_PROGRESS,
          CaseStatus.ANSWERED);

  private Threading() {}

  /** A case a message might join, as the store found it, with who may act on it. */
  public record Candidate(
      String caseId,
      String ticket,
      CaseStatus status,
      Instant lastCitizenMessageAt,
      Reporters reporters) {}

  public enum Reason {
    REPLY,
    TICKET,
    WINDOW
  }

  public record Join(String caseId, String ticket, Reason reason) {}

  /** A case the message replied to or named but may not join: its sender is not the reporter. */
  public record Mention(String caseId, String ticket, Reporters.Refusal refusal) {}

  /**
   * What becomes of a message: the case it joins, if any, and the cases of others it mentions
   * (which it never joins, reopens or otherwise changes).
   */
  public record Decision(Optional<Join> join, List<Mention> mentions) {

    public Decision {
      mentions = List.copyOf(mentions);
    }
  }

  /** Ticket numbers of this agency mentioned in a text ({@code BDG-2026-000123}). */
  public static List<String> ticketsIn(@Nullable String text, String agencyCode) {
    if (text == null) {
      return List.of();
    }
    Matcher m =
        Pattern.compile("(?<![A-Z0-9])" + Pattern.quote(agencyCode) + "-\\d{4}-\\d{6,}(?!\\d)")
            .matcher(text.toUpperCase(java.util.Locale.ROOT));
    List<String> tickets = new ArrayList<>();
    while (m.find()) {
      tickets.add(m.group());
    }
    return tickets;
  }

  public static Decision decide(
      Agency agency,
      Instant receivedAt,
      Reporters.Sender sender,
      Optional<Candidate> repliedTo,
      Optional<Candidate> byTicket,
      Optional<Candidate> latestOfCitizen) {
    List<Mention> mentions = new ArrayList<>();
    for (Optional<Candidate> named : List.of(repliedTo, byTicket)) {
      named.ifPresent(
          c -> {
            Reporters.Refusal refusal = c.reporters().refusal(sender);
            if (refusal != null
                && mentions.stream().noneMatch(m -> m.caseId().equals(c.caseId()))) {
              mentions.add(new Mention(c.caseId(), c.ticket(), refusal));
            }
          });
    }
    return new Decision(
        join(agency, receivedAt, sender, repliedTo, byTicket, latestOfCitizen), mentions);
  }

  private static Optional<Join> join(
      Agency agency,
      Instant receivedAt,
      Reporters.Sender sender,
      Optional<Candidate> repliedTo,
      Optional<Candidate> byTicket,
      Optional<Candidate> latestOfCitizen) {
    if (repliedTo.isPresent() && joinable(repliedTo.get(), sender)) {
      return Optional.of(join(repliedTo.get(), Reason.REPLY));
    }
    if (byTicket.isPresent() && joinable(byTicket.get(), sender)) {
      return Optional.of(join(byTicket.get(), Reason.TICKET));
    }
    if (latestOfCitizen.isPresent() && joinable(latestOfCitizen.get(), sender)) {
      Duration since = Duration.between(latestOfCitizen.get().lastCitizenMessageAt(), receivedAt);
      if (!since.isNegative() && since.compareTo(agency.rules().threading().joinWindow()) <= 0) {
        return Optional.of(join(latestOfCitizen.get(), Reason.WINDOW));
      }
    }
    return Optional.empty();
  }

  private static boolean joinable(Candidate c, Reporters.Sender sender) {
    return JOINABLE.contains(c.status()) && c.reporters().admit(sender);
  }

  private static Join join(Candidate c, Reason reason) {
    return new Join(c.caseId(), c.ticket(), reason);
  }
}
