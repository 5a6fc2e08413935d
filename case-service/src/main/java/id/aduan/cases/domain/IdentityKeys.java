package id.aduan.cases.domain;

import id.aduan.contracts.Channel;
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
    }
    return keys;
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
