package id.aduan.email.messaging;

import id.aduan.contracts.Channel;
import id.aduan.contracts.ComplaintReceived;
import id.aduan.contracts.DeadLetter;
import id.aduan.contracts.DeliveryReceipt;
import id.aduan.contracts.Topics;
import id.aduan.email.client.MailboxSession;
import id.aduan.email.client.MailboxSession.FetchedMail;
import id.aduan.email.domain.Checkpoint;
import id.aduan.email.domain.MailParser;
import id.aduan.email.domain.MailPart;
import id.aduan.email.domain.ParsedMail;
import id.aduan.email.domain.SenderAuthentication;
import id.aduan.email.domain.Tickets;
import id.aduan.email.domain.UnparseableMailException;
import id.aduan.email.domain.Verp;
import id.aduan.email.persistence.Checkpoints;
import id.aduan.email.persistence.MailFiles;
import id.aduan.email.persistence.OutboundMails;
import id.aduan.email.persistence.OutboundMails.OutboundMail;
import id.aduan.email.persistence.ProcessedMails;
import id.aduan.support.messaging.EventPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One read of one mailbox: every mail after the checkpoint becomes exactly one message on Kafka (a
 * complaint, a FAILED receipt for a bounce, or a dead letter), in UID order. The order of effects
 * per mail is what makes the intake lose nothing: record the dedup key as PENDING with the event id
 * about to be published, publish (Kafka acknowledged), mark the key DONE, flag {@code \Seen} or
 * move the mail, and only then advance the checkpoint. A crash anywhere leaves the mail to be read
 * again: a DONE key makes that read skip it, and a PENDING key makes it ask Kafka whether the event
 * got there before publishing it again (under the same event id), so a crash between Kafka's
 * acknowledgement and the DONE mark publishes nothing twice either.
 */
@Component
public class MailboxIntake {

  /** Dead letters carry the raw mail inline up to this size; GridFS always has it. */
  private static final int INLINE_RAW_LIMIT = 512 * 1024;

  private static final int FULL_TEXT_LIMIT = 100_000;
  private static final Logger log = LoggerFactory.getLogger(MailboxIntake.class);

  private final MailParser parser;
  private final SenderAuthentication senders;
  private final Checkpoints checkpoints;
  private final ProcessedMails processed;
  private final MailFiles files;
  private final OutboundMails outbound;
  private final PublishedEvents published;
  private final EventPublisher publisher;
  private final MeterRegistry meters;
  private final Clock clock;

  MailboxIntake(
      MailParser parser,
      Checkpoints checkpoints,
      ProcessedMails processed,
      MailFiles files,
      OutboundMails outbound,
      PublishedEvents published,
      EventPublisher publisher,
      MeterRegistry meters,
      Clock clock,
      SenderAuthentication senders) {
    this.senders = senders;
    this.parser = parser;
    this.checkpoints = checkpoints;
    this.processed = processed;
    this.files = files;
    this.outbound = outbound;
    this.published = published;
    this.publisher = publisher;
    this.meters = meters;
    this.clock = clock;
  }

  /** A mailbox the intake reads, with the agency it belongs to. */
  public record Mailbox(String address, String agencyCode) {}

  /**
   * Reads up to {@code batchSize} mails after the checkpoint.
   *
   * @param running checked between mails, so a stopping service finishes the mail at hand and no
   *     more
   * @return how many mails were taken (a full batch means more may be waiting)
   * @throws EventPublisher.PublishFailedException when Kafka did not acknowledge: the mail at hand
   *     stays unread and the checkpoint where it was
   */
  public int readOnce(
      MailboxSession session, Mailbox mailbox, int batchSize, BooleanSupplier running)
      throws MessagingException, IOException {
    long uidValidity = session.uidValidity();
    Optional<Checkpoint> stored = checkpoints.find(mailbox.address());
    Checkpoint.Plan plan = stored.map(c -> c.plan(uidValidity)).orElse(Checkpoint.firstRead());
    if (stored.isPresent() && plan.rescan()) {
      log.warn(
          "UIDVALIDITY of {} changed from {} to {}: reading the whole mailbox again, deduplicated",
          mailbox.address(),
          stored.get().uidValidity(),
          uidValidity);
      meters.counter("aduan.email.rescans", "agency", mailbox.agencyCode()).increment();
    }
    Checkpoint checkpoint =
        stored
            .filter(c -> c.uidValidity() == uidValidity)
            .orElse(new Checkpoint(mailbox.address(), uidValidity, 0));
    List<FetchedMail> mails = session.fetchFrom(plan.fromUid(), batchSize);
    log.debug(
        "read {} from UID {} (UIDVALIDITY {}): {} mails",
        mailbox.address(),
        plan.fromUid(),
        uidValidity,
        mails.size());
    int taken = 0;
    for (FetchedMail mail : mails) {
      if (!running.getAsBoolean()) {
        break;
      }
      handle(mailbox, mail);
      // Flagged (or moved) before the checkpoint passes it: a crash in between leaves the mail
      // after the checkpoint, so the next read finds it (its DONE key skips the publication) and
      // flags it then. The other way round it stayed unflagged for good.
      session.markProcessed(mail.uid());
      checkpoint = checkpoint.advancedTo(mail.uid());
      checkpoints.save(checkpoint, clock.instant());
      taken++;
    }
    if (mails.isEmpty() && stored.isEmpty()) {
      checkpoints.save(checkpoint, clock.instant());
    }
    return taken;
  }

