package id.aduan.email.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Whether the From of a mail is authenticated, as the receiving mail server found it (RFC 8601
 * {@code Authentication-Results}), so that case-service lets only a reporter's real address join
 * their case (docs/adr/0027-who-may-act-on-a-case.md).
 *
 * <p>Only headers whose authserv-id is one of the configured {@code authservIds} count: anyone can
 * write an {@code Authentication-Results} header into the mail they send, and only the receiving
 * server's own is evidence. Among those: an explicit {@code dmarc=fail} fails; a {@code dmarc=pass}
 * for the From's domain, a {@code dkim=pass} whose {@code header.d} is aligned with it, or an
 * {@code spf=pass} whose {@code smtp.mailfrom} is aligned with it passes; anything else fails. No
 * counting header at all is {@code unknown}, which a mailbox listed in {@code trustedMailboxes} (a
 * local mail server that checks nothing, for instance) takes as authenticated.
 *
 * <p>Alignment is relaxed and approximated without the public suffix list: the same domain, or one
 * a subdomain of the other.
 */
public final class SenderAuthentication {

  /** The {@code ComplaintReceived.metadata} key: {@code true}, {@code false} or {@code unknown}. */
  public static final String AUTHENTICATED = "senderAuthenticated";

  /**
   * How the value of {@link #AUTHENTICATED} came about: {@code authentication-results}, {@code
   * trusted-mailbox} or {@code none}.
   */
  public static final String BASIS = "senderAuthenticatedBy";

  /** The verdict on one mail. */
  public enum Verdict {
    PASS,
    FAIL,
    NONE
  }

  private final Set<String> authservIds;
  private final Set<String> trustedMailboxes;

  /**
   * @param authservIds the authserv-ids of the receiving server(s) whose headers count
   * @param trustedMailboxes mailboxes whose unauthenticated From is trusted; {@code *} for all
   */
  public SenderAuthentication(List<String> authservIds, List<String> trustedMailboxes) {
    this.authservIds = lower(authservIds);
    this.trustedMailboxes = lower(trustedMailboxes);
  }

  /** The safe default: no header counts, no mailbox trusted. */
  public static SenderAuthentication none() {
    return new SenderAuthentication(List.of(), List.of());
  }

  /** What the intake publishes about the sender of a mail that came in on {@code mailbox}. */
  public Map<String, String> metadata(
      List<String> authenticationResults, @Nullable String fromAddress, String mailbox) {
    Verdict verdict = verdict(authenticationResults, fromAddress);
    Map<String, String> out = new LinkedHashMap<>();
    switch (verdict) {
      case PASS -> {
        out.put(AUTHENTICATED, "true");
        out.put(BASIS, "authentication-results");
      }
      case FAIL -> {
        out.put(AUTHENTICATED, "false");
        out.put(BASIS, "authentication-results");
      }
      case NONE -> {
        boolean trusted =
            trustedMailboxes.contains("*")
                || trustedMailboxes.contains(mailbox.toLowerCase(Locale.ROOT));
        out.put(AUTHENTICATED, trusted ? "true" : "unknown");
        out.put(BASIS, trusted ? "trusted-mailbox" : "none");
      }
    }
    return out;
  }

  /** The verdict of the counting headers on the From address. */
  public Verdict verdict(List<String> authenticationResults, @Nullable String fromAddress) {
    boolean counted = false;
    boolean pass = false;
    String fromDomain = domainOf(fromAddress);
    for (String header : authenticationResults) {
      List<String> segments = segments(header);
      if (segments.isEmpty()) {
        continue;
      }
      String authservId = firstWord(segments.getFirst());
      if (!authservIds.contains(authservId)) {
        continue;
      }
      counted = true;
      for (String resinfo : segments.subList(1, segments.size())) {
        Result r = Result.of(resinfo);
        if (r == null) {
          continue;
        }
        if (r.method().equals("dmarc") && r.result().equals("fail")) {
          return Verdict.FAIL;
        }
        if (fromDomain != null && r.result().equals("pass") && r.alignedWith(fromDomain)) {
          pass = true;
        }
      }
    }
    if (!counted) {
      return Verdict.NONE;
    }
    return pass ? Verdict.PASS : Verdict.FAIL;
  }

