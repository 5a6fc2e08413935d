package id.aduan.whatsapp.messaging;

import id.aduan.agency.Agency;
import id.aduan.agency.AgencyCatalog;
import id.aduan.contracts.Channel;
import id.aduan.contracts.DeliveryReceipt;
import id.aduan.contracts.OutboundMessage;
import id.aduan.contracts.Topics;
import id.aduan.support.StageLatency;
import id.aduan.support.messaging.CloudEvents;
import id.aduan.support.messaging.EventPublisher;
import id.aduan.support.messaging.RetrySchedule;
import id.aduan.support.messaging.StoreOutages;
import id.aduan.support.messaging.UnreadableMessageException;
import id.aduan.whatsapp.client.GraphApiException;
import id.aduan.whatsapp.client.Senders;
import id.aduan.whatsapp.client.WhatsAppSender;
import id.aduan.whatsapp.config.WhatsAppProperties;
import id.aduan.whatsapp.domain.CustomerServiceWindow;
import id.aduan.whatsapp.domain.Pacing;
import id.aduan.whatsapp.domain.SendFailure;
import id.aduan.whatsapp.domain.TextSplitter;
import id.aduan.whatsapp.persistence.CustomerWindows;
import id.aduan.whatsapp.persistence.MediaStore;
import id.aduan.whatsapp.persistence.MessageStatuses;
import id.aduan.whatsapp.persistence.OutboundSends;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;

/**
 * {@code deliverWhatsApp}: consumes {@code outbound.whatsapp.v1} and sends each message through the
 * Graph API, once (docs/adr/0006-whatsapp-channel.md):
 *
 * <ul>
 *   <li>the message id is claimed with a lease; every part the provider accepted is recorded at
 *       once, so a redelivery after a crash sends only the parts that have no provider id yet;
 *   <li>inside the citizen's 24-hour window the text goes as it is (split above 4096 characters,
 *       quoting the citizen's message, documents after it); outside it, or when Meta answers
 *       131047, as the approved template (the message's own, else the agency's);
 *   <li>pacing never blocks the topic (docs/adr/0037-outbound-pacing-defers.md): a part that the
 *       per-citizen interval or the per-number rate holds back is deferred: the message is stored
 *       with its slot in {@code outbound_sends} and the consumer returns, so every other citizen's
 *       message goes on; {@link #sendDue} (run by {@code scheduling.SendDeferred}) sends it when
 *       its slot comes, from the first part not yet sent;
 *   <li>a transient error (no answer, 5xx, 429, 131000, 130429, 131056, an open circuit), after the
 *       client's retries, defers the message the same way (docs/adr/0041): it is tried again by the
 *       deferred sender after a backoff ({@code deferred-retry-backoff}, doubling, jittered, at
 *       most {@code deferred-retry-max-backoff}) until it is sent, and only after {@code
 *       deferred-give-up-after} since its first failure dead-lettered ({@code RETRIES_EXHAUSTED})
 *       with a FAILED receipt. The consumer returns, so the partition goes on; a final error
 *       (131026, 131051, ...) and a revoked token (190, with an alert) become a FAILED receipt.
 *       Every outcome goes to {@code delivery.receipts.v1};
 *   <li>when this service's store does not answer, nothing can be claimed or recorded: the failure
 *       goes back to the container, which polls the record again until the store answers, never
 *       dead-lettering it (service-support's {@code StoreOutageRetry}); a part the provider
 *       accepted whose record failed is kept in memory and recorded by the next attempt, never sent
 *       again (docs/adr/0050).
 * </ul>
 */
@Component("deliverWhatsApp")
public class DeliverWhatsApp implements Consumer<Message<byte[]>> {

  /** Purpose of an outbound message that only marks the citizen's message as read. */
  static final String MARK_READ = "MARK_READ";

  private static final Logger log = LoggerFactory.getLogger(DeliverWhatsApp.class);

  /** How many citizens the pacing remembers (the most recent ones). */
  private static final int CITIZENS_PACED = 10_000;

  private final Senders senders;
  private final OutboundSends sends;
  private final CustomerWindows windows;
  private final MessageStatuses statuses;
  private final AgencyCatalog agencies;
  private final EventPublisher publisher;
  private final WhatsAppProperties properties;
  private final MeterRegistry meters;
  private final Clock clock;
  private final MediaStore files;
  private final CloudEvents cloudEvents;
  private final Pacing pacing;
  private final RetrySchedule retrySchedule;