  private void handle(Mailbox mailbox, FetchedMail mail) {
    ParsedMail parsed;
    try {
      parsed = parser.parse(mail.raw());
    } catch (UnparseableMailException e) {
      deadLetter(mailbox, mail, e.reason(), e.getMessage());
      return;
    }
    ProcessedMails.State state = processed.state(mailbox.address(), parsed.identity());
    if (state.done()) {
      count(mailbox, "duplicate", "seen");
      return;
    }
    switch (parsed.kind()) {
      case AUTO_REPLY -> count(mailbox, "auto_reply", parsed.kindReason());
      case BOUNCE -> bounce(mailbox, parsed, state);
      case COMPLAINT -> {
        if (parsed.fromAddress() == null) {
          deadLetter(mailbox, mail, "NO_SENDER", "the mail has no usable From address");
        } else {
          complaint(mailbox, mail, parsed, state);
        }
      }
    }
    processed.remember(mailbox.address(), parsed.identity(), clock.instant());
  }

  /**
   * The event id under which a mail is to be published, recorded (PENDING) before the publication;
   * empty when an earlier read already got it onto Kafka and died (or lost the acknowledgement)
   * before recording that. A repeated publication keeps the first event id, so even a consumer that
   * sees both can tell they are one.
   */
  private Optional<String> publication(
      Mailbox mailbox, String identity, ProcessedMails.State state, String topic) {
    if (state.kind() == ProcessedMails.State.Kind.PENDING
        && state.eventId() != null
        && state.topic() != null
        && state.at() != null) {
      if (published.contains(state.topic(), state.eventId(), state.at())) {
        log.info(
            "a mail of {} was already on {} from an interrupted read: not published again",
            mailbox.address(),
            state.topic());
        count(mailbox, "duplicate", "recovered");
        return Optional.empty();
      }
      return Optional.of(state.eventId());
    }
    String eventId = UUID.randomUUID().toString();
    processed.intend(mailbox.address(), identity, topic, eventId, clock.instant());
    return Optional.of(eventId);
  }

