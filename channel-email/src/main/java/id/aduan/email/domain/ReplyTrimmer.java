package id.aduan.email.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Cuts what a citizen did not write now from a plain-text body: the quoted history mail clients
 * append under a reply (Gmail's "On ... wrote:", Outlook's header block, "-----Original
 * Message-----", "&gt;" lines, in English and Bahasa Indonesia) and the signature. The full body is
 * kept separately; this is only what an officer reads first.
 */
public final class ReplyTrimmer {

  private static final Pattern ATTRIBUTION_END =
      Pattern.compile("(?i).*\\b(wrote|menulis)\\s*:\\s*$");
  private static final Pattern ATTRIBUTION_START = Pattern.compile("(?i)^(on|pada)\\s.+");
  private static final Pattern SEPARATOR =
      Pattern.compile(
          "(?i)^\\s*(-{2,}\\s*(original message|pesan asli|pesan awal)\\s*-{2,}|_{10,})\\s*$");
  private static final Pattern HEADER_FROM = Pattern.compile("(?i)^\\*?(from|dari)\\s*:\\*?\\s.*");
  private static final Pattern HEADER_NEXT =
      Pattern.compile(
          "(?i)^\\*?(sent|dikirim|date|tanggal|to|kepada|subject|perihal|subjek)\\s*:.*");
  private static final Pattern SIGNATURE =
      Pattern.compile(
          "(?i)^(--\\s?|sent from my .*|dikirim dari (iphone|ipad|android|ponsel|perangkat|samsung|yahoo|xiaomi|oppo|vivo)\\b.*|get outlook for .*|dapatkan outlook untuk .*)$");

  private ReplyTrimmer() {}

  public static String trim(String body) {
    String[] lines = body.replace("\r\n", "\n").split("\n", -1);
    List<String> kept = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      String t = line.strip();
      if (SEPARATOR.matcher(t).matches() || SIGNATURE.matcher(t).matches()) {
        break;
      }
      if (ATTRIBUTION_START.matcher(t).matches()
          && (ATTRIBUTION_END.matcher(t).matches()
              || (i + 1 < lines.length
                  && ATTRIBUTION_END.matcher(lines[i + 1].strip()).matches()))) {
        break;
      }
      if (HEADER_FROM.matcher(t).matches() && nextHeaderFollows(lines, i)) {
        break;
      }
      if (t.startsWith(">")) {
        continue;
      }
      kept.add(line);
    }
    String trimmed = HtmlText.tidy(String.join("\n", kept));
    return trimmed.isEmpty() ? HtmlText.tidy(body) : trimmed;
  }

  private static boolean nextHeaderFollows(String[] lines, int i) {
    for (int j = i + 1; j < Math.min(lines.length, i + 3); j++) {
      if (HEADER_NEXT.matcher(lines[j].strip()).matches()) {
        return true;
      }
    }
    return false;
  }
}
