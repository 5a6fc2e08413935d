package id.aduan.cases.security;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits failed HTTP Basic sign-ins: after {@code
 * aduan.cases.security.sign-in.max-failures-per-account} failures for one account (default 5), or
 * {@code max-failures-per-address} from one client address (default 20), within {@code window}
 * (default 15 minutes, from the first failure), further sign-ins to that account, or from that
 * address, are answered 429 with {@code Retry-After} until the window ends, without the password
 * being checked. Other accounts and addresses are not affected. A successful sign-in clears its
 * account's failures (not its address's). In memory, per instance. Counted as {@code
 * aduan.cases.signin.failures} and {@code aduan.cases.signin.refused{scope=account|address}}.
 */
@Component
public class SignInLimiter {

  private static final int MAX_KEYS = 100_000;

  private final int perAccount;
  private final int perAddress;
  private final Duration window;
  private final Clock clock;
  private final ClientAddress clients;
  private final MeterRegistry meters;
  private final ConcurrentHashMap<String, Failures> accounts = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Failures> addresses = new ConcurrentHashMap<>();

  SignInLimiter(
      @Value("${aduan.cases.security.sign-in.max-failures-per-account:5}") int perAccount,
      @Value("${aduan.cases.security.sign-in.max-failures-per-address:20}") int perAddress,
      @Value("${aduan.cases.security.sign-in.window:15m}") Duration window,
      Clock clock,
      ClientAddress clients,
      MeterRegistry meters) {
    this.perAccount = perAccount;
    this.perAddress = perAddress;
    this.window = window;
    this.clock = clock;
    this.clients = clients;
    this.meters = meters;
  }

  private record Failures(Instant since, int count) {}

  /** The filter to put before HTTP Basic authentication. */
  public OncePerRequestFilter filter() {
    return new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(
          HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        String account = basicUsername(request.getHeader("Authorization"));
        if (account == null) {
          chain.doFilter(request, response);
          return;
        }
        String address = clients.of(request);
        Optional<Duration> wait = blocked(account, address);
        if (wait.isPresent()) {
          tooMany(response, wait.get());
          return;
        }
        chain.doFilter(request, response);
        if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
          failed(account, address);
        } else {
          accounts.remove(account);
        }
      }
    };
  }

  /** How long sign-ins to this account or from this address are refused, if they are. */
  Optional<Duration> blocked(String account, String address) {
    Instant now = clock.instant();
    Optional<Duration> byAccount = waitFor(accounts.get(account), perAccount, now);
    if (byAccount.isPresent()) {
      refused("account");
      return byAccount;
    }
    Optional<Duration> byAddress = waitFor(addresses.get(address), perAddress, now);
    byAddress.ifPresent(w -> refused("address"));
    return byAddress;
  }

  void failed(String account, String address) {
    meters.counter("aduan.cases.signin.failures").increment();
    Instant now = clock.instant();
    count(accounts, account, now);
    count(addresses, address, now);
  }

  private Optional<Duration> waitFor(@Nullable Failures f, int max, Instant now) {
    if (f == null || f.count() < max) {
      return Optional.empty();
    }
    Instant until = f.since().plus(window);
    return until.isAfter(now) ? Optional.of(Duration.between(now, until)) : Optional.empty();
  }

  private void count(ConcurrentHashMap<String, Failures> map, String key, Instant now) {
    if (map.size() > MAX_KEYS) {
      map.entrySet().removeIf(e -> !e.getValue().since().plus(window).isAfter(now));
    }
    map.compute(
        key,
        (k, old) ->
            old == null || !old.since().plus(window).isAfter(now)
                ? new Failures(now, 1)
                : new Failures(old.since(), old.count() + 1));
  }

  private void refused(String scope) {
    meters.counter("aduan.cases.signin.refused", "scope", scope).increment();
  }

  private static void tooMany(HttpServletResponse response, Duration wait) throws IOException {
    long seconds = Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
    response.setStatus(429);
    response.setHeader("Retry-After", Long.toString(seconds));
    response.setContentType("application/problem+json");
    response
        .getOutputStream()
        .write(
            ("{\"type\":\"/problems/rate-limited\",\"title\":\"Too many failed sign-ins\","
                    + "\"status\":429,\"detail\":\"Too many failed sign-ins; try again in "
                    + seconds
                    + " s.\"}")
                .getBytes(StandardCharsets.US_ASCII));
  }

  /** The username of an HTTP Basic {@code Authorization} header, lower-cased; else null. */
  static @Nullable String basicUsername(@Nullable String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0 ? null : decoded.substring(0, colon).strip().toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
