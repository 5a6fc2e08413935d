package id.aduan.email.messaging;

import id.aduan.agency.Agency;
import id.aduan.agency.AgencyCatalog;
import id.aduan.contracts.Channel;
import id.aduan.contracts.DeliveryReceipt;
import id.aduan.contracts.OutboundMessage;
import id.aduan.contracts.Topics;
import id.aduan.email.client.SmtpClient;
import id.aduan.email.config.EmailProperties;
import id.aduan.email.domain.OutgoingMail;
import id.aduan.email.domain.ReplyComposer;
import id.aduan.email.persistence.MailFiles;
import id.aduan.email.persistence.OutboundMails;
import id.aduan.email.persistence.OutboundMails.OutboundMail;
import id.aduan.support.messaging.DeferredDeliveries;
import id.aduan.support.messaging.EventPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;

/**
 * {@code deliverEmail}: consumes {@code outbound.email.v1} and sends each message over SMTP, once.
 * The message id is claimed (state SENDING with a lease) before the send and marked SENT after, so
 * a redelivery finds it done. A send that failed for now (no connection, a timeout, a 4xx answer,
 * an open circuit) releases the claim and keeps the message in {@code outbound_deferred}; the
 * consumer returns, so the partition goes on, and {@link #sendDue} (run by {@code
 * scheduling.SendDeferredMail}) tries it again after a jittered, doubling backoff until {@code
 * aduan.outbound.retry.give-up-after}, then dead-letters it ({@code RETRIES_EXHAUSTED},
 * docs/adr/0041). A permanent refusal (5xx) ends as a FAILED receipt and a dead letter {@code
 * PROVIDER_REFUSED}. Every outcome goes to {@code delivery.receipts.v1}.
 */
@Component("deliverEmail")
public class DeliverEmail implements Consumer<Message<byte[]>> {

  private static final Logger log = LoggerFactory.getLogger(DeliverEmail.class);
  private static final String DLQ = Topics.dlq(Topics.OUTBOUND_EMAIL);

  private final EventPublisher publisher;
  private final AgencyCatalog agencies;
  private final OutboundMails outbound;
  private final MailFiles files;
  private final SmtpClient smtp;
  private final EmailProperties properties;
  private final MeterRegistry meters;
  private final Clock clock;
  private final DeferredDeliveries deferred;

  /** A message ready to send: its agency, the mail and the attachments' bytes. */
  private record Prepared(
      OutboundMessage out, Agency agency, OutgoingMail mail, Map<String, byte[]> attachments) {}

  DeliverEmail(
      EventPublisher publisher,
      AgencyCatalog agencies,
      OutboundMails outbound,
      MailFiles files,
      SmtpClient smtp,
      EmailProperties properties,
      MeterRegistry meters,
      Clock clock,
      DeferredDeliveries deferred) {
    this.deferred = deferred;
    this.publisher = publisher;
    this.agencies = agencies;
    this.outbound = outbound;
    this.files = files;
    this.smtp = smtp;
    this.properties = properties;
    this.meters = meters;
    this.clock = clock;
  }

  @Override
  public void accept(Message<byte[]> message) {
    Object read =
        publisher
            .readOrDeadLetter(message, Topics.OUTBOUND_EMAIL, OutboundMessage.class)
            .orElse(null);
    if (read == null) {
      return;
    }
    if (!(read instanceof OutboundMessage out)) {
      publisher.deadLetter(
          DLQ,
          message,
          "WRONG_TYPE",
          read.getClass().getSimpleName() + " is not an outbound message");
      return;
    }
    Prepared prepared = prepare(out, message);
    if (prepared == null) {
      return;
    }
    if (deferred.holds(out.eventId())) {
      // Kept for a later attempt after a transient failure: that attempt sends it.
      count(out.agencyCode(), "duplicate");
      return;
    }
    send(prepared, message.getPayload(), null);
  }

  /**
   * Tries again the messages whose next attempt has come, at most {@code limit}, each under a
   * lease.
   *
   * @return how many were tried
   */
  public int sendDue(int limit) {
    return deferred.attemptDue(
        limit,
        DLQ,
        OutboundMessage.class,
        (out, due) -> {
          Prepared prepared = prepare(out, MessageBuilder.withPayload(due.payload()).build());
          if (prepared == null) {
            deferred.finished(due);
            return;
          }
          send(prepared, due.payload(), due);
        });
  }

