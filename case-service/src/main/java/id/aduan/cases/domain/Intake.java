package id.aduan.cases.domain;

import id.aduan.agency.Agency;
import id.aduan.contracts.Channel;
import id.aduan.contracts.ComplaintReceived;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * What becomes of a citizen message, decided on what the store knows about it: a redelivery is a
 * {@link Duplicate}; a change made in LAPOR! itself is a {@link LaporChanged}; a rating answering a
 * resolved case's survey is a {@link SurveyAnswer}; a message that only asks how a case stands is a
 * {@link StatusQuery} (it changes no case); a message that threads onto an open case of its
 * reporter {@link Join}s it; any other {@link Open}s a case. Pure: the application loads the {@link
 * Known} cases, asks {@link #decide}, then writes and publishes what the decision says.
 */
public final class Intake {

  private Intake() {}

  /**
   * A stored case the message may refer to: its id, its state and the person of its reporter's
   * citizen profile (its own key until an officer merges profiles).
   */
  public record Known(String caseId, CaseState state, @Nullable String reporterPerson) {

    /** Who may act on this case as its reporter. */
    public Reporters reporters() {
      return new Case(caseId, state).reporters(reporterPerson);
    }

    Threading.Candidate candidate() {
      return new Threading.Candidate(
          caseId,
          state.ticket(),
          state.status(),
          state.lastCitizenMessageAt() == null ? state.receivedAt() : state.lastCitizenMessageAt(),
          reporters());
    }
  }

  /**
   * The cases the store found for a message: one already holding it (a redelivery), the one it
   * replies to, the one whose ticket it names (each the survivor of any merge), and the sender's
   * latest open and latest resolved case.
   */
  public record Context(
      Optional<Known> holdingMessage,
      Optional<Known> repliedTo,
      Optional<Known> byTicket,
      Optional<Known> latestOpen,
      Optional<Known> latestResolved) {

    /** A redelivery: the case that holds the message already, nothing else needed. */
    public static Context redelivered(Known holding) {
      return new Context(
          Optional.of(holding),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty());
    }
  }

  /** The decision on one message. */
  public sealed interface Decision
      permits Duplicate, LaporChanged, SurveyAnswer, Join, Open, StatusQuery {}

  /** The message is held by {@code caseId} already: nothing changes, pending events go out. */
  public record Duplicate(String caseId) implements Decision {}

  /** A change made in LAPOR! to the case the report replies to (issue 19). */
  public record LaporChanged(String caseId, LaporChange change) implements Decision {}

  /** A rating answering the satisfaction survey of the resolved case {@code caseId}. */
  public record SurveyAnswer(String caseId, CitizenReply reply, Threading.Decision threading)
      implements Decision {}

  /** The message continues the reporter's open case {@code threading.join()}. */
  public record Join(
      String caseId, CitizenReply reply, Threading.Join join, Threading.Decision threading)
      implements Decision {}

  /** A new case, linked to the cases of others the message mentioned. */
  public record Open(Threading.Decision threading) implements Decision {}

  /** What a status request may be told (docs/adr/0053). */
  public enum StatusOutcome {
    /** The case named, whose reporter asked: shown. */
    SHOWN,
    /** No ticket named: the sender's own open cases (else their latest resolved one) are shown. */
    OWN_CASES,
    /** No case of this agency under the number named: told "not found". */
    NOT_FOUND,
    /** Someone else's case (or an unauthenticated email): told "not found", nothing about it. */
    REFUSED
  }

  /**
   * The message only asks how a case stands ({@link StatusRequest}): nothing is joined, reopened or
   * restarted. {@code shown} is the case named when its reporter asked ({@link
   * StatusOutcome#SHOWN}), else empty; for {@link StatusOutcome#OWN_CASES} the application lists
   * the sender's own cases.
   *
   * @param refusal why a named case is not shown, for {@link StatusOutcome#REFUSED}
   */
  public record StatusQuery(
      @Nullable String askedTicket,
      StatusOutcome outcome,
      Optional<Known> shown,
      Reporters.@Nullable Refusal refusal)
      implements Decision {}

  /** The channels on which a citizen writes and is answered on the same thread. */
  private static final java.util.Set<Channel> TWO_WAY =
      java.util.EnumSet.of(Channel.WHATSAPP, Channel.EMAIL, Channel.FACEBOOK, Channel.INSTAGRAM);

  public static Decision decide(
      ComplaintReceived m, Agency agency, Reporters.Sender sender, Context known) {
    if (known.holdingMessage().isPresent()) {
      return new Duplicate(known.holdingMessage().get().caseId());
    }
    Optional<LaporChange> laporChange = LaporChange.of(m);
    if (laporChange.isPresent() && known.repliedTo().isPresent()) {
      return new LaporChanged(known.repliedTo().get().caseId(), laporChange.get());
    }
    Optional<StatusQuery> status = statusQuery(m, agency, sender, known);
    if (status.isPresent()) {
      return status.get();
    }
    // Only the reporter joins a case, answers its survey or becomes an address of its notices.
    Threading.Decision threading =
        Threading.decide(
            agency,
            m.receivedAt(),
            sender,
            known.repliedTo().map(Known::candidate),
            known.byTicket().map(Known::candidate),
            known.latestOpen().map(Known::candidate));
    CitizenReply reply = CitizenReply.of(m.text(), !m.attachments().isEmpty());
    if (reply.kind() == CitizenReply.Kind.RATING) {
      // A rating that names or quotes a resolved case answers its survey; a bare one does so only
      // when it does not continue an open case.
      Optional<Known> surveyed =
          surveyAnswered(m, agency, known, threading.join().isPresent(), sender);
      if (surveyed.isPresent()) {
        return new SurveyAnswer(surveyed.get().caseId(), reply, threading);
      }
    }
    if (threading.join().isPresent()) {
      Threading.Join join = threading.join().get();
      return new Join(join.caseId(), reply, join, threading);
    }
    return new Open(threading);
  }

  /**
   * A message on a two-way channel, without files, that only asks how a case stands: the case named
   * is shown only to its reporter; anyone else, and a number of no case, hear "not found".
   */
  private static Optional<StatusQuery> statusQuery(
      ComplaintReceived m, Agency agency, Reporters.Sender sender, Context known) {
    if (!TWO_WAY.contains(m.channel()) || !m.attachments().isEmpty()) {
      return Optional.empty();
    }
    Optional<StatusRequest.Asked> asked = StatusRequest.of(m.text(), agency.code(), m.ticket());
    if (asked.isEmpty()) {
      return Optional.empty();
    }
    String ticket = asked.get().ticket();
    if (ticket == null) {
      return Optional.of(new StatusQuery(null, StatusOutcome.OWN_CASES, Optional.empty(), null));
    }
    if (known.byTicket().isEmpty()) {
      return Optional.of(new StatusQuery(ticket, StatusOutcome.NOT_FOUND, Optional.empty(), null));
    }
    Known named = known.byTicket().get();
    Reporters.Refusal refusal = named.reporters().refusal(sender);
    return Optional.of(
        refusal == null
            ? new StatusQuery(ticket, StatusOutcome.SHOWN, Optional.of(named), null)
            : new StatusQuery(ticket, StatusOutcome.REFUSED, Optional.empty(), refusal));
  }

  /**
   * The resolved case whose satisfaction survey a rating answers: the one the message replies to or
   * names, else (unless {@code explicitOnly}) the citizen's latest resolved case, while the
   * agency's survey window is open.
   */
  private static Optional<Known> surveyAnswered(
      ComplaintReceived m,
      Agency agency,
      Context known,
      boolean explicitOnly,
      Reporters.Sender sender) {
    Duration window = agency.rules().aftercare().surveyWindow();
    Stream<Optional<Known>> candidates = Stream.of(known.repliedTo(), known.byTicket());
    if (!explicitOnly) {
      candidates = Stream.concat(candidates, Stream.of(known.latestResolved()));
    }
    return candidates
        .flatMap(Optional::stream)
        .filter(k -> new Case(k.caseId(), k.state()).surveyOpen(window, m.receivedAt()))
        .filter(k -> k.reporters().admit(sender))
        .findFirst();
  }
}
