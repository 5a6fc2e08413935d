package id.aduan.email.config;

import id.aduan.email.domain.MimeLimits;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the email channel ({@code aduan.email.*}). Which mailbox belongs to which agency is
 * not here but in the agency files; here are how to reach the mail servers and the credentials of
 * each mailbox.
 *
 * @param intakeEnabled read the mailboxes; turn off on all but one instance when several run
 * @param pollInterval the backstop: a mailbox is read at least this often even when IDLE is silent
 * @param idle keep an IMAP IDLE connection per mailbox as the wake-up
 * @param processedFolder move processed mail there; empty means flag it {@code \Seen} instead
 * @param reconnectInitialBackoff first wait after a failed connection; doubles up to the maximum
 * @param batchSize mails taken per cycle; a full batch starts the next cycle at once
 * @param defaultPassword the password of every mailbox that has no entry in {@code accounts}
 * @param accounts per-mailbox credentials (address, username, password)
 * @param sendLease how long a claim on an outbound mail holds before another delivery may take it
 * @param publicationCheckTimeout how long the intake waits for Kafka when it must find out whether
 *     a publication interrupted by a crash or an outage got there
 * @param senderAuthentication which mail senders count as authenticated
 */
@ConfigurationProperties("aduan.email")
public record EmailProperties(
    @DefaultValue("true") boolean intakeEnabled,
    @DefaultValue Imap imap,
    @DefaultValue Smtp smtp,
    @DefaultValue("60s") Duration pollInterval,
    @DefaultValue("true") boolean idle,
    @DefaultValue("") String processedFolder,
    @DefaultValue("1s") Duration reconnectInitialBackoff,
    @DefaultValue("5m") Duration reconnectMaxBackoff,
    @DefaultValue("50") int batchSize,
    @DefaultValue Limits limits,
    @DefaultValue("2m") Duration sendLease,
    @Nullable String defaultPassword,
    @DefaultValue List<Account> accounts,
    @DefaultValue("60s") Duration publicationCheckTimeout,
    @DefaultValue SenderAuthentication senderAuthentication) {

  /**
   * Which senders of mail are authenticated (docs/adr/0027-who-may-act-on-a-case.md): only an
   * authenticated From may join its reporter's case.
   *
   * @param authservIds the authserv-ids of the receiving mail server(s) whose {@code
   *     Authentication-Results} headers count (e.g. {@code mx.google.com}); empty: none counts
   * @param trustUnauthenticatedFrom mailboxes whose From is trusted when no counting header says
   *     anything (a local mail server that checks nothing); {@code *} for every mailbox; empty (the
   *     default): such a From is {@code unknown}, and joins no case
   */
  public record SenderAuthentication(
      @DefaultValue List<String> authservIds, @DefaultValue List<String> trustUnauthenticatedFrom) {

    public id.aduan.email.domain.SenderAuthentication toDomain() {
      return new id.aduan.email.domain.SenderAuthentication(authservIds, trustUnauthenticatedFrom);
    }
  }

  /**
   * IMAP server of the mailboxes. {@code tls} means IMAPS (implicit TLS, usually port 993).
   *
   * @param sslBundle name of a Spring Boot SSL bundle ({@code spring.ssl.bundle.*}) whose trust
   *     material decides which server certificates are accepted; empty: the JVM's default trust
   *     store
   * @param checkServerIdentity the certificate must name the host connected to; turn off only for a
   *     server whose certificate names no host (a test server)
   */
  public record Imap(
      @DefaultValue("127.0.0.1") String host,
      @DefaultValue("1143") int port,
      @DefaultValue("false") boolean tls,
      @DefaultValue("30s") Duration timeout,
      @DefaultValue("") String sslBundle,
      @DefaultValue("true") boolean checkServerIdentity) {}

  /**
   * SMTP server for replies. {@code tls} means implicit TLS (port 465); {@code starttls} upgrades a
   * plain connection (port 587). Username and password are optional (a loopback relay needs none).
   *
   * @param circuitFailureRate percentage of failed attempts (transient failures only) that opens
   *     the circuit breaker
   * @param circuitMinimumCalls attempts recorded before the failure rate counts
   * @param circuitOpenFor how long an open circuit refuses every send before one trial call
   */
  public record Smtp(
      @DefaultValue("127.0.0.1") String host,
      @DefaultValue("2525") int port,
      @DefaultValue("false") boolean tls,
      @DefaultValue("false") boolean starttls,
      @Nullable String username,
      @Nullable String password,
      @DefaultValue("30s") Duration timeout,
      @DefaultValue("3") int maxAttempts,
      @DefaultValue("1s") Duration retryWait,
      @DefaultValue("50") float circuitFailureRate,
      @DefaultValue("5") int circuitMinimumCalls,
      @DefaultValue("30s") Duration circuitOpenFor) {}

  public record Limits(
      @DefaultValue("100") int maxParts,
      @DefaultValue("8") int maxDepth,
      @DefaultValue("25MB") DataSize maxMessageSize,
      @DefaultValue("10MB") DataSize maxAttachmentSize) {

    public MimeLimits toMimeLimits() {
      return new MimeLimits(
          maxParts, maxDepth, maxMessageSize.toBytes(), maxAttachmentSize.toBytes());
    }
  }

  /** Credentials of one mailbox; {@code username} defaults to the address. */
  public record Account(String address, @Nullable String username, String password) {}

  /** Username and password of a mailbox, when configured. */
  public Optional<Account> credentials(String mailbox) {
    return accounts.stream()
        .filter(a -> a.address().equalsIgnoreCase(mailbox))
        .findFirst()
        .or(
            () ->
                Optional.ofNullable(defaultPassword)
                    .filter(p -> !p.isBlank())
                    .map(p -> new Account(mailbox, mailbox, p)))
        .map(
            a ->
                new Account(
                    a.address(), a.username() == null ? a.address() : a.username(), a.password()));
  }
}
