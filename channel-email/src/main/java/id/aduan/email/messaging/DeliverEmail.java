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
import org.springframework.stereotype.Component;

/**
 * {@code deliverEmail}: consumes {@code outbound.email.v1} and sends each message over SMTP, once.
 * The message id is claimed (state SENDING with a lease) before the send and marked SENT after, so
 * a redelivery finds it done; a send that failed for now releases the claim and throws, so the
 * binder retries and finally dead-letters; a permanent refusal ends as a FAILED receipt. Every
 * outcome goes to {@code delivery.receipts.v1}.
 */
@Component("deliverEmail")
class DeliverEmail implements Consumer<Message<byte[]>> {

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

  DeliverEmail(
      EventPublisher publisher,
      AgencyCatalog agencies,
      OutboundMails outbound,
      MailFiles files,
      SmtpClient smtp,
      EmailProperties properties,
      MeterRegistry meters,
      Clock clock) {
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
    Optional<Agency> agency = agencies.byMailbox(out.to().channelAccountId());
    if (out.to().channel() != Channel.EMAIL || agency.isEmpty()) {
      publisher.deadLetter(
          DLQ,
          message,
          "UNKNOWN_ACCOUNT",
          "mailbox " + out.to().channelAccountId() + " belongs to no agency");
      count(out.agencyCode(), "unknown_account");
      return;
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
      return;
    }
    Instant now = clock.instant();
    OutboundMail claim =
        new OutboundMail(
            out.eventId(),
            mail.messageId(),
            agency.get().code(),
            mail.from(),
            out.ticket(),
            out.caseId(),
            "SENDING",
            null,
            0);
    switch (outbound.claim(claim, now, properties.sendLease())) {
      case DONE -> {
        count(out.agencyCode(), "duplicate");
        return;
      }
      case HELD ->
          // Another delivery of the same message is sending right now: let the binder retry, by
          // then it has finished (DONE) or died (the lease expires and this one takes over).
          throw new IllegalStateException(
              "outbound mail " + out.eventId() + " is being sent by another delivery");
      case CLAIMED -> {}
    }
    try {
      smtp.send(mail, attachments, now);
    } catch (SmtpClient.PermanentFailure e) {
      outbound.finish(out.eventId(), "FAILED", clock.instant());
      receipt(
          out,
          mail.messageId(),
          DeliveryReceipt.Status.FAILED,
          String.valueOf(e.code()),
          "SMTP refused the mail");
      count(out.agencyCode(), "failed");
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
