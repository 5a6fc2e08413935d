package id.aduan.cases.domain;

import id.aduan.contracts.Channel;
import id.aduan.contracts.ComplaintReceived;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What identifies a citizen across channels, as keyed hashes ({@code citizen:...}, {@code nik:...},
 * {@code phone:...}: HMAC-SHA256 with the lookup key, the same as the cases' {@code piiLookup}), so
 * that profiles and duplicates can be matched without storing or comparing a NIK or phone number in
 * clear, and so that a copy of the database without the key cannot be reversed by trying every NIK
 * or phone number (docs/adr/0025).
 */
public final class IdentityKeys {

  /** The keyed hash of a normalized value: {@code PiiCipher::lookup} ({@code kind:hex}). */
  @FunctionalInterface
  public interface Lookup {
    String key(String kind, String normalized);
  }

  private static final Pattern PHONE = Pattern.compile("(?<!\\d)(?:\\+?62|0)8\\d{7,11}(?!\\d)");

  /** A key written before docs/adr/0025: an unkeyed SHA-256, 16 bytes in hex. */
  public static final Pattern UNKEYED = Pattern.compile("^(?:citizen|nik|phone):[0-9a-f]{32}$");

  /** A LAPOR! tracking id as a citizen writes it (docs/lapor.md: {@code LAPOR-2026-0001234}). */
  private static final Pattern LAPOR_TRACKING_ID =
      Pattern.compile("(?i)(?<![\\w-])LAPOR-[A-Z0-9]+-\\d{4,}(?![\\w-])");

  /** The hashes as they were before docs/adr/0025, only to find and migrate stored ones. */
  public static final Lookup UNKEYED_SHA256 = (kind, normalized) -> kind + ":" + sha256(normalized);

  private final Lookup lookup;

  public IdentityKeys(Lookup lookup) {
    this.lookup = lookup;
  }

  public Set<String> of(
      Channel channel, String channelUserId, @Nullable Nik nik, @Nullable String text) {
    Set<String> keys = new LinkedHashSet<>();
    keys.add(citizen(channel, channelUserId));
    if (nik != null) {
      keys.add(nik(nik.digits()));
    }
    if (channel == Channel.WHATSAPP && channelUserId.matches("\\d{8,15}")) {
      keys.add(phone(channelUserId));
    }
    if (text != null) {
      for (String phone : phonesIn(text)) {
        keys.add(phone(phone));
      }
      Matcher tracking = LAPOR_TRACKING_ID.matcher(text);
      while (tracking.find()) {
        keys.add(laporReport(tracking.group()));
      }
    }
    return keys;
  }

  /** The key of one channel identity (what a case's {@code citizenKey} holds). */
  public String citizen(Channel channel, String channelUserId) {
    return lookup.key("citizen", channel.name() + "|" + channelUserId);
  }

  public String nik(String digits) {
    return lookup.key("nik", digits);
  }

  public String phone(String raw) {
    return lookup.key("phone", normalizePhone(raw));
  }

  /** The mobile numbers written in a text, as {@link #of} finds them. */
  public static Set<String> phonesIn(String text) {
    Set<String> out = new LinkedHashSet<>();
    Matcher m = PHONE.matcher(text.replaceAll("[ \\-]", ""));
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  /**
   * The keys of a citizen message: as {@link #of(Channel, String, Nik, String)}, and for a LAPOR!
   * message the report it belongs to ({@code lapor:...}). A complaint on another channel that names
   * the tracking id shares that key, so the two are flagged as duplicates (issue 19).
   */
  public Set<String> of(ComplaintReceived message, @Nullable Nik nik) {
    Set<String> keys = of(message.channel(), message.sender().channelUserId(), nik, message.text());
    if (message.channel() == Channel.LAPOR) {
      keys.add(laporReport(CaseOpening.laporTrackingId(message)));
    }
    return keys;
  }

  /** The key of one MinHash band of a text ({@link Duplicates#keys}). */
  public String textBand(String band) {
    return lookup.key("text", band);
  }

  /**
   * The key of a case's status link (docs/adr/0053): whoever holds the link the reporter was given
   * answers the case's survey on the status page. A keyed hash of the case id, 24 hex digits, so it
   * cannot be derived from the ticket number.
   */
  public String statusLinkKey(String caseId) {
    String key = lookup.key("status-link", caseId);
    String hex = key.substring(key.indexOf(':') + 1);
    return hex.length() > 24 ? hex.substring(0, 24) : hex;
  }

  /** The key of one LAPOR! report. */
  String laporReport(String trackingId) {
    return lookup.key("lapor", trackingId.toUpperCase(java.util.Locale.ROOT));
  }

  static String normalizePhone(String raw) {
    String digits = raw.replaceAll("\\D", "");
    if (digits.startsWith("0")) {
      return "62" + digits.substring(1);
    }
    return digits;
  }

  private static String sha256(String value) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(value.getBytes(StandardCharsets.UTF_8)), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