  /**
   * Parts the provider accepted whose record failed (the store did not answer after the call): the
   * provider's ids per outbound message, kept until they are recorded, so that when the record is
   * polled again (or the deferred sender takes the message over) on this instance, the write is
   * retried and the call is not made again (docs/adr/0050).
   */
  private final Map<String, List<String>> unrecorded = new ConcurrentHashMap<>();

  /**
   * Where a delivery comes from: the topic (the binder retries a transient failure) or the deferred
   * sender (which tries again later itself), with the transient failures it has seen so far. {@code
   * raw} is the record as consumed (its headers go with a dead letter), or the stored payload.
   */
  private record Source(
      boolean deferred,
      Message<byte[]> raw,
      int attempts,
      Pacing.@Nullable Reason held,
      @Nullable Instant firstFailedAt) {
    byte[] payload() {
      return raw.getPayload();
    }
  }

  DeliverWhatsApp(
      Senders senders,
      OutboundSends sends,
      CustomerWindows windows,
      MessageStatuses statuses,
      AgencyCatalog agencies,
      EventPublisher publisher,
      WhatsAppProperties properties,
      MeterRegistry meters,
      Clock clock,
      MediaStore files,
      CloudEvents cloudEvents) {
    this.files = files;
    this.cloudEvents = cloudEvents;
    this.pacing =
        new Pacing(
            properties.messagesPerSecond(),
            Duration.ofSeconds(1),
            properties.citizenInterval(),
            CITIZENS_PACED);
    this.retrySchedule =
        new RetrySchedule(
            properties.deferredRetryBackoff(),
            properties.deferredRetryMaxBackoff(),
            properties.deferredGiveUpAfter());
    this.senders = senders;
    this.sends = sends;
    this.windows = windows;
    this.statuses = statuses;
    this.agencies = agencies;
    this.publisher = publisher;
    this.properties = properties;
    this.meters = meters;
    this.clock = clock;
  }

  /** One thing to send; {@code template} parts carry the template instead of text. */
  private record Part(
      String kind,
      @Nullable String text,
      @Nullable String context,
      OutboundMessage.@Nullable OutboundAttachment attachment,
      OutboundMessage.@Nullable Template template) {}

  @Override
  public void accept(Message<byte[]> message) {
    Object read =
        publisher
            .readOrDeadLetter(message, Topics.OUTBOUND_WHATSAPP, OutboundMessage.class)
            .orElse(null);
    if (read == null) {
      return;
    }
    if (!(read instanceof OutboundMessage outbound)) {
      publisher.deadLetter(
          Topics.dlq(Topics.OUTBOUND_WHATSAPP),
          message,
          "WRONG_TYPE",
          read.getClass().getSimpleName() + " is not an outbound message");
      return;
    }
    Instant now = clock.instant();
    OutboundSends.Claim claim = sends.claim(outbound.eventId(), now, properties.sendLease());
    switch (claim) {
      case OutboundSends.Claim.AlreadyDone done -> {
        count(outbound, "duplicate");
        return;
      }
      case OutboundSends.Claim.Deferred deferred -> {
        // Already stored for the deferred sender, which sends it when its slot comes.
        count(outbound, "duplicate");
        return;
      }
      case OutboundSends.Claim.HeldElsewhere held -> {
        // Another delivery of the same message is sending it right now (or its sender died): the
        // message stays with the claim, and the deferred sender takes it over if the lease
        // expires unfinished. Nothing waits on the partition, nothing goes to the dead letters.
        sends.adopt(outbound.eventId(), message.getPayload());
        count(outbound, "in_progress");
        return;
      }
      case OutboundSends.Claim.Acquired acquired ->
          deliver(outbound, acquired.sentParts(), new Source(false, message, 0, null, null));
    }
  }

