package id.aduan.support.web;

import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The hosts a channel fetches media from, and nothing else: a media URL arrives in a webhook or in
 * a provider's answer, and fetching whatever it names would let anyone who can shape it make the
 * platform call internal addresses. The allowed hosts are the configured provider base URL's host
 * plus a configured list ({@code host} exactly, or {@code *.domain} for its subdomains). Only
 * {@code https}, except that {@code http} to a loopback host is accepted when the provider base URL
 * itself is {@code http} on a loopback host (a test or local stand-in, never production).
 */
public final class MediaHosts {

  private final List<String> exact = new ArrayList<>();
  private final List<String> suffixes = new ArrayList<>();
  private final boolean loopbackHttp;

  /**
   * @param providerBaseUrl the configured provider base URL (its host is allowed)
   * @param hosts further hosts, {@code *.domain} for subdomains
   */
  public MediaHosts(String providerBaseUrl, Collection<String> hosts) {
    URI base = URI.create(providerBaseUrl);
    String baseHost = host(base);
    if (baseHost != null) {
      exact.add(baseHost);
    }
    for (String h : hosts) {
      String host = h.strip().toLowerCase(Locale.ROOT);
      if (host.startsWith("*.")) {
        suffixes.add(host.substring(1));
      } else if (!host.isEmpty()) {
        exact.add(host);
      }
    }
    this.loopbackHttp = "http".equalsIgnoreCase(base.getScheme()) && isLoopback(baseHost);
  }

  /** Why {@code url} must not be fetched ({@code bad_url}, {@code not_https}, {@code host}). */
  public Optional<String> refusal(@Nullable String url) {
    URI uri;
    try {
      uri = url == null ? null : URI.create(url.strip());
    } catch (IllegalArgumentException e) {
      uri = null;
    }
    String host = uri == null ? null : host(uri);
    if (uri == null || host == null || uri.getRawUserInfo() != null) {
      return Optional.of("bad_url");
    }
    String scheme = String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT);
    boolean https = scheme.equals("https");
    if (!https && !(scheme.equals("http") && loopbackHttp && isLoopback(host))) {
      return Optional.of("not_https");
    }
    boolean allowed = exact.contains(host) || suffixes.stream().anyMatch(s -> host.endsWith(s));
    return allowed ? Optional.empty() : Optional.of("host");
  }

  private static @Nullable String host(URI uri) {
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      return null;
    }
    host = host.toLowerCase(Locale.ROOT);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
  }

  private static boolean isLoopback(@Nullable String host) {
    if (host == null) {
      return false;
    }
    if (host.equals("localhost")) {
      return true;
    }
    try {
      return InetAddress.ofLiteral(host).isLoopbackAddress();
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
