package id.aduan.cases.security;

import jakarta.servlet.http.HttpServletRequest;
import java.math.BigInteger;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The address of the client behind a request, for limits keyed by client. It is the connection's
 * peer unless that peer is one of {@code aduan.cases.web.trusted-proxies} (CIDRs or single
 * addresses; default none): then the forwarding headers ({@code Forwarded}, else {@code
 * X-Forwarded-For}) are read from the right, skipping the trusted proxies, and the first address
 * not trusted is the client. A client's own forwarding headers are never believed: what a direct
 * peer sends in them is ignored.
 */
@Component
public class ClientAddress {

  private final List<Cidr> trusted;

  public ClientAddress(@Value("${aduan.cases.web.trusted-proxies:}") List<String> proxies) {
    this.trusted =
        proxies.stream().map(String::strip).filter(p -> !p.isEmpty()).map(Cidr::parse).toList();
  }

  public String of(HttpServletRequest request) {
    String peer = request.getRemoteAddr();
    if (!isTrusted(peer)) {
      return peer;
    }
    List<String> hops = forwarded(request);
    if (hops.isEmpty()) {
      hops = forwardedFor(request);
    }
    String client = peer;
    for (String hop : hops.reversed()) {
      client = hop;
      if (!isTrusted(hop)) {
        return hop;
      }
    }
    return client;
  }

  private boolean isTrusted(@Nullable String address) {
    InetAddress a = literal(address);
    return a != null && trusted.stream().anyMatch(c -> c.contains(a));
  }

  /** {@code Forwarded: for=...} elements in order (RFC 7239); obfuscated names are skipped. */
  private static List<String> forwarded(HttpServletRequest request) {
    List<String> hops = new ArrayList<>();
    for (String header : Collections.list(request.getHeaders("Forwarded"))) {
      for (String element : header.split(",")) {
        for (String pair : element.split(";")) {
          int eq = pair.indexOf('=');
          if (eq > 0 && pair.substring(0, eq).strip().toLowerCase(Locale.ROOT).equals("for")) {
            String value = pair.substring(eq + 1).strip();
            if (value.startsWith("\"") && value.endsWith("\"") && value.length() >= 2) {
              value = value.substring(1, value.length() - 1);
            }
            String host = hostOf(value);
            if (literal(host) != null) {
              hops.add(host);
            } else {
              hops.add("unknown");
            }
          }
        }
      }
    }
    return hops;
  }

  private static List<String> forwardedFor(HttpServletRequest request) {
    List<String> hops = new ArrayList<>();
    for (String header : Collections.list(request.getHeaders("X-Forwarded-For"))) {
      for (String hop : header.split(",")) {
        String h = hostOf(hop.strip());
        if (!h.isEmpty()) {
          hops.add(literal(h) != null ? h : "unknown");
        }
      }
    }
    return hops;
  }

  /** The address without a port: {@code [2001:db8::1]:443} and {@code 192.0.2.1:80} alike. */
  private static String hostOf(String value) {
    if (value.startsWith("[")) {
      int end = value.indexOf(']');
      return end > 0 ? value.substring(1, end) : value;
    }
    int colon = value.indexOf(':');
    return colon > 0 && colon == value.lastIndexOf(':') ? value.substring(0, colon) : value;
  }

  private static @Nullable InetAddress literal(@Nullable String address) {
    if (address == null || address.isEmpty()) {
      return null;
    }
    try {
      return InetAddress.ofLiteral(address);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** An address block: {@code 10.0.0.0/8}, {@code fd00::/8}, or one address. */
  record Cidr(byte[] network, int prefix) {

    static Cidr parse(String text) {
      int slash = text.indexOf('/');
      InetAddress address = literal(slash < 0 ? text : text.substring(0, slash));
      if (address == null) {
        throw new IllegalArgumentException(
            "aduan.cases.web.trusted-proxies: not an address or CIDR: " + text);
      }
      int bits = address.getAddress().length * 8;
      int prefix = slash < 0 ? bits : Integer.parseInt(text.substring(slash + 1).strip());
      if (prefix < 0 || prefix > bits) {
        throw new IllegalArgumentException(
            "aduan.cases.web.trusted-proxies: bad prefix length: " + text);
      }
      return new Cidr(address.getAddress(), prefix);
    }

    boolean contains(InetAddress address) {
      byte[] other = address.getAddress();
      if (other.length != network.length) {
        return false;
      }
      int shift = network.length * 8 - prefix;
      return new BigInteger(1, other)
          .shiftRight(shift)
          .equals(new BigInteger(1, network).shiftRight(shift));
    }
  }
}
