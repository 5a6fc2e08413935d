package id.aduan.cases.application;

import id.aduan.agency.Agency;
import id.aduan.cases.domain.AuditEntry;
import id.aduan.cases.domain.Case;
import id.aduan.cases.domain.CaseIds;
import id.aduan.cases.domain.CaseOpening;
import id.aduan.cases.domain.CaseState;
import id.aduan.cases.domain.Classifier;
import id.aduan.cases.domain.Duplicates;
import id.aduan.cases.domain.IdentityKeys;
import id.aduan.cases.domain.IllegalTransitionException;
import id.aduan.cases.domain.Intake;
import id.aduan.cases.domain.LaporChange;
import id.aduan.cases.domain.Nik;
import id.aduan.cases.domain.Reporters;
import id.aduan.cases.domain.StepRefusedException;
import id.aduan.cases.domain.Threading;
import id.aduan.cases.domain.TicketNumber;
import id.aduan.cases.persistence.CaseDocument;
import id.aduan.cases.persistence.Citizens;
import id.aduan.cases.persistence.TicketSequences;
import id.aduan.contracts.CaseEvent;
import id.aduan.contracts.CaseStatus;
import id.aduan.contracts.CaseType;
import id.aduan.contracts.Channel;
import id.aduan.contracts.ComplaintReceived;
import id.aduan.contracts.ReplyAddress;
import id.aduan.contracts.Topics;
import id.aduan.support.messaging.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;

/**
 * The use cases of the case service. Every write is one document (the case with its new events in
 * its outbox), guarded by the case's version; the events are then published by the relay.
 */
@Service
public class CaseService {

  /** Concurrent writers on one case (a citizen message and an officer) retry this often. */
  private static final int ATTEMPTS = 5;

  private final CaseRepository cases;
  private final Citizens citizens;
  private final TicketSequences tickets;
  private final CaseEvents relay;
  private final Outbox outbox;
  private final MeterRegistry meters;
  private final Clock clock;

  private final IdentityKeys identityKeys;

  /** What the events carry beyond the domain's values (the berita acara's link, docs/adr/0055). */
  private final OutgoingEvents outgoing;

  CaseService(
      CaseRepository cases,
      Citizens citizens,
      TicketSequences tickets,
      CaseEvents relay,
      Outbox outbox,
      MeterRegistry meters,
      Clock clock,
      IdentityKeys identityKeys,
      OutgoingEvents outgoing) {
    this.identityKeys = identityKeys;
    this.outgoing = outgoing;
    this.cases = cases;
    this.citizens = citizens;
    this.tickets = tickets;
    this.relay = relay;
    this.outbox = outbox;
    this.meters = meters;
    this.clock = clock;
  }

  /** What happened to an inbound message: {@code opened}, {@code joined} or {@code duplicate}. */
  public record Received(String outcome, String caseId, String ticket) {}

