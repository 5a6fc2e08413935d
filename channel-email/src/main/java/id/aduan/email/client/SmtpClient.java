package id.aduan.email.client;

import id.aduan.email.config.EmailProperties;
import id.aduan.email.domain.OutgoingMail;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.UnsupportedEncodingException;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.springframework.stereotype.Component;

/**
 * Sends mail over SMTP. Transient failures (connection refused, timeouts, 4xx answers) are retried
 * a few times and counted by a circuit breaker, so a dead relay is not hammered by every queued
 * message; a permanent refusal (5xx: unknown recipient, rejected sender) is not retried and comes
 * back as {@link PermanentFailure}.
 */
@Component
public class SmtpClient {

  private final EmailProperties.Smtp settings;
  private final Session session;
  private final Retry retry;
  private final CircuitBreaker breaker;

  SmtpClient(EmailProperties properties, MeterRegistry meters) {
    this.settings = properties.smtp();
    this.session = Session.getInstance(smtpProperties(settings));
    this.retry =
        Retry.of(
            "smtp",
            RetryConfig.custom()
                .maxAttempts(Math.max(1, settings.maxAttempts()))
                .waitDuration(settings.retryWait())
                .retryOnException(
                    e ->
                        !(e instanceof PermanentFailure)
                            && !(e instanceof CallNotPermittedException))
                .build());
    this.breaker =
        CircuitBreaker.of(
            "smtp",
            CircuitBreakerConfig.custom()
                .slidingWindowSize(Math.max(10, settings.circuitMinimumCalls()))
                .minimumNumberOfCalls(Math.max(1, settings.circuitMinimumCalls()))
                .failureRateThreshold(settings.circuitFailureRate())
                .waitDurationInOpenState(settings.circuitOpenFor())
                .permittedNumberOfCallsInHalfOpenState(1)
                .ignoreExceptions(PermanentFailure.class)
                .build());
    breaker
        .getEventPublisher()
        .onStateTransition(
            e ->
                meters
                    .counter(
                        "aduan.client.circuit.transitions",
                        "client",
                        "smtp",
                        "to",
                        e.getStateTransition().getToState().name().toLowerCase(Locale.ROOT))
                    .increment());
    meters.gauge(
        "aduan.client.circuit.open",
        Tags.of("client", "smtp"),
        breaker,
        b -> b.getState() == CircuitBreaker.State.OPEN ? 1 : 0);
  }

  /** The state of the circuit breaker in front of the SMTP server (metrics, tests). */
  public CircuitBreaker.State circuitState() {
    return breaker.getState();
  }

  /**
   * A new message that keeps the given Message-ID through {@code saveChanges} (Jakarta Mail would
   * otherwise mint a random one) and leaves with {@code envelopeFrom} as the SMTP MAIL FROM, the
   * VERP return path.
   */
  public MimeMessage newMessage(String messageId, String envelopeFrom) {
    FixedIdMessage message = new FixedIdMessage(session, messageId);
    message.setEnvelopeFrom(envelopeFrom);
    return message;
  }

  private static final class FixedIdMessage extends SMTPMessage {
    private final String messageId;

    FixedIdMessage(Session session, String messageId) {
      super(session);
      this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", messageId);
    }
  }

  /**
   * Builds the MIME message of a reply (text and HTML alternatives, attachments, threading and RFC
   * 3834 headers) and sends it.
   *
   * @param files the bytes of each attachment by its storage reference
   * @throws PermanentFailure also when the recipient address cannot be parsed
   */
  public void send(OutgoingMail mail, Map<String, byte[]> files, Instant sentAt) {
    MimeMessage message;
    try {
      message = build(mail, files, sentAt);
    } catch (AddressException e) {
      throw new PermanentFailure(0, e);
    } catch (MessagingException | UnsupportedEncodingException e) {
      throw new IllegalStateException("the reply cannot be built as MIME", e);
    }
    send(message);
  }