  /**
   * Sends the deferred messages whose slot has come, at most {@code limit} of them, each under a
   * lease (so several instances never send the same one).
   *
   * @return how many were handled
   */
  public int sendDue(int limit) {
    int handled = 0;
    while (handled < limit) {
      OutboundSends.Due due = sends.claimDue(clock.instant(), properties.sendLease()).orElse(null);
      if (due == null) {
        break;
      }
      handled++;
      OutboundMessage outbound;
      try {
        outbound = cloudEvents.read(due.payload(), OutboundMessage.class);
      } catch (UnreadableMessageException e) {
        // It was read once before it was deferred; only a changed contract gets here.
        publisher.deadLetter(
            Topics.dlq(Topics.OUTBOUND_WHATSAPP),
            MessageBuilder.withPayload(due.payload()).build(),
            e.reason(),
            String.valueOf(e.getMessage()));
        sends.done(due.eventId(), "FAILED");
        continue;
      }
      try {
        Pacing.Reason held = due.held() == null ? null : Pacing.Reason.valueOf(due.held());
        deliver(
            outbound,
            due.sentParts(),
            new Source(
                true,
                MessageBuilder.withPayload(due.payload()).build(),
                due.attempts(),
                held,
                due.firstFailedAt()));
      } catch (RuntimeException e) {
        // Already counted and stored to be tried again (or dead-lettered) by deliver.
        log.warn("a deferred WhatsApp message failed and is tried again later: {}", e.toString());
      }
    }
    return handled;
  }

  /** Sends the parts not sent yet, each in its pacing slot (the first may hold one already). */
  private void deliver(OutboundMessage outbound, List<String> alreadySent, Source source) {
    String numberId = outbound.to().channelAccountId();
    String to = outbound.to().recipientId();
    WhatsAppSender graph = senders.forNumber(numberId);
    try {
      if (MARK_READ.equals(outbound.purpose())) {
        if (outbound.replyToProviderMessageId() != null) {
          graph.markRead(numberId, outbound.replyToProviderMessageId());
        }
        sends.done(outbound.eventId(), "READ_MARKED");
        count(outbound, "marked_read");
        return;
      }
      boolean open =
          CustomerServiceWindow.isOpen(windows.lastInbound(numberId, to), clock.instant());
      List<Part> parts;
      if (open) {
        if (outbound.attachments().stream()
            .anyMatch(a -> a.url() == null && a.storageRef() == null)) {
          fail(outbound, "ATTACHMENT_WITHOUT_SOURCE", "a document has neither url nor storageRef");
          return;
        }
        parts = freeForm(outbound);
      } else {
        Part template = templatePart(outbound);
        if (template.template() == null) {
          fail(outbound, "NO_TEMPLATE", "outside the 24-hour window and no template is set");
          return;
        }
        parts = List.of(template);
      }
      if (parts.isEmpty()) {
        fail(outbound, "EMPTY", "the message has neither text nor documents");
        return;
      }
      List<String> sent = withUnrecorded(outbound.eventId(), alreadySent);
      int first = sent.size();
      for (int i = first; i < parts.size(); i++) {
        Pacing.Reason held = i == first ? source.held() : null;
        if (deferred(outbound, numberId, to, source, held)) {
          return;
        }
        String wamid;
        try {
          wamid = send(graph, numberId, to, parts.get(i));
        } catch (GraphApiException e) {
          if (e.failure() != SendFailure.USE_TEMPLATE || parts.get(i).template() != null) {
            throw e;
          }
          // 131047: the window closed after all (our record can lag Meta's); the rest goes as
          // one template message.
          Part template = templatePart(outbound);
          if (template.template() == null) {
            fail(outbound, "131047", "outside the 24-hour window and no template is configured");
            return;
          }
          wamid = send(graph, numberId, to, template);
          recordPart(outbound.eventId(), wamid);
          sent.add(wamid);
          break;
        }
        recordPart(outbound.eventId(), wamid);
        sent.add(wamid);
      }
      for (String wamid : sent) {
        statuses.recordSent(wamid, outbound.eventId(), clock.instant());
        receipt(outbound, wamid, DeliveryReceipt.Status.SENT, null, null);
      }
      sends.done(outbound.eventId(), "SENT");
      count(outbound, open ? "sent" : "sent_template");
      StageLatency.since(
          meters, StageLatency.NOTIFICATION_TO_PROVIDER, outbound.occurredAt(), clock);
    } catch (GraphApiException e) {
      switch (e.failure()) {
        case USE_TEMPLATE -> fail(outbound, e.codeText(), e.getMessage());
        case FINAL -> {
          // The request itself is wrong (e.g. 131026: not a WhatsApp user): no retry can help.
          // The officer sees the FAILED receipt; the dead letter keeps the message and the reason.
          fail(outbound, e.codeText(), e.getMessage());
          publisher.deadLetter(
              Topics.dlq(Topics.OUTBOUND_WHATSAPP),
              source.raw(),
              "PROVIDER_REFUSED",
              e.codeText() + ": " + e.getMessage());
        }
        case TOKEN_INVALID -> {
          meters
              .counter("aduan.whatsapp.alerts", "channel", "whatsapp", "reason", "token_invalid")
              .increment();
          log.error(
              "the WhatsApp access token was refused (190): every send fails until it is"
                  + " replaced; the message is dead-lettered for replay");
          sends.release(outbound.eventId(), clock.instant());
          receipt(
              outbound, null, DeliveryReceipt.Status.FAILED, e.codeText(), "access token refused");
          publisher.deadLetter(
              Topics.dlq(Topics.OUTBOUND_WHATSAPP),
              source.raw(),
              "TOKEN_INVALID",
              "the access token was refused");
          count(outbound, "token_invalid");
        }
        case RETRY -> retryLater(outbound, source, e);
      }
    } catch (RuntimeException e) {
      if (StoreOutages.isOutage(e)) {
        // Nothing can be recorded: the container polls the record again (the deferred sender's
        // claim is taken again once its lease expires).
        count(outbound, "store_unavailable");
        throw e;
      }
      if (source.deferred()) {
        retryLater(outbound, source, e);
        return;
      }
      sends.release(outbound.eventId(), clock.instant());
      count(outbound, "error");
      throw e;
    }
  }

