package id.aduan.email.config;

import java.time.Duration;
import java.util.List;
import org.springframework.util.unit.DataSize;

/** {@link EmailProperties} with the defaults, for tests that build clients without Spring. */
public final class EmailTestProperties {

  private EmailTestProperties() {}

  /** Plain IMAP on loopback. */
  public static EmailProperties.Imap imap(int port) {
    return imap(false, port, "", true);
  }

  public static EmailProperties.Imap imap(
      boolean tls, int port, String sslBundle, boolean checkServerIdentity) {
    return new EmailProperties.Imap(
        "127.0.0.1", port, tls, Duration.ofSeconds(10), sslBundle, checkServerIdentity);
  }

  /** SMTP on loopback with short waits. */
  public static EmailProperties.Smtp smtp(
      int port, int maxAttempts, int circuitMinimumCalls, Duration circuitOpenFor) {
    return new EmailProperties.Smtp(
        "127.0.0.1",
        port,
        false,
        false,
        null,
        null,
        Duration.ofSeconds(5),
        maxAttempts,
        Duration.ofMillis(10),
        50,
        circuitMinimumCalls,
        circuitOpenFor);
  }

  public static EmailProperties with(EmailProperties.Imap imap) {
    return with(imap, smtp(2525, 1, 5, Duration.ofSeconds(30)));
  }

  public static EmailProperties with(EmailProperties.Imap imap, EmailProperties.Smtp smtp) {
    return new EmailProperties(
        true,
        imap,
        smtp,
        Duration.ofSeconds(60),
        true,
        "",
        Duration.ofSeconds(1),
        Duration.ofMinutes(1),
        50,
        new EmailProperties.Limits(100, 8, DataSize.ofMegabytes(25), DataSize.ofMegabytes(10)),
        Duration.ofMinutes(2),
        null,
        List.of(),
        Duration.ofSeconds(10),
        new EmailProperties.SenderAuthentication(List.of(), List.of()));
  }
}
