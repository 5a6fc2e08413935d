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
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

  CaseService(
      CaseRepository cases,
      Citizens citizens,
      TicketSequences tickets,
      CaseEvents relay,
      Outbox outbox,
      MeterRegistry meters,
      Clock clock,
      IdentityKeys identityKeys) {
    this.identityKeys = identityKeys;
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
      case Intake.Open o -> {
        countMentions(agency, m.channel(), o.threading());
        yield open(m, agency, openingId, citizenKey, keys, stored, o.threading(), today);
      }
    };
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
    if (!agency.channels().frontDesk().contains(in.mode())) {
      throw new IllegalArgumentException(
          agency.code()
              + " takes no front-desk complaints by "
              + in.mode()
              + " (its standard names "
              + agency.channels().frontDesk()
              + ")");
    }
    String id = CaseIds.forOpeningMessage(agency.code(), Channel.FRONT_DESK, in.reference());
    Optional<CaseDocument> existing = cases.byId(id);
    if (existing.isPresent()) {
      relay.publish(existing.get());
      return existing.get();
    }
    LocalDate today = LocalDate.now(clock.withZone(agency.timeZone()));
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
    ReplyAddress reply = frontDeskReply(in, agency);
    String citizenKey =
        reply == null ? null : identityKeys.citizen(reply.channel(), reply.recipientId());
    Nik nik = in.nik() == null ? null : Nik.check(in.nik(), today).nik();
    List<String> keys =
        reply == null
            ? List.of()
            : List.copyOf(identityKeys.of(reply.channel(), reply.recipientId(), nik, null));
    CaseType type =
        in.caseType() != null ? in.caseType() : Classifier.caseType(agency, in.description());
    // The form is the message: the citizen's own account is the description.
    CaseState.Message message =
        new CaseState.Message(
            UUID.randomUUID().toString(),
            Channel.FRONT_DESK,
            "INBOUND",
            null,
            null,
            in.receivedAt(),
            List.of(),
            List.of());
    Optional<CaseDocument> opened =
        openNew(
            new NewCase(
                id,
                Channel.FRONT_DESK,
                in.mode(),
                type,
                in.receivedAt(),
                reply,
                in.name(),
                message,
                form,
                citizenKey,
                keys,
                in.description(),
                null,
                actor,
                List.of(),
                null),
            agency,
            today);
    if (opened.isEmpty()) {
      return cases.byId(id).orElseThrow();
    }
    count(agency, Channel.FRONT_DESK, "opened");
    return opened.get();
  }

  private static @Nullable ReplyAddress frontDeskReply(FrontDeskIntake in, Agency agency) {
    if (in.phone() != null && !in.phone().isBlank() && agency.channels().whatsapp() != null) {
      String digits = in.phone().replaceAll("\\D", "");
      if (digits.startsWith("0")) {
        digits = "62" + digits.substring(1);
      }
      return new ReplyAddress(
          Channel.WHATSAPP, agency.channels().whatsapp().phoneNumberId(), digits);
    }
    if (in.email() != null && !in.email().isBlank() && !agency.channels().mailboxes().isEmpty()) {
      return new ReplyAddress(
          Channel.EMAIL,
          agency.channels().mailboxes().getFirst(),
          in.email().toLowerCase(Locale.ROOT));
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