  /**
   * Records a part the provider accepted. When the write fails (the store went away right after the
   * call), the provider's id is kept in memory before the failure goes on, so that the next attempt
   * on this instance records it instead of sending the part again (docs/adr/0050).
   */
  private void recordPart(String eventId, String wamid) {
    try {
      sends.partSent(eventId, wamid);
    } catch (RuntimeException e) {
      unrecorded.computeIfAbsent(eventId, id -> new CopyOnWriteArrayList<>()).add(wamid);
      log.warn(
          "a part accepted by the provider could not be recorded; its id is kept to be recorded"
              + " on the next attempt instead of sending it again: {}",
          e.toString());
      throw e;
    }
  }

  /**
   * The parts already sent: those recorded in the store, then those accepted by the provider but
   * not recorded yet on this instance, which are written now (a failure keeps them in memory).
   */
  private List<String> withUnrecorded(String eventId, List<String> recorded) {
    List<String> sent = new ArrayList<>(recorded);
    List<String> kept = unrecorded.get(eventId);
    if (kept == null) {
      return sent;
    }
    for (String wamid : kept) {
      if (!sent.contains(wamid)) {
        sends.partSent(eventId, wamid);
        sent.add(wamid);
      }
    }
    unrecorded.remove(eventId);
    return sent;
  }

  /**
   * Reserves the next part's pacing slot; when it is later than now, stores the message for the
   * deferred sender (before this consumer returns and its offset is committed) and says so.
   */
  private boolean deferred(
      OutboundMessage outbound,
      String numberId,
      String to,
      Source source,
      Pacing.@Nullable Reason held) {
    Instant now = clock.instant();
    if (!(pacing.reserve(numberId, to, now, held) instanceof Pacing.Slot.Later later)) {
      return false;
    }
    sends.defer(
        outbound.eventId(),
        later.notBefore(),
        source.payload(),
        source.attempts(),
        later.reason().name());
    meters
        .counter(
            "aduan.outbound.deferred",
            "channel",
            "whatsapp",
            "agency",
            outbound.agencyCode(),
            "reason",
            later.reason().tag())
        .increment();
    return true;
  }

  /**
   * The provider failed transiently (after the client's own retries): the message is deferred and
   * tried again after a jittered, doubling backoff, from the topic as from the deferred sender
   * (docs/adr/0041); only after {@code deferred-give-up-after} since its first failure is it
   * dead-lettered for replay ({@code RETRIES_EXHAUSTED}) with a FAILED receipt.
   */
  private void retryLater(OutboundMessage outbound, Source source, RuntimeException e) {
    int failures = source.attempts() + 1;
    Instant now = clock.instant();
    Instant firstFailedAt = source.firstFailedAt() != null ? source.firstFailedAt() : now;
    count(outbound, "error");
    if (retrySchedule.givenUp(firstFailedAt, now)) {
      receipt(outbound, null, DeliveryReceipt.Status.FAILED, "RETRIES_EXHAUSTED", e.getMessage());
      publisher.deadLetter(
          Topics.dlq(Topics.OUTBOUND_WHATSAPP),
          source.raw(),
          "RETRIES_EXHAUSTED",
          "failed transiently "
              + failures
              + " times since "
              + firstFailedAt
              + ", last: "
              + e.getMessage());
      sends.done(outbound.eventId(), "FAILED");
      count(outbound, "retries_exhausted");
      return;
    }
    sends.deferAfterFailure(
        outbound.eventId(),
        retrySchedule.next(failures, now, ThreadLocalRandom.current()),
        source.payload(),
        failures,
        firstFailedAt);
    meters
        .counter(
            "aduan.outbound.deferred",
            "channel",
            "whatsapp",
            "agency",
            outbound.agencyCode(),
            "reason",
            "provider_unavailable")
        .increment();
  }

