package id.aduan.email.domain;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reduces mail HTML to plain text. Nothing of the HTML survives (no markup, scripts, styles or
 * remote references), so the text is safe to show anywhere; block elements become line breaks so
 * paragraphs stay readable.
 */
public final class HtmlText {

  private static final Pattern DROPPED =
      Pattern.compile(
          "(?is)<!--.*?-->|<(script|style|head|title|xml)\\b[^>]*>.*?</\\1\\s*>|<!\\[CDATA\\[.*?]]>");
  private static final Pattern LINE_BREAK =
      Pattern.compile("(?i)<br\\s*/?>|</?(p|div|tr|li|h[1-6]|table|blockquote|ul|ol)\\b[^>]*>");
  private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");
  private static final Pattern ENTITY = Pattern.compile("&(#x?[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});");
  private static final Map<String, String> NAMED =
      Map.of(
          "nbsp", " ", "amp", "&", "lt", "<", "gt", ">", "quot", "\"", "apos", "'", "ndash", "-",
          "mdash", "-", "hellip", "...", "rsquo", "'");

  /**
   * Where Gmail and Outlook put the quoted history in their HTML: the text before it is what the
   * citizen wrote now.
   */
  private static final Pattern QUOTED_HISTORY =
      Pattern.compile(
          "(?i)<div[^>]*class=\"?gmail_quote|<div[^>]*id=\"?(divRplyFwdMsg|appendonsend)|<blockquote[^>]*type=\"?cite");

  private HtmlText() {}

  public static String toText(String html) {
    String s = DROPPED.matcher(html).replaceAll("");
    s = LINE_BREAK.matcher(s).replaceAll("\n");
    s = TAG.matcher(s).replaceAll("");
    s = decodeEntities(s);
    return tidy(s);
  }

  /** The HTML before the quoted history that mail clients insert below a reply. */
  public static String withoutQuotedHistory(String html) {
    Matcher m = QUOTED_HISTORY.matcher(html);
    return m.find() ? html.substring(0, m.start()) : html;
  }

  private static String decodeEntities(String s) {
    Matcher m = ENTITY.matcher(s);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String replacement;
      if (name.startsWith("#")) {
        try {
          int cp =
              name.startsWith("#x") || name.startsWith("#X")
                  ? Integer.parseInt(name.substring(2), 16)
                  : Integer.parseInt(name.substring(1));
          replacement = Character.isValidCodePoint(cp) ? Character.toString(cp) : "";
        } catch (NumberFormatException e) {
          replacement = m.group();
        }
      } else {
        replacement = NAMED.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), m.group());
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Collapses runs of spaces and blank lines that markup leaves behind. */
  static String tidy(String s) {
    String[] lines =
        s.replace("\r\n", "\n").replace('\r', '\n').replace('\u00a0', ' ').split("\n", -1);
    StringBuilder out = new StringBuilder();
    int blank = 0;
    for (String line : lines) {
      String t = line.replaceAll("[ \\t]+", " ").strip();
      if (t.isEmpty()) {
        blank++;
        continue;
      }
      if (out.length() > 0) {
        out.append(blank > 0 ? "\n\n" : "\n");
      }
      out.append(t);
      blank = 0;
    }
    return out.toString();
  }
}