  /** The mail to send, or null when the message cannot be sent (dead-lettered). */
  private @Nullable Prepared prepare(OutboundMessage out, Message<byte[]> message) {
    Optional<Agency> agency = agencies.byMailbox(out.to().channelAccountId());
    if (out.to().channel() != Channel.EMAIL || agency.isEmpty()) {
      publisher.deadLetter(
          DLQ,
          message,
          "UNKNOWN_ACCOUNT",
          "mailbox " + out.to().channelAccountId() + " belongs to no agency");
      count(out.agencyCode(), "unknown_account");
      return null;
    }
    OutgoingMail mail;
    Map<String, byte[]> attachments = new HashMap<>();
    try {
      mail = ReplyComposer.compose(out, agency.get().name());
      for (OutgoingMail.FileRef ref : mail.attachments()) {
        attachments.put(
            ref.storageRef(),
            files
                .load(ref.storageRef())
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            "attachment " + ref.storageRef() + " is not in GridFS")));
      }
    } catch (IllegalArgumentException e) {
      publisher.deadLetter(DLQ, message, "UNSENDABLE", String.valueOf(e.getMessage()));
      count(out.agencyCode(), "unsendable");
      return null;
    }
    return new Prepared(out, agency.get(), mail, attachments);
  }

  /** Sends once; {@code due} is the kept message's claim (null: straight from the topic). */
  private void send(Prepared prepared, byte[] payload, DeferredDeliveries.@Nullable Due due) {
    OutboundMessage out = prepared.out();
    OutgoingMail mail = prepared.mail();
    Instant now = clock.instant();
    OutboundMail claim =
        new OutboundMail(
            out.eventId(),
            mail.messageId(),
            prepared.agency().code(),
            mail.from(),
            out.ticket(),
            out.caseId(),
            "SENDING",
            null,
            0);
    switch (outbound.claim(claim, now, properties.sendLease())) {
      case DONE -> {
        count(out.agencyCode(), "duplicate");
        deferred.finished(due);
        return;
      }
      case HELD -> {
        if (due != null) {
          // Left under its lease: tried again when it expires.
          throw new IllegalStateException(
              "outbound mail " + out.eventId() + " is being sent by another delivery");
        }
        // Another delivery of the same message is sending right now (or died mid-send): kept for
        // a later attempt, which finds it DONE or takes over once the lease has expired. Nothing
        // waits on the partition, nothing goes to the dead letters.
        deferred.failed(out.eventId(), payload, null, "email", out.agencyCode());
        count(out.agencyCode(), "in_progress");
        return;
      }
      case CLAIMED -> {}
    }
    try {
      smtp.send(mail, prepared.attachments(), now);
    } catch (SmtpClient.PermanentFailure e) {
      outbound.finish(out.eventId(), "FAILED", clock.instant());
      receipt(
          out,
          mail.messageId(),
          DeliveryReceipt.Status.FAILED,
          String.valueOf(e.code()),
          "SMTP refused the mail");
      publisher.deadLetter(
          DLQ,
          MessageBuilder.withPayload(payload).build(),
          "PROVIDER_REFUSED",
          "SMTP refused the mail: " + e.code());
      count(out.agencyCode(), "failed");
      deferred.finished(due);
      return;
    } catch (SmtpClient.TransientFailure e) {
      outbound.release(out.eventId());
      count(out.agencyCode(), "error");
      retryLater(out, mail.messageId(), payload, due);
      return;
    } catch (RuntimeException e) {
      outbound.release(out.eventId());
      count(out.agencyCode(), "error");
      // The exception's class only: an SMTP server's message may quote the citizen's address.
      log.warn(
          "sending outbound mail {} failed for now: {}",
          out.eventId(),
          e.getClass().getSimpleName());
      throw e;
    }
    outbound.finish(out.eventId(), "SENT", clock.instant());
    receipt(out, mail.messageId(), DeliveryReceipt.Status.SENT, null, null);
    count(out.agencyCode(), "sent");
    deferred.finished(due);
  }

  /** The server may take it later: kept for the next attempt, or given up after long. */
  private void retryLater(
      OutboundMessage out, String messageId, byte[] payload, DeferredDeliveries.@Nullable Due due) {
    if (deferred.failed(out.eventId(), payload, due, "email", out.agencyCode())
        == DeferredDeliveries.Outcome.GIVEN_UP) {
      outbound.finish(out.eventId(), "FAILED", clock.instant());
      receipt(
          out,
          messageId,
          DeliveryReceipt.Status.FAILED,
          "RETRIES_EXHAUSTED",
          "SMTP failed transiently for too long");
      deferred.deadLetterGivenUp(DLQ, payload, due, "SMTP unavailable");
      count(out.agencyCode(), "retries_exhausted");
    }
  }

  private void receipt(
      OutboundMessage out,
      String messageId,
      DeliveryReceipt.Status status,
      @Nullable String code,
      @Nullable String error) {
    Instant now = clock.instant();
    publisher.publish(
        Topics.DELIVERY_RECEIPTS,
        out.eventId(),
        new DeliveryReceipt(
            UUID.randomUUID().toString(),
            now,
            Channel.EMAIL,
            out.agencyCode(),
            out.eventId(),
            messageId,
            status,
            code,
            error,
            now),
        out.ticket());
  }

  private void count(String agency, String outcome) {
    meters
        .counter(
            "aduan.outbound.messages", "channel", "email", "agency", agency, "outcome", outcome)
        .increment();
  }
}
