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
 * What identifies a citizen across channels, as one-way hashes ({@code citizen:...}, {@code
 * nik:...}, {@code phone:...}), so that profiles and duplicates can be matched without storing or
 * comparing a NIK or phone number in clear. (Keyed hashing and encryption at rest: issue 7.)
 */
public final class IdentityKeys {

  private static final Pattern PHONE = Pattern.compile("(?<!\\d)(?:\\+?62|0)8\\d{7,11}(?!\\d)");

  /** A LAPOR! tracking id as a citizen writes it (docs/lapor.md: {@code LAPOR-2026-0001234}). */
  private static final Pattern LAPOR_TRACKING_ID =
      Pattern.compile("(?i)(?<![\\w-])LAPOR-[A-Z0-9]+-\\d{4,}(?![\\w-])");

  private IdentityKeys() {}

  public static Set<String> of(
      Channel channel, String channelUserId, @Nullable Nik nik, @Nullable String text) {
    Set<String> keys = new LinkedHashSet<>();
    keys.add(citizen(channel, channelUserId));
    if (nik != null) {
      keys.add("nik:" + hash(nik.digits()));
    }
    if (channel == Channel.WHATSAPP && channelUserId.matches("\\d{8,15}")) {
      keys.add("phone:" + hash(normalizePhone(channelUserId)));
    }
    if (text != null) {
      Matcher m = PHONE.matcher(text.replaceAll("[ \\-]", ""));
      while (m.find()) {
        keys.add("phone:" + hash(normalizePhone(m.group())));
      }
      Matcher tracking = LAPOR_TRACKING_ID.matcher(text);
      while (tracking.find()) {
        keys.add(laporReport(tracking.group()));
      }
    }
    return keys;
  }

  /**
   * The keys of a citizen message: as {@link #of(Channel, String, Nik, String)}, and for a LAPOR!
   * message the report it belongs to ({@code lapor:...}). A complaint on another channel that names
   * the tracking id shares that key, so the two are flagged as duplicates (issue 19).
   */
  public static Set<String> of(ComplaintReceived message, @Nullable Nik nik) {
    Set<String> keys = of(message.channel(), message.sender().channelUserId(), nik, message.text());
    if (message.channel() == Channel.LAPOR) {
      keys.add(laporReport(CaseOpening.laporTrackingId(message)));
    }
    return keys;
  }

  /** The key of one LAPOR! report. */
  static String laporReport(String trackingId) {
    return "lapor:" + hash(trackingId.toUpperCase(java.util.Locale.ROOT));
  }

  /** The key of one channel identity (a citizen profile's id). */
  public static String citizen(Channel channel, String channelUserId) {
    return "citizen:" + hash(channel.name() + "|" + channelUserId);
  }

  static String normalizePhone(String raw) {
    String digits = raw.replaceAll("\\D", "");
    if (digits.startsWith("0")) {
      return "62" + digits.substring(1);
    }
    return digits;
  }

  private static String hash(String value) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(value.getBytes(StandardCharsets.UTF_8)), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
