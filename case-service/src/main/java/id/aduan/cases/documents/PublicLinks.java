package id.aduan.cases.documents;

import id.aduan.cases.domain.AuditEntry;
import id.aduan.cases.domain.CaseState;
import id.aduan.contracts.CaseEvent;
import id.aduan.contracts.CaseStatus;
import id.aduan.support.pii.PiiCipher;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The public download links of a case's berita acara (docs/adr/0055): {@code
 * <public-base-url>/api/v1/public/documents/<token>.pdf}, no login. The token names the ticket, the
 * moment of the resolution the berita acara records and the link's expiry, signed with the
 * platform's keyed hash (the personal-data lookup key, under its own label {@value #LABEL}): it
 * cannot be guessed or altered, and the same resolution always gets the same link (the expiry
 * counts from the resolution), so the status page shows the link the resolution message carried.
 */
@Component
public class PublicLinks {

  /** The path every link starts with, before the token. */
  public static final String PATH = "/api/v1/public/documents/";

  /** The label of the keyed hash: a signature here can never be another kind of lookup key. */
  static final String LABEL = "document-link";

  /** A token's shape: the base64url payload, a dot, the hex signature. */
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{8,200}\\.[0-9a-f]{40}");

  /** What a valid token names: the ticket and the resolution (its moment, in epoch millis). */
  public record Claim(String ticket, long resolvedAt, Instant expiresAt) {}

  /**
   * A token read: {@code claim} set when it is valid; {@code expired} when it was but is no more.
   */
  public record Checked(@Nullable Claim claim, boolean expired) {}

  private final PiiCipher cipher;
  private final Environment environment;
  private final String configuredBaseUrl;
  private final Duration validFor;

  PublicLinks(
      PiiCipher cipher,
      Environment environment,
      @Value("${aduan.cases.documents.public-base-url:}") String baseUrl,
      @Value("${aduan.cases.documents.public-link-valid-for:P90D}") Duration validFor) {
    this.cipher = cipher;
    this.environment = environment;
    this.configuredBaseUrl =
        baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.validFor = validFor;
  }

  /**
   * Where citizens reach this service: {@code aduan.cases.documents.public-base-url}, else this
   * service's own loopback address and the port it listens on (the local platform).
   */
  private String baseUrl() {
    if (!configuredBaseUrl.isBlank()) {
      return configuredBaseUrl;
    }
    return "http://127.0.0.1:"
        + environment.getProperty(
            "local.server.port", environment.getProperty("server.port", "8080"));
  }

  /** The link of the berita acara of the resolution at {@code resolvedAt}. */
  public CaseEvent.DocumentLink beritaAcara(String ticket, Instant resolvedAt) {
    long resolution = resolvedAt.toEpochMilli();
    Instant expires =
        Instant.ofEpochSecond(Instant.ofEpochMilli(resolution).plus(validFor).getEpochSecond());
    String payload = ticket + "." + resolution + "." + expires.getEpochSecond();
    String token =
        Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8))
            + "."
            + sign(payload);
    return new CaseEvent.DocumentLink(baseUrl() + PATH + token + ".pdf", expires);
  }

  /** The link of the case's current berita acara, if it has one. */
  public Optional<CaseEvent.DocumentLink> beritaAcara(CaseState state) {
    return resolvedAt(state).map(at -> beritaAcara(state.ticket(), at));
  }

  /** Reads a token; an altered, malformed or foreign one names nothing. */
  public Checked check(String token, Instant now) {
    if (!TOKEN.matcher(token).matches()) {
      return new Checked(null, false);
    }
    int dot = token.indexOf('.');
    String payload;
    try {
      payload =
          new String(
              Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return new Checked(null, false);
    }
    if (!MessageDigest.isEqual(
        sign(payload).getBytes(StandardCharsets.US_ASCII),
        token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII))) {
      return new Checked(null, false);
    }
    String[] parts = payload.split("\\.");
    if (parts.length != 3) {
      return new Checked(null, false);
    }
    Claim claim;
    try {
      claim =
          new Claim(
              parts[0], Long.parseLong(parts[1]), Instant.ofEpochSecond(Long.parseLong(parts[2])));
    } catch (NumberFormatException e) {
      return new Checked(null, false);
    }
    return now.isBefore(claim.expiresAt()) ? new Checked(claim, false) : new Checked(null, true);
  }

  private String sign(String payload) {
    String hash = cipher.lookup(LABEL, payload);
    return hash.substring(hash.indexOf(':') + 1);
  }

  /**
   * The moment of the case's resolution its berita acara records: the last time the case moved into
   * RESOLVED (resolved, information granted, closed without reply); none if it never did or has no
   * resolution record.
   */
  public static Optional<Instant> resolvedAt(CaseState state) {
    if (state.resolution() == null) {
      return Optional.empty();
    }
    Instant at = null;
    for (AuditEntry entry : state.timeline()) {
      if (entry.to() == CaseStatus.RESOLVED && entry.from() != CaseStatus.RESOLVED) {
        at = entry.at();
      }
    }
    return Optional.ofNullable(at);
  }
}