  /**
   * A citizen message: a redelivery changes nothing (and re-publishes what is still pending); a
   * message that threads onto an open case joins it; any other opens a case.
   */
  public Received receive(ComplaintReceived message, Agency agency) {
    for (int attempt = 1; ; attempt++) {
      try {
        Received r = receiveOnce(message, agency);
        count(agency, message.channel(), r.outcome());
        return r;
      } catch (OptimisticLockingFailureException e) {
        if (attempt >= ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  /** Load what the store knows of the message, let the domain decide, save and publish. */
  private Received receiveOnce(ComplaintReceived m, Agency agency) {
    String openingId = CaseIds.forOpeningMessage(agency.code(), m.channel(), m.providerMessageId());
    String citizenKey = identityKeys.citizen(m.channel(), m.sender().channelUserId());
    Map<String, CaseDocument> loaded = new HashMap<>();
    Intake.Context known = load(m, agency, openingId, citizenKey, loaded);
    Reporters.Sender sender = Reporters.Sender.of(m, personOf(agency.code(), citizenKey));
    Intake.Decision decision = Intake.decide(m, agency, sender, known);
    LocalDate today = LocalDate.now(clock.withZone(agency.timeZone()));
    Nik nik = Nik.firstValidIn(m.text(), today).orElse(null);
    List<String> keys = List.copyOf(identityKeys.of(m, nik));
    CaseState.Message stored = CaseOpening.message(m);
    return switch (decision) {
      case Intake.Duplicate d -> {
        CaseDocument seen = loaded.get(d.caseId());
        relay.publish(seen);
        linkMentioned(seen);
        yield new Received("duplicate", seen.id(), seen.state().ticket());
      }
      case Intake.LaporChanged l -> laporChanged(loaded.get(l.caseId()), stored, l.change());
      case Intake.SurveyAnswer s -> {
        countMentions(agency, m.channel(), s.threading());
        CaseDocument withMessage = loaded.get(s.caseId()).withMessage(stored, keys);
        Case c = withMessage.toCase();
        List<CaseEvent> events =
            c.answerSurvey(
                s.reply(),
                sender,
                personOf(withMessage.state().agencyCode(), withMessage.state().citizenKey()),
                stored.messageId(),
                m.receivedAt());
        noteMentions(c, s.threading());
        CaseDocument saved = cases.save(withMessage.with(c, entries(withMessage, events)));
        relay.publish(saved);
        linkMentioned(saved);
        yield new Received("surveyed", saved.id(), saved.state().ticket());
      }
      case Intake.Join j -> {
        countMentions(agency, m.channel(), j.threading());
        CaseDocument doc = loaded.get(j.caseId());
        CaseDocument withMessage = doc.withMessage(stored, keys);
        Case c = withMessage.toCase();
        List<CaseEvent> events =
            c.addCitizenMessage(
                stored.messageId(),
                m.receivedAt(),
                CaseOpening.replyAddress(m),
                agency,
                withMessage.state().evidence(),
                j.reply(),
                clock.instant(),
                today);
        noteMentions(c, j.threading());
        CaseDocument saved = cases.save(withMessage.with(c, entries(doc, events)));
        citizens.record(
            agency.code(),
            citizenKey,
            m.channel(),
            m.sender().displayName(),
            keys,
            doc.id(),
            clock.instant());
        countChecks(agency, events);
        relay.publish(saved);
        linkMentioned(saved);
        yield new Received("joined", saved.id(), saved.state().ticket());
      }
      case Intake.StatusQuery q -> statusQuery(m, agency, citizenKey, sender, q);
      case Intake.Open o -> {
        countMentions(agency, m.channel(), o.threading());
        yield open(m, agency, openingId, citizenKey, keys, stored, o.threading(), today);
      }
    };
  }

  /** The open cases of one citizen a status answer lists at most. */
  private static final int STATUS_CASES = 5;

  /**
   * A citizen asked how their case stands (docs/adr/0053): a {@code CaseStatusRequested} is
   * published at once, with their own cases only; no case is written, so nothing joins, reopens or
   * restarts. Its id comes from the message, so a redelivery publishes the same event again and the
   * notification service answers once.
   */
  private Received statusQuery(
      ComplaintReceived m,
      Agency agency,
      String citizenKey,
      Reporters.Sender sender,
      Intake.StatusQuery q) {
    List<CaseDocument> shown =
        switch (q.outcome()) {
          case SHOWN -> q.shown().map(k -> cases.byId(k.caseId()).orElseThrow()).stream().toList();
          case OWN_CASES -> ownCases(agency, citizenKey, sender);
          case NOT_FOUND, REFUSED -> List.of();
        };
    String queryId =
        UUID.nameUUIDFromBytes(
                ("status-query:" + agency.code() + ":" + m.channel() + ":" + m.providerMessageId())
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8))
            .toString();
    CaseDocument first = shown.isEmpty() ? null : shown.getFirst();
    CaseEvent.CaseStatusRequested event =
        new CaseEvent.CaseStatusRequested(
            queryId,
            clock.instant(),
            first == null ? "status-query:" + queryId : first.id(),
            first == null
                ? (q.askedTicket() == null ? "" : q.askedTicket())
                : first.state().ticket(),
            agency.code(),
            first == null ? null : first.state().status(),
            CaseOpening.replyAddress(m),
            m.providerMessageId(),
            m.receivedAt(),
            q.askedTicket(),
            shown.stream().map(d -> statusLine(d.state())).toList(),
            agency.language());
    outbox.publish(
        List.of(outbox.entry(Topics.CASES_EVENTS, event.caseId(), event, event.ticket())), e -> {});
    String outcome =
        switch (q.outcome()) {
          case SHOWN -> "shown";
          case OWN_CASES -> shown.isEmpty() ? "none_open" : "own_cases";
          case NOT_FOUND -> "not_found";
          case REFUSED ->
              q.refusal() == Reporters.Refusal.UNAUTHENTICATED
                  ? "refused_unauthenticated"
                  : "refused_stranger";
        };
    meters
        .counter(
            "aduan.cases.status.requests",
            "agency",
            agency.code(),
            "channel",
            m.channel().name().toLowerCase(Locale.ROOT),
            "outcome",
            outcome)
        .increment();
    return new Received("status", first == null ? event.caseId() : first.id(), event.ticket());
  }

  /**
   * The sender's own open cases on this identity (newest first), else their latest resolved one; an
   * email From its server did not authenticate sees none (docs/adr/0027).
   */
  private List<CaseDocument> ownCases(Agency agency, String citizenKey, Reporters.Sender sender) {
    List<CaseDocument> open = cases.openOfCitizen(agency.code(), citizenKey, STATUS_CASES);
    List<CaseDocument> candidates =
        open.isEmpty()
            ? cases.latestResolvedOfCitizen(agency.code(), citizenKey).stream().toList()
            : open;
    return candidates.stream()
        .filter(
            d ->
                d.toCase()
                    .reporters(personOf(d.state().agencyCode(), d.state().citizenKey()))
                    .admit(sender))
        .toList();
  }

  /** A case as a status answer shows it: status, receipt and the next deadline citizens see. */
  static CaseEvent.StatusLine statusLine(CaseState state) {
    Instant next =
        state.deadlines().values().stream()
            .filter(
                d ->
                    d.state().equals(id.aduan.contracts.ClockState.RUNNING.name())
                        || d.state().equals(id.aduan.contracts.ClockState.WARNING.name()))
            .filter(d -> !d.clock().equals(id.aduan.contracts.SlaEvent.LAPOR_CLOSE))
            .map(CaseState.Deadline::deadline)
            .min(java.util.Comparator.naturalOrder())
            .orElse(null);
    return new CaseEvent.StatusLine(state.ticket(), state.status(), state.receivedAt(), next);
  }

  private Received open(
      ComplaintReceived m,
      Agency agency,
      String openingId,
      String citizenKey,
      List<String> keys,
      CaseState.Message stored,
      Threading.Decision threading,
      LocalDate today) {
    Case.Opening opening = CaseOpening.of(m, agency, openingId, "");
    Optional<CaseDocument> opened =
        openNew(
            new NewCase(
                openingId,
                m.channel(),
                opening.intakeMode(),
                opening.caseType(),
                m.receivedAt(),
                opening.replyAddress(),
                m.sender().displayName(),
                stored,
                CaseState.reporterFlags(m.sender().anonymous(), m.sender().confidential()),
                citizenKey,
                keys,
                CaseOpening.textOf(m),
                opening.sourceMessageId(),
                opening.actor(),
                threading.mentions(),
                CaseOpening.proposedDivision(m)),
            agency,
            today);
    opened.ifPresent(this::linkMentioned);
    // Empty: another delivery of the same message won the race; it publishes the events.
    return opened
        .map(d -> new Received("opened", d.id(), d.state().ticket()))
        .orElseGet(() -> new Received("duplicate", openingId, ""));
  }

  /**
   * What the store knows of a message: the case holding it already (then nothing else), else the
   * case it replies to, the one whose ticket it names (each the survivor of any merge), and the
   * sender's latest open and resolved case. Every case found is put in {@code loaded} by id.
   */
  private Intake.Context load(
      ComplaintReceived m,
      Agency agency,
      String openingId,
      String citizenKey,
      Map<String, CaseDocument> loaded) {
    Optional<CaseDocument> seen =
        cases
            .byId(openingId)
            .or(() -> cases.holdingMessage(agency.code(), m.channel(), m.providerMessageId()));
    if (seen.isPresent()) {
      return Intake.Context.redelivered(known(seen.get(), loaded));
    }
    List<String> replyIds = new ArrayList<>(m.references());
    if (m.inReplyTo() != null) {
      replyIds.add(m.inReplyTo());
    }
    Optional<CaseDocument> repliedTo =
        cases.holdingAnyMessage(agency.code(), replyIds).map(this::survivor);
    // The ticket the channel knows (an email subject, a LAPOR! report) first, then any the
    // citizen typed.
    List<String> named = new ArrayList<>();
    if (m.ticket() != null) {
      named.add(m.ticket().strip().toUpperCase(Locale.ROOT));
    }
    named.addAll(Threading.ticketsIn(CaseOpening.textOf(m), agency.code()));
    Optional<CaseDocument> byTicket =
        named.stream()
            .distinct()
            .map(cases::byTicket)
            .flatMap(Optional::stream)
            .filter(c -> c.state().agencyCode().equals(agency.code()))
            .map(this::survivor)
            .findFirst();
    return new Intake.Context(
        Optional.empty(),
        repliedTo.map(d -> known(d, loaded)),
        byTicket.map(d -> known(d, loaded)),
        cases.latestOpenOfCitizen(agency.code(), citizenKey).map(d -> known(d, loaded)),
        cases.latestResolvedOfCitizen(agency.code(), citizenKey).map(d -> known(d, loaded)));
  }

  private Intake.Known known(CaseDocument doc, Map<String, CaseDocument> loaded) {
    loaded.put(doc.id(), doc);
    return new Intake.Known(
        doc.id(), doc.state(), personOf(doc.state().agencyCode(), doc.state().citizenKey()));
  }

  /**
   * A change made in LAPOR! itself (issue 19): a timeline entry with LAPOR!'s who and when, the
   * message kept so that a redelivery is a duplicate; no completeness check, no reopening.
   */
  private Received laporChanged(CaseDocument doc, CaseState.Message stored, LaporChange change) {
    CaseDocument entered =
        doc.withMessage(stored, List.of())
            .withOfficerEntry(
                new AuditEntry(
                    change.at(),
                    change.actor(),
                    LaporChange.ACTION,
                    doc.state().status(),
                    doc.state().status(),
                    change.description()),
                null,
                null,
                List.of());
    if (!change.away()) {
      CaseDocument saved = cases.save(entered);
      return new Received("lapor_change", saved.id(), saved.state().ticket());
    }
    // Dispositioned to another agency: closed by the system, so that its clocks stop.
    Case c = entered.toCase();
    List<CaseEvent> events = c.redispositionedAway(LaporChange.AWAY_REASON, change.at());
    CaseDocument saved = cases.save(entered.with(c, entries(entered, events)));
    relay.publish(saved);
    return new Received(
        events.isEmpty() ? "lapor_change" : "lapor_away", saved.id(), saved.state().ticket());
  }

  /** A case about to open, from a citizen message or the front desk. */
  private record NewCase(
      String id,
      Channel channel,
      String intakeMode,
      CaseType type,
      Instant receivedAt,
      @Nullable ReplyAddress reply,
      @Nullable String citizenName,
      CaseState.Message message,
      Map<String, String> form,
      @Nullable String citizenKey,
      List<String> keys,
      String text,
      @Nullable String sourceMessageId,
      String actor,
      List<Threading.Mention> mentions,
      @Nullable String channelDivision) {}

  /**
   * Opens a case: ticket, suggestions, duplicate flags, {@code CaseOpened} and the first
   * completeness check, in one insert; then publishes. Empty when the case exists already.
   */
  private Optional<CaseDocument> openNew(NewCase n, Agency agency, LocalDate today) {
    int year = TicketNumber.yearOf(n.receivedAt(), agency.timeZone());
    String ticket = TicketNumber.format(agency.code(), year, tickets.next(agency.code(), year));
    // Classified once: the suggestion, the stored proposal and its event come from one decision.
    Classifier.Proposed proposal =
        Classifier.withChannelDivision(
            Classifier.propose(agency, n.text(), n.intakeMode()), agency, n.channelDivision());
    CaseDocument skeleton = skeleton(n, ticket, agency, proposal);
    Case.Opened opened =
        Case.open(
            n.id(),
            skeleton.state(),
            n.sourceMessageId(),
            n.actor(),
            agency,
            skeleton.state().evidence(),
            clock.instant(),
            today);
    // A ticket of someone else's case the message named: linked on the new case's timeline.
    n.mentions()
        .forEach(m -> opened.aggregate().noteMention(Case.MENTIONS, m.ticket(), clock.instant()));
    List<CaseEvent> events = Classifier.withProposal(proposal, opened.events());
    CaseDocument doc = skeleton.with(opened.aggregate(), entries(skeleton, events));
    if (!cases.insert(doc)) {
      return Optional.empty();
    }
    if (n.citizenKey() != null && n.reply() != null) {
      citizens.record(
          agency.code(),
          n.citizenKey(),
          n.reply().channel(),
          n.citizenName(),
          n.keys(),
          n.id(),
          clock.instant());
    }
    countChecks(agency, opened.events());
    relay.publish(doc);
    return Optional.of(doc);
  }

  /** The person of a citizen profile (its own key until an officer merges it with others). */
  private @Nullable String personOf(String agencyCode, @Nullable String citizenKey) {
    if (citizenKey == null) {
      return null;
    }
    Citizens.Profile profile = citizens.byCitizenKey(agencyCode, citizenKey);
    return profile == null ? null : profile.personId();
  }

  /** The cases of others the message named, linked on the timeline of the case it went to. */
  private void noteMentions(Case c, Threading.Decision decision) {
    decision.mentions().forEach(n -> c.noteMention(Case.MENTIONS, n.ticket(), clock.instant()));
  }

  /**
   * The other side of a mention: each case that {@code doc}'s timeline says one of its messages
   * named gets the link back. Idempotent, and repeated on a redelivery, so a crash between the two
   * writes loses no link. Only the timeline of the named case changes.
   */
  private void linkMentioned(CaseDocument doc) {
    List<String> named = doc.toCase().mentionedTickets();
    for (String ticket : named) {
      for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
        Optional<CaseDocument> other =
            cases
                .byTicket(ticket)
                .filter(o -> o.state().agencyCode().equals(doc.state().agencyCode()));
        if (other.isEmpty()) {
          break;
        }
        Case c = other.get().toCase();
        if (!c.noteMention(Case.MENTIONED, doc.state().ticket(), clock.instant())) {
          break;
        }
        try {
          cases.save(other.get().with(c, List.of()));
          break;
        } catch (OptimisticLockingFailureException e) {
          if (attempt == ATTEMPTS) {
            throw e;
          }
        }
      }
    }
  }

  private void countMentions(Agency agency, Channel channel, Threading.Decision decision) {
    for (Threading.Mention mention : decision.mentions()) {
      mentions(agency, channel, mention.refusal().name().toLowerCase(Locale.ROOT));
    }
    if (decision.join().isPresent() && decision.join().get().reason() != Threading.Reason.WINDOW) {
      mentions(agency, channel, "joined");
    }
  }

  private void mentions(Agency agency, Channel channel, String outcome) {
    meters
        .counter(
            "aduan.cases.ticket.mentions",
            "agency",
            agency.code(),
            "channel",
            channel.name().toLowerCase(Locale.ROOT),
            "outcome",
            outcome)
        .increment();
  }

  /** A merged case's messages go to the case it was merged into. */
  private CaseDocument survivor(CaseDocument doc) {
    CaseDocument current = doc;
    for (int hops = 0;
        hops < 5
            && current.state().status() == CaseStatus.MERGED
            && current.state().mergedIntoTicket() != null;
        hops++) {
      Optional<CaseDocument> next = cases.byTicket(current.state().mergedIntoTicket());
      if (next.isEmpty()) {
        break;
      }
      current = next.get();
    }
    return current;
  }

  private List<CaseState.DuplicateSuspect> duplicates(
      Agency agency, Instant receivedAt, String text, List<String> keys) {
    Instant since = receivedAt.minus(Duration.ofDays(agency.rules().duplicates().windowDays()));
    List<Duplicates.Candidate> candidates =
        cases
            .duplicateCandidates(
                agency.code(), since, Duplicates.keys(text, keys, identityKeys::textBand), 500)
            .stream()
            .map(
                d ->
                    new Duplicates.Candidate(
                        d.id(),
                        d.state().ticket(),
                        d.state().channel(),
                        d.state().receivedAt(),
                        d.state().citizenText(),
                        Set.copyOf(d.state().identityKeys())))
            .toList();
    List<CaseState.DuplicateSuspect> suspects =
        Duplicates.find(agency, receivedAt, text, Set.copyOf(keys), candidates).stream()
            .map(
                s ->
                    new CaseState.DuplicateSuspect(
                        s.caseId(), s.ticket(), s.similarity(), s.reasons()))
            .toList();
    if (!suspects.isEmpty()) {
      meters.counter("aduan.cases.duplicates.flagged", "agency", agency.code()).increment();
    }
    return suspects;
  }

  /** A complaint registered at the front desk (walk-in, letter, complaint box, phone). */
  public record FrontDeskIntake(
      String reference,
      String mode,
      Instant receivedAt,
      @Nullable CaseType caseType,
      @Nullable String name,
      @Nullable String address,
      @Nullable String phone,
      @Nullable String email,
      @Nullable String nik,
      String description,
      @Nullable String loss,
      @Nullable String remedy,
      @Nullable String placeAndTime,
      boolean signed,
      boolean anonymous,
      boolean confidential) {

    /** The shape before the reporter's flags were added (issue 7). */
    public FrontDeskIntake(
        String reference,
        String mode,
        Instant receivedAt,
        @Nullable CaseType caseType,
        @Nullable String name,
        @Nullable String address,
        @Nullable String phone,
        @Nullable String email,
        @Nullable String nik,
        String description,
        @Nullable String loss,
        @Nullable String remedy,
        @Nullable String placeAndTime,
        boolean signed) {
      this(
          reference,
          mode,
          receivedAt,
          caseType,
          name,
          address,
          phone,
          email,
          nik,
          description,
          loss,
          remedy,
          placeAndTime,
          signed,
          false,
          false);
    }
  }

  /** Registers a front-desk complaint; the same reference twice returns the first case. */
  public CaseDocument intake(FrontDeskIntake in, Agency agency, String actor) {
    return intake(in, List.of(), List.of(), agency, actor);
  }

  /**
   * Registers a front-desk complaint with the files the citizen brought (already kept in the case
   * service's own store, perhaps labelled with the requirement each satisfies) and the requirements
   * whose originals the officer saw and handed back (docs/adr/0052): they are the opening message's
   * files and count in the first completeness check, so a walk-in that brought everything opens
   * complete and its clocks run from its receipt.
   */
  public CaseDocument intake(
      FrontDeskIntake in,
      List<CaseState.FileInfo> files,
      List<String> presented,
      Agency agency,
      String actor) {
    List<String> labels = new ArrayList<>(presented);
    files.stream()
        .map(CaseState.FileInfo::requirement)
        .filter(Objects::nonNull)
        .forEach(labels::add);
    Case.checkDeskRequirements(agency, labels);
    if (!agency.channels().frontDesk().contains(in.mode())) {
      throw new IllegalArgumentException(
          agency.code()
              + " takes no front-desk complaints by "
              + in.mode()
              + " (its standard names "
              + agency.channels().frontDesk()
              + ")");
    }
    Map<String, String> form = new LinkedHashMap<>();
    put(form, "name", in.name());
    put(form, "address", in.address());
    put(form, "description", in.description());
    put(form, "loss", in.loss());
    put(form, "remedy", in.remedy());
    put(form, "placeAndTime", in.placeAndTime());
    put(form, "nik", in.nik());
    form.put("signed", Boolean.toString(in.signed()));
    form.putAll(CaseState.reporterFlags(in.anonymous(), in.confidential()));
    if (!presented.isEmpty()) {
      form.put(CaseState.PRESENTED, String.join(",", new LinkedHashSet<>(presented)));
    }
    CaseType type =
        in.caseType() != null ? in.caseType() : Classifier.caseType(agency, in.description());
    // The form is the message: the citizen's own account is the description.
    return openFromForm(
        new FormCase(
            CaseIds.forOpeningMessage(agency.code(), Channel.FRONT_DESK, in.reference()),
            Channel.FRONT_DESK,
            in.mode(),
            type,
            in.receivedAt(),
            frontDeskReply(in, agency),
            in.name(),
            in.nik(),
            form,
            in.description(),
            null,
            files,
            actor),
        agency);
  }

  /**
   * A complaint from the agency's public web form ({@link Channel#WEB}). {@code reference} is the
   * form's single-use proof-of-work challenge, so a repeated submission opens nothing new. {@code
   * whatsapp}/{@code email}: where the answer goes (WhatsApp first, as at the front desk); neither
   * means the citizen follows the case by its ticket only.
   */
  public record WebComplaint(
      String reference,
      String description,
      @Nullable String name,
      @Nullable String whatsapp,
      @Nullable String email,
      @Nullable String nik,
      boolean anonymous,
      boolean confidential,
      Instant receivedAt) {}

  /**
   * Opens a case from the web form the same way as the front desk: the form is the message, the
   * completeness check runs on it. Whether the agency offers the form and its options is the
   * caller's check ({@code web/WebFormController}). Returns the case and whether it is new.
   */
  public CaseDocument webComplaint(WebComplaint in, Agency agency) {
    return webComplaint(in, List.of(), agency);
  }

  /**
   * The same with the files the citizen uploaded, already kept in the case service's own store
   * (docs/adr/0052), perhaps labelled with the requirement each satisfies: the opening message's
   * files, counted by the first completeness check.
   */
  public CaseDocument webComplaint(WebComplaint in, List<CaseState.FileInfo> files, Agency agency) {
    // An anonymous reporter's name is not kept at all.
    String name = in.anonymous() ? null : in.name();
    Map<String, String> form = new LinkedHashMap<>();
    put(form, "name", name);
    put(form, "description", in.description());
    put(form, "nik", in.nik());
    form.putAll(CaseState.reporterFlags(in.anonymous(), in.confidential()));
    // The citizen wrote it themselves: the conversation shows it, as a message's text.
    return openFromForm(
        new FormCase(
            CaseIds.forOpeningMessage(agency.code(), Channel.WEB, in.reference()),
            Channel.WEB,
            "ONLINE",
            Classifier.caseType(agency, in.description()),
            in.receivedAt(),
            replyTo(in.whatsapp(), in.email(), agency),
            name,
            in.nik(),
            form,
            in.description(),
            in.description(),
            files,
            "citizen"),
        agency);
  }

  /**
   * A case opened from a form (the front desk's or the public web form's): its id names the form's
   * reference, so the same form twice returns the first case.
   */
  private record FormCase(
      String id,
      Channel channel,
      String mode,
      CaseType type,
      Instant receivedAt,
      @Nullable ReplyAddress reply,
      @Nullable String name,
      @Nullable String nik,
      Map<String, String> form,
      String description,
      @Nullable String messageText,
      List<CaseState.FileInfo> files,
      String actor) {}

  private CaseDocument openFromForm(FormCase f, Agency agency) {
    Optional<CaseDocument> existing = cases.byId(f.id());
    if (existing.isPresent()) {
      relay.publish(existing.get());
      return existing.get();
    }
    LocalDate today = LocalDate.now(clock.withZone(agency.timeZone()));
    ReplyAddress reply = f.reply();
    String citizenKey =
        reply == null ? null : identityKeys.citizen(reply.channel(), reply.recipientId());
    Nik nik = f.nik() == null ? null : Nik.check(f.nik(), today).nik();
    List<String> keys =
        reply == null
            ? List.of()
            : List.copyOf(identityKeys.of(reply.channel(), reply.recipientId(), nik, null));
    CaseState.Message message =
        new CaseState.Message(
            UUID.randomUUID().toString(),
            f.channel(),
            "INBOUND",
            null,
            f.messageText(),
            f.receivedAt(),
            f.files().stream().map(CaseState.FileInfo::attachmentId).toList(),
            f.files());
    Optional<CaseDocument> opened =
        openNew(
            new NewCase(
                f.id(),
                f.channel(),
                f.mode(),
                f.type(),
                f.receivedAt(),
                reply,
                f.name(),
                message,
                f.form(),
                citizenKey,
                keys,
                f.description(),
                null,
                f.actor(),
                List.of(),
                null),
            agency,
            today);
    if (opened.isEmpty()) {
      return cases.byId(f.id()).orElseThrow();
    }
    count(agency, f.channel(), "opened");
    return opened.get();
  }

  private static @Nullable ReplyAddress frontDeskReply(FrontDeskIntake in, Agency agency) {
    return replyTo(in.phone(), in.email(), agency);
  }

  /** A WhatsApp number first (local {@code 08...} as {@code 628...}), else an email address. */
  private static @Nullable ReplyAddress replyTo(
      @Nullable String phone, @Nullable String email, Agency agency) {
    if (phone != null && !phone.isBlank() && agency.channels().whatsapp() != null) {
      String digits = phone.replaceAll("\\D", "");
      if (digits.startsWith("0")) {
        digits = "62" + digits.substring(1);
      }
      return new ReplyAddress(
          Channel.WHATSAPP, agency.channels().whatsapp().phoneNumberId(), digits);
    }
    if (email != null && !email.isBlank() && !agency.channels().mailboxes().isEmpty()) {
      return new ReplyAddress(
          Channel.EMAIL, agency.channels().mailboxes().getFirst(), email.toLowerCase(Locale.ROOT));
    }
    return null;
  }

  private static void put(Map<String, String> form, String key, @Nullable String value) {
    if (value != null && !value.isBlank()) {
      form.put(key, value.strip());
    }
  }

  /**
   * An officer's action on a case of their agency. {@code expectedVersion} is the version the
   * officer saw; a different one (or a concurrent write) is a {@link StaleVersionException}.
   */
  public CaseDocument act(
      Agency agency,
      String ticket,
      @Nullable Long expectedVersion,
      String action,
      BiFunction<Case, CaseDocument, List<CaseEvent>> change) {
    CaseDocument doc =
        cases
            .byTicket(ticket)
            .filter(c -> c.state().agencyCode().equals(agency.code()))
            .orElseThrow(() -> new CaseNotFoundException(ticket));
    long current = doc.version() == null ? 0 : doc.version();
    if (expectedVersion != null && expectedVersion != current) {
      transition(agency, action, "conflict");
      throw new StaleVersionException(ticket, expectedVersion, current);
    }
    Case c = doc.toCase();
    List<CaseEvent> events;
    try {
      events = change.apply(c, doc);
    } catch (IllegalTransitionException | StepRefusedException e) {
      transition(agency, action, "refused");
      throw e;
    } catch (IllegalArgumentException e) {
      // Values the domain refuses (a disposition without its time, a past time): 400, counted.
      transition(agency, action, "invalid");
      throw e;
    }
    CaseDocument saved;
    try {
      saved = cases.save(doc.with(c, entries(doc, events)));
    } catch (OptimisticLockingFailureException e) {
      transition(agency, action, "conflict");
      throw new StaleVersionException(ticket, current, current + 1);
    }
    transition(agency, action, "done");
    relay.publish(saved);
    return cases.byId(saved.id()).orElse(saved);
  }

  /**
   * Merges the duplicate {@code ticket} into {@code survivorTicket}: the duplicate keeps its
   * history and points to the survivor, whose answers go to both reporters. Two documents, two
   * writes (no multi-document transactions): the duplicate first, then the survivor; repeating the
   * call after a failure in between completes the survivor's side.
   */
  public CaseDocument merge(
      Agency agency,
      String ticket,
      String survivorTicket,
      @Nullable Long expectedVersion,
      String actor) {
    CaseDocument survivorDoc =
        cases
            .byTicket(survivorTicket)
            .filter(c -> c.state().agencyCode().equals(agency.code()))
            .orElseThrow(() -> new CaseNotFoundException(survivorTicket));
    CaseDocument current =
        cases
            .byTicket(ticket)
            .filter(c -> c.state().agencyCode().equals(agency.code()))
            .orElseThrow(() -> new CaseNotFoundException(ticket));
    CaseDocument merged;
    if (current.state().status() == CaseStatus.MERGED
        && survivorTicket.equals(current.state().mergedIntoTicket())) {
      merged = current;
    } else {
      Case survivor = survivorDoc.toCase();
      merged =
          act(
              agency,
              ticket,
              expectedVersion,
              "merge",
              (c, d) -> c.mergeInto(survivor, actor, clock.instant()));
    }
    Case mergedCase = merged.toCase();
    for (int attempt = 1; ; attempt++) {
      CaseDocument s = cases.byTicket(survivorTicket).orElseThrow();
      Case sc = s.toCase();
      if (!sc.absorb(mergedCase, actor, clock.instant())) {
        return merged;
      }
      try {
        cases.save(s.with(sc, List.of()));
        return merged;
      } catch (OptimisticLockingFailureException e) {
        if (attempt >= ATTEMPTS) {
          throw new StaleVersionException(survivorTicket, -1, -1);
        }
      }
    }
  }

  /**
   * Closes an answered SP4N-LAPOR! report whose reporter did not reply in LAPOR!'s closing time
   * (the SLA service's {@code lapor-close} breach); anything else is left as it is, and a
   * redelivery finds the case closed already.
   */
  public void closeWithoutReply(String caseId) {
    for (int attempt = 1; ; attempt++) {
      CaseDocument doc = cases.byId(caseId).orElse(null);
      if (doc == null) {
        return;
      }
      Case c = doc.toCase();
      List<CaseEvent> events = c.closeWithoutReply(clock.instant());
      if (events.isEmpty()) {
        return;
      }
      try {
        CaseDocument saved = cases.save(doc.with(c, entries(doc, events)));
        meters
            .counter(
                "aduan.cases.transitions",
                "agency",
                doc.state().agencyCode(),
                "action",
                "close-without-reply",
                "outcome",
                "done")
            .increment();
        relay.publish(saved);
        return;
      } catch (OptimisticLockingFailureException e) {
        if (attempt >= ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  /** What became of a survey answered on the public status page. */
  public enum PageSurvey {
    ANSWERED,
    /** No case under this number, or the key is not its status link's. */
    NOT_FOUND,
    /** Not resolved, or the agency's survey window has passed. */
    NOT_OPEN,
    /** The survey of this case has an answer already: the status page takes one. */
    ALREADY_ANSWERED
  }

  /** Whether the survey of a case is open now (resolved, within the agency's window). */
  public boolean surveyOpen(Agency agency, String caseId, CaseState state) {
    return new Case(caseId, state)
        .surveyOpen(agency.rules().aftercare().surveyWindow(), clock.instant());
  }

  /** The path of a case's status page for its reporter, with the key that lets them answer. */
  public String statusLink(String caseId, String ticket) {
    return "/status.html?ticket=" + ticket + "&key=" + identityKeys.statusLinkKey(caseId);
  }

  /**
   * A survey answered on the public status page by whoever holds the case's status link ({@link
   * #statusLink}; docs/adr/0053): the same answer a rating on the citizen's channel gives ({@code
   * SurveyAnswered}), once; the case stays resolved.
   */
  public PageSurvey answerSurveyOnStatusPage(
      Agency agency, String ticket, String key, int rating, @Nullable String comment) {
    for (int attempt = 1; ; attempt++) {
      try {
        return answerOnStatusPageOnce(agency, ticket, key, rating, comment);
      } catch (OptimisticLockingFailureException e) {
        // Another write won; read again (an answer that won makes this one ALREADY_ANSWERED).
        if (attempt >= ATTEMPTS) {
          throw new StaleVersionException(ticket, -1, -1);
        }
      }
    }
  }

  private PageSurvey answerOnStatusPageOnce(
      Agency agency, String ticket, String key, int rating, @Nullable String comment) {
    Optional<CaseDocument> found =
        byTicket(agency, ticket)
            .filter(
                d ->
                    java.security.MessageDigest.isEqual(
                        identityKeys
                            .statusLinkKey(d.id())
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        key.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    PageSurvey outcome;
    if (found.isEmpty()) {
      outcome = PageSurvey.NOT_FOUND;
    } else if (found.get().state().survey() != null) {
      outcome = PageSurvey.ALREADY_ANSWERED;
    } else {
      CaseDocument doc = found.get();
      Case c = doc.toCase();
      if (!c.surveyOpen(agency.rules().aftercare().surveyWindow(), clock.instant())) {
        outcome = PageSurvey.NOT_OPEN;
      } else {
        String text = comment == null || comment.isBlank() ? null : comment.strip();
        List<CaseEvent> events =
            c.answerSurvey(
                new id.aduan.cases.domain.CitizenReply(
                    id.aduan.cases.domain.CitizenReply.Kind.RATING, rating, text),
                "status-page:" + UUID.randomUUID(),
                clock.instant());
        CaseDocument saved = cases.save(doc.with(c, entries(doc, events)));
        relay.publish(saved);
        outcome = PageSurvey.ANSWERED;
      }
    }
    meters
        .counter(
            "aduan.cases.survey.status.page",
            "agency",
            agency.code(),
            "outcome",
            outcome.name().toLowerCase(Locale.ROOT))
        .increment();
    return outcome;
  }

  public Optional<CaseDocument> byTicket(Agency agency, String ticket) {
    return cases.byTicket(ticket).filter(c -> c.state().agencyCode().equals(agency.code()));
  }

  private CaseDocument skeleton(
      NewCase n, String ticket, Agency agency, Classifier.Proposed proposal) {
    CaseState.Builder state =
        CaseState.received(
            ticket,
            agency.code(),
            n.type(),
            n.channel(),
            n.intakeMode(),
            n.receivedAt(),
            clock.instant());
    state.replyAddress = n.reply();
    state.citizenName = n.citizenName();
    state.messages.add(n.message());
    state.suggestedDivision = proposal.suggestedDivision();
    state.duplicateSuspects = duplicates(agency, n.receivedAt(), n.text(), n.keys());
    state.form = n.form();
    state.citizenKey = n.citizenKey();
    state.identityKeys = n.keys();
    state.lastCitizenMessageAt = n.receivedAt();
    state.proposal = proposal.stored();
    return CaseDocument.opened(n.id(), state.build(), List.of());
  }

  private List<Outbox.Entry> entries(CaseDocument doc, List<CaseEvent> events) {
    return events.stream()
        .map(outgoing::complete)
        .map(e -> outbox.entry(Topics.CASES_EVENTS, doc.id(), e, doc.state().ticket()))
        .toList();
  }

  private void count(Agency agency, Channel channel, String outcome) {
    meters
        .counter(
            "aduan.cases.inbound",
            "agency",
            agency.code(),
            "channel",
            channel.name().toLowerCase(Locale.ROOT),
            "outcome",
            outcome)
        .increment();
  }

  private void transition(Agency agency, String action, String outcome) {
    meters
        .counter(
            "aduan.cases.transitions",
            "agency",
            agency.code(),
            "action",
            action,
            "outcome",
            outcome)
        .increment();
  }

  private void countChecks(Agency agency, List<CaseEvent> events) {
    for (CaseEvent e : events) {
      if (e instanceof CaseEvent.InformationRequested r) {
        meters.counter("aduan.cases.information.requested", "agency", agency.code()).increment();
        for (String reason : r.invalid()) {
          meters
              .counter("aduan.cases.invalid.input", "agency", agency.code(), "reason", reason)
              .increment();
        }
      } else if (e instanceof CaseEvent.InformationReceived) {
        meters.counter("aduan.cases.information.received", "agency", agency.code()).increment();
      }
    }
  }
}