  private String send(WhatsAppSender graph, String numberId, String to, Part part) {
    return switch (part.kind()) {
      case "template" -> {
        OutboundMessage.Template t = part.template();
        yield graph.sendTemplate(numberId, to, t.name(), t.language(), t.parameters());
      }
      case "document" -> {
        OutboundMessage.OutboundAttachment a = part.attachment();
        if (a.url() != null) {
          yield graph.sendDocument(
              numberId, to, a.url(), a.fileName(), part.text(), part.context());
        }
        // A file in GridFS (e.g. the resolution record PDF): uploaded, then sent by media id.
        yield graph.sendDocumentFile(
            numberId,
            to,
            storedFile(a.storageRef()),
            a.fileName(),
            a.mediaType(),
            part.text(),
            part.context());
      }
      default -> graph.sendText(numberId, to, part.text(), part.context());
    };
  }

  private byte[] storedFile(@Nullable String storageRef) {
    byte[] bytes;
    try {
      bytes = storageRef == null ? null : files.read(storageRef);
    } catch (IOException | IllegalArgumentException e) {
      bytes = null;
    }
    if (bytes == null) {
      throw new GraphApiException(
          0, null, "the document " + storageRef + " is not in GridFS", null, SendFailure.FINAL);
    }
    return bytes;
  }

  /** Text parts (only the first quotes the citizen's message), then every document. */
  private static List<Part> freeForm(OutboundMessage outbound) {
    List<Part> parts = new ArrayList<>();
    String context = outbound.replyToProviderMessageId();
    if (!outbound.text().isBlank()) {
      for (String text : TextSplitter.split(outbound.text(), TextSplitter.WHATSAPP_LIMIT)) {
        parts.add(new Part("text", text, parts.isEmpty() ? context : null, null, null));
      }
    }
    for (OutboundMessage.OutboundAttachment a : outbound.attachments()) {
      parts.add(new Part("document", null, parts.isEmpty() ? context : null, a, null));
    }
    return parts;
  }

  /** The message's own template, else the agency's window template with the text as {{1}}. */
  private Part templatePart(OutboundMessage outbound) {
    OutboundMessage.Template template = outbound.template();
    if (template == null) {
      Agency.WhatsApp whatsapp =
          agencies
              .byCode(outbound.agencyCode())
              .flatMap(a -> a.channels().whatsappChannel())
              .orElse(null);
      if (whatsapp != null && whatsapp.windowTemplate() != null) {
        String language =
            whatsapp.windowTemplateLanguage() != null
                ? whatsapp.windowTemplateLanguage()
                : outbound.language();
        // Template body parameters are limited to 1024 characters by Meta.
        String text =
            outbound.text().length() > 1024
                ? outbound.text().substring(0, 1021) + "..."
                : outbound.text();
        template = new OutboundMessage.Template(whatsapp.windowTemplate(), language, List.of(text));
      }
    }
    return new Part("template", null, null, null, template);
  }

  private void fail(OutboundMessage outbound, String code, @Nullable String detail) {
    receipt(outbound, null, DeliveryReceipt.Status.FAILED, code, detail);
    sends.done(outbound.eventId(), "FAILED");
    count(outbound, "failed");
  }

  private void receipt(
      OutboundMessage outbound,
      @Nullable String wamid,
      DeliveryReceipt.Status status,
      @Nullable String code,
      @Nullable String detail) {
    publisher.publish(
        Topics.DELIVERY_RECEIPTS,
        outbound.eventId(),
        new DeliveryReceipt(
            UUID.randomUUID().toString(),
            clock.instant(),
            Channel.WHATSAPP,
            outbound.agencyCode(),
            outbound.eventId(),
            wamid,
            status,
            code,
            detail,
            clock.instant()),
        outbound.ticket());
  }

  private void count(OutboundMessage outbound, String outcome) {
    meters
        .counter(
            "aduan.outbound.messages",
            "channel",
            "whatsapp",
            "agency",
            outbound.agencyCode(),
            "outcome",
            outcome)
        .increment();
  }
}