  private void complaint(
      Mailbox mailbox, FetchedMail mail, ParsedMail parsed, ProcessedMails.State state) {
    Optional<String> eventId =
        publication(mailbox, parsed.identity(), state, Topics.COMPLAINTS_INBOUND);
    if (eventId.isEmpty()) {
      return;
    }
    String original =
        files.store(mail.raw(), "original.eml", "message/rfc822", "original", mailbox.address());
    List<ComplaintReceived.Attachment> attachments = new ArrayList<>();
    for (MailPart part : parsed.parts()) {
      // Every file has its own id, never one a sender could also give (docs/adr/0028): a stored
      // file its GridFS id, one too large to keep a random one.
      if (part.content() == null) {
        attachments.add(
            new ComplaintReceived.Attachment(
                UUID.randomUUID().toString(),
                part.mediaType(),
                part.fileName(),
                part.sizeBytes(),
                null,
                null,
                "TOO_LARGE"));
        count(mailbox, "attachment", "too_large");
        continue;
      }
      String ref =
          files.store(
              part.content(),
              part.fileName(),
              part.mediaType(),
              "attachment",
              mailbox.address(),
              mailbox.agencyCode());
      attachments.add(
          new ComplaintReceived.Attachment(
              ref,
              part.mediaType(),
              part.fileName(),
              part.sizeBytes(),
              MailParser.sha256(part.content()),
              ref,
              "STORED"));
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("originalRef", original);
    if (!parsed.fullText().equals(parsed.text())) {
      String full = parsed.fullText();
      metadata.put(
          "fullText", full.length() > FULL_TEXT_LIMIT ? full.substring(0, FULL_TEXT_LIMIT) : full);
    }
    if (parsed.forwardedMessages() > 0) {
      metadata.put("forwardedMessages", String.valueOf(parsed.forwardedMessages()));
    }
    // Whether the From is the sender's: only then may the mail join its reporter's case.
    Map<String, String> sender =
        senders.metadata(parsed.authenticationResults(), parsed.fromAddress(), mailbox.address());
    metadata.putAll(sender);
    Instant now = clock.instant();
    ComplaintReceived complaint =
        new ComplaintReceived(
            eventId.get(),
            now,
            mailbox.agencyCode(),
            Channel.EMAIL,
            mailbox.address(),
            parsed.identity(),
            new ComplaintReceived.Sender(parsed.fromAddress(), parsed.fromName(), false, false),
            "email",
            parsed.subject(),
            parsed.text(),
            attachments,
            null,
            parsed.inReplyTo(),
            parsed.references(),
            mail.receivedAt() != null ? mail.receivedAt() : now,
            metadata,
            ticketOf(parsed));
    publisher.publish(
        Topics.COMPLAINTS_INBOUND,
        mailbox.agencyCode() + ":" + parsed.fromAddress(),
        complaint,
        null);
    count(mailbox, "published", complaint.ticket() != null ? "thread" : "new");
    meters
        .counter(
            "aduan.email.senders",
            "agency",
            mailbox.agencyCode(),
            "authenticated",
            sender.get(SenderAuthentication.AUTHENTICATED),
            "basis",
            sender.get(SenderAuthentication.BASIS))
        .increment();
  }

  /**
   * The ticket a mail continues: quoted in its subject, or the ticket of a mail the platform sent
   * that it answers (In-Reply-To, then References).
   */
  private @Nullable String ticketOf(ParsedMail parsed) {
    Optional<String> inSubject = Tickets.in(parsed.subject());
    if (inSubject.isPresent()) {
      return inSubject.get();
    }
    List<String> ids = new ArrayList<>();
    if (parsed.inReplyTo() != null) {
      ids.add(parsed.inReplyTo());
    }
    ids.addAll(parsed.references());
    return outbound.byMessageIds(ids).map(OutboundMail::ticket).orElse(null);
  }

  private void bounce(Mailbox mailbox, ParsedMail parsed, ProcessedMails.State state) {
    Optional<OutboundMail> original =
        parsed.envelopeAddresses().stream()
            .map(Verp::outboundId)
            .flatMap(Optional::stream)
            .findFirst()
            .flatMap(outbound::byId)
            .or(
                () ->
                    parsed.bounce() == null
                        ? Optional.empty()
                        : outbound.byMessageIds(parsed.bounce().originalMessageIds()));
    if (original.isEmpty()) {
      // Not ours (or older than our records): nothing to mark failed; counted, never a complaint.
      count(mailbox, "bounce", "unmatched");
      return;
    }
    OutboundMail sent = original.get();
    Instant now = clock.instant();
    Optional<String> eventId =
        publication(mailbox, parsed.identity(), state, Topics.DELIVERY_RECEIPTS);
    if (eventId.isEmpty()) {
      outbound.finish(sent.id(), "BOUNCED", now);
      return;
    }
    DeliveryReceipt receipt =
        new DeliveryReceipt(
            eventId.get(),
            now,
            Channel.EMAIL,
            sent.agencyCode(),
            sent.id(),
            sent.messageId(),
            DeliveryReceipt.Status.FAILED,
            parsed.bounce() == null ? null : parsed.bounce().status(),
            parsed.bounce() == null ? "bounced" : parsed.bounce().diagnostic(),
            parsed.sentAt() != null ? parsed.sentAt() : now);
    publisher.publish(Topics.DELIVERY_RECEIPTS, sent.id(), receipt, sent.ticket());
    outbound.finish(sent.id(), "BOUNCED", now);
    count(mailbox, "bounce", "matched");
  }

  private void deadLetter(
      Mailbox mailbox, FetchedMail mail, String reason, @Nullable String detail) {
    String hash = MailParser.sha256(mail.raw());
    String identity = "sha256:" + hash;
    ProcessedMails.State state = processed.state(mailbox.address(), identity);
    if (state.done()) {
      count(mailbox, "duplicate", "seen");
      return;
    }
    String dlq = Topics.dlq(Topics.COMPLAINTS_INBOUND);
    Optional<String> eventId = publication(mailbox, identity, state, dlq);
    if (eventId.isEmpty()) {
      processed.remember(mailbox.address(), identity, clock.instant());
      return;
    }
    String ref =
        files.store(
            mail.raw(), "unparseable.eml", "message/rfc822", "unparseable", mailbox.address());
    DeadLetter letter =
        new DeadLetter(
            eventId.get(),
            clock.instant(),
            "channel-email",
            Channel.EMAIL,
            reason,
            detail
                + " (mailbox "
                + mailbox.address()
                + ", UID "
                + mail.uid()
                + ", raw mail in GridFS "
                + ref
                + ")",
            "message/rfc822",
            mail.raw().length <= INLINE_RAW_LIMIT
                ? Base64.getEncoder().encodeToString(mail.raw())
                : "");
    publisher.deadLetterRecord(dlq, mailbox.agencyCode() + ":" + hash, letter, reason);
    processed.remember(mailbox.address(), identity, clock.instant());
    count(mailbox, "dead_lettered", reason.toLowerCase());
  }

  private void count(Mailbox mailbox, String outcome, String reason) {
    meters
        .counter(
            "aduan.inbound.messages",
            "channel",
            "email",
            "agency",
            mailbox.agencyCode(),
            "outcome",
            outcome,
            "reason",
            reason)
        .increment();
  }
}