  /** One {@code method=result} with its properties ({@code header.d=...}). */
  private record Result(String method, String result, Map<String, String> properties) {

    static @Nullable Result of(String resinfo) {
      String[] words = resinfo.strip().split("\\s+");
      if (words.length == 0 || !words[0].contains("=")) {
        return null;
      }
      String[] mr = words[0].split("=", 2);
      String method = mr[0].toLowerCase(Locale.ROOT);
      int slash = method.indexOf('/');
      if (slash >= 0) {
        method = method.substring(0, slash);
      }
      Map<String, String> properties = new LinkedHashMap<>();
      for (int i = 1; i < words.length; i++) {
        int eq = words[i].indexOf('=');
        if (eq > 0) {
          properties.put(
              words[i].substring(0, eq).toLowerCase(Locale.ROOT),
              unquote(words[i].substring(eq + 1)).toLowerCase(Locale.ROOT));
        }
      }
      return new Result(method, mr[1].toLowerCase(Locale.ROOT), properties);
    }

    boolean alignedWith(String fromDomain) {
      return switch (method) {
        case "dmarc" -> {
          String d = properties.get("header.from");
          yield d == null || aligned(domainOf(d), fromDomain);
        }
        case "dkim" -> {
          String d = properties.get("header.d");
          if (d == null && properties.get("header.i") != null) {
            d = domainOf(properties.get("header.i"));
          }
          yield d != null && aligned(domainOf(d), fromDomain);
        }
        case "spf" -> {
          String d = properties.get("smtp.mailfrom");
          yield d != null && aligned(domainOf(d), fromDomain);
        }
        default -> false;
      };
    }
  }

  private static boolean aligned(@Nullable String a, String b) {
    return a != null && !a.isEmpty() && (a.equals(b) || a.endsWith("." + b) || b.endsWith("." + a));
  }

  private static @Nullable String domainOf(@Nullable String address) {
    if (address == null) {
      return null;
    }
    String a = address.strip().toLowerCase(Locale.ROOT);
    int at = a.lastIndexOf('@');
    String d = at >= 0 ? a.substring(at + 1) : a;
    return d.endsWith(">") ? d.substring(0, d.length() - 1) : d;
  }

  /**
   * The header split at semicolons, comments ({@code (...)}, nested) removed and quoted strings
   * kept whole; one pass, linear in the header's length.
   */
  static List<String> segments(String header) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int depth = 0;
    boolean quoted = false;
    for (int i = 0; i < header.length(); i++) {
      char c = header.charAt(i);
      if (quoted) {
        current.append(c);
        if (c == '\\' && i + 1 < header.length()) {
          current.append(header.charAt(++i));
        } else if (c == '"') {
          quoted = false;
        }
      } else if (depth > 0) {
        if (c == '\\') {
          i++;
        } else if (c == '(') {
          depth++;
        } else if (c == ')') {
          depth--;
        }
      } else if (c == '(') {
        depth = 1;
        current.append(' ');
      } else if (c == '"') {
        quoted = true;
        current.append(c);
      } else if (c == ';') {
        out.add(current.toString().strip());
        current.setLength(0);
      } else {
        current.append(c == '\r' || c == '\n' || c == '\t' ? ' ' : c);
      }
    }
    out.add(current.toString().strip());
    return out.stream().filter(s -> !s.isEmpty()).toList();
  }

  private static String firstWord(String s) {
    return s.strip().split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
  }

  private static String unquote(String s) {
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")
        ? s.substring(1, s.length() - 1)
        : s;
  }

  private static Set<String> lower(List<String> values) {
    return values.stream()
        .map(v -> v.strip().toLowerCase(Locale.ROOT))
        .filter(v -> !v.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
  }
}