  private MimeMessage build(OutgoingMail mail, Map<String, byte[]> files, Instant sentAt)
      throws MessagingException, UnsupportedEncodingException {
    MimeMessage m = newMessage(mail.messageId(), mail.returnPath());
    m.setFrom(new InternetAddress(mail.from(), mail.fromName(), "UTF-8"));
    m.setRecipients(Message.RecipientType.TO, InternetAddress.parse(mail.to(), true));
    m.setSubject(mail.subject(), "UTF-8");
    m.setSentDate(Date.from(sentAt));
    if (mail.inReplyTo() != null) {
      m.setHeader("In-Reply-To", mail.inReplyTo());
    }
    if (!mail.references().isEmpty()) {
      m.setHeader("References", MimeUtility.fold(12, String.join(" ", mail.references())));
    }
    if (mail.autoSubmitted()) {
      m.setHeader("Auto-Submitted", "auto-replied");
      // Exchange's own convention: no out-of-office or read receipt in answer to this
      m.setHeader("X-Auto-Response-Suppress", "All");
    }
    MimeMultipart alternative = new MimeMultipart("alternative");
    MimeBodyPart text = new MimeBodyPart();
    text.setText(mail.text(), "UTF-8");
    MimeBodyPart html = new MimeBodyPart();
    html.setText(mail.html(), "UTF-8", "html");
    alternative.addBodyPart(text);
    alternative.addBodyPart(html);
    if (mail.attachments().isEmpty()) {
      m.setContent(alternative);
      return m;
    }
    MimeMultipart mixed = new MimeMultipart("mixed");
    MimeBodyPart body = new MimeBodyPart();
    body.setContent(alternative);
    mixed.addBodyPart(body);
    for (OutgoingMail.FileRef ref : mail.attachments()) {
      byte[] bytes = files.get(ref.storageRef());
      if (bytes == null) {
        throw new IllegalArgumentException("attachment " + ref.storageRef() + " was not loaded");
      }
      MimeBodyPart file = new MimeBodyPart();
      file.setDataHandler(new DataHandler(new ByteArrayDataSource(bytes, ref.mediaType())));
      file.setFileName(ref.fileName());
      file.setDisposition(Part.ATTACHMENT);
      mixed.addBodyPart(file);
    }
    m.setContent(mixed);
    return m;
  }

  /**
   * Sends a message made by {@link #newMessage} to its recipients.
   *
   * @throws PermanentFailure when the server refused for good
   * @throws TransientFailure when the server could not be reached or asked to try later, after the
   *     retries; or when the circuit is open
   */
  public void send(MimeMessage message) {
    Runnable call =
        Retry.decorateRunnable(
            retry, CircuitBreaker.decorateRunnable(breaker, () -> sendOnce(message)));
    try {
      call.run();
    } catch (PermanentFailure | TransientFailure e) {
      throw e;
    } catch (CallNotPermittedException e) {
      throw new TransientFailure("the SMTP circuit breaker is open", e);
    }
  }

  private void sendOnce(MimeMessage message) {
    try (Transport transport = session.getTransport(settings.tls() ? "smtps" : "smtp")) {
      transport.connect(
          settings.host(),
          settings.port(),
          blankToNull(settings.username()),
          blankToNull(settings.password()));
      message.saveChanges();
      transport.sendMessage(message, message.getAllRecipients());
    } catch (SMTPAddressFailedException e) {
      throw classify(e.getReturnCode(), e);
    } catch (SMTPSendFailedException e) {
      throw classify(e.getReturnCode(), e);
    } catch (SendFailedException e) {
      if (e.getNextException() instanceof SMTPAddressFailedException a) {
        throw classify(a.getReturnCode(), e);
      }
      throw new TransientFailure("SMTP send failed: " + e.getClass().getSimpleName(), e);
    } catch (MessagingException e) {
      throw new TransientFailure("SMTP unavailable: " + e.getClass().getSimpleName(), e);
    }
  }

  private static RuntimeException classify(int code, Exception e) {
    if (code >= 500 && code < 600) {
      return new PermanentFailure(code, e);
    }
    return new TransientFailure("SMTP answered " + code, e);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static Properties smtpProperties(EmailProperties.Smtp smtp) {
    String protocol = smtp.tls() ? "smtps" : "smtp";
    String timeout = String.valueOf(smtp.timeout().toMillis());
    Properties props = new Properties();
    props.setProperty("mail." + protocol + ".host", smtp.host());
    props.setProperty("mail." + protocol + ".port", String.valueOf(smtp.port()));
    props.setProperty("mail." + protocol + ".connectiontimeout", timeout);
    props.setProperty("mail." + protocol + ".timeout", timeout);
    props.setProperty("mail." + protocol + ".writetimeout", timeout);
    props.setProperty(
        "mail." + protocol + ".auth",
        String.valueOf(smtp.username() != null && !smtp.username().isBlank()));
    props.setProperty("mail.smtp.starttls.enable", String.valueOf(smtp.starttls()));
    props.setProperty("mail.smtp.starttls.required", String.valueOf(smtp.starttls()));
    // report every refused recipient, not only the first, and send to the accepted ones
    props.setProperty("mail." + protocol + ".reportsuccess", "false");
    return props;
  }

  /** The server refused for good (5xx): retrying cannot help. */
  public static final class PermanentFailure extends RuntimeException {
    private final int code;

    PermanentFailure(int code, Throwable cause) {
      super("SMTP refused with " + code, cause);
      this.code = code;
    }

    public int code() {
      return code;
    }
  }

  /** The send may succeed later. */
  public static final class TransientFailure extends RuntimeException {
    TransientFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
