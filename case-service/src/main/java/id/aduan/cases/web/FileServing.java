package id.aduan.cases.web;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * How a citizen's file is served to an officer (docs/adr/0028). What a file is comes from its
 * bytes, never from the type its sender declared: only PNG, JPEG, GIF and WebP, recognised by their
 * magic numbers ({@code persistence/FileKind}, the one sniffer), may be shown inline; everything
 * else, PDF included, is a download. The file name the sender chose is reduced to a harmless one.
 */
final class FileServing {

  private FileServing() {}

  /**
   * The security headers of every file response: a document made of the file runs no script, loads
   * nothing and has an opaque origin; the browser never guesses another type.
   */
  static final String CONTENT_SECURITY_POLICY =
      "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'";

  /**
   * Declared types that make a browser run script or load content when rendered: a file declared so
   * is counted, whatever it is served as.
   */
  static boolean declaredActive(@Nullable String declared) {
    if (declared == null) {
      return false;
    }
    String t = declared.toLowerCase(Locale.ROOT);
    return t.contains("svg")
        || t.contains("html")
        || t.contains("xml")
        || t.contains("javascript")
        || t.contains("ecmascript");
  }

  private static final int MAX_NAME = 120;
  private static final String FALLBACK = "lampiran";

  /**
   * A file name safe to offer: no path, no control or quoting characters, no leading dots, at most
   * {@value #MAX_NAME} characters; {@value #FALLBACK} when nothing is left.
   */
  static String safeFileName(@Nullable String name) {
    if (name == null) {
      return FALLBACK;
    }
    String n = Normalizer.normalize(name, Normalizer.Form.NFC);
    int slash = Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\'));
    n = n.substring(slash + 1);
    StringBuilder out = new StringBuilder();
    n.codePoints()
        .forEach(
            cp -> {
              if (Character.isISOControl(cp)
                  || "\"*:<>?|;%".indexOf(cp) >= 0
                  || Character.getType(cp) == Character.FORMAT
                  || Character.isWhitespace(cp)) {
                out.append(cp == ' ' || Character.isWhitespace(cp) ? ' ' : '_');
              } else {
                out.appendCodePoint(cp);
              }
            });
    String cleaned = out.toString().replaceAll(" +", " ").strip().replaceFirst("^[.\\s]+", "");
    if (cleaned.codePointCount(0, cleaned.length()) > MAX_NAME) {
      cleaned = cleaned.substring(0, cleaned.offsetByCodePoints(0, MAX_NAME));
    }
    return cleaned.isEmpty() ? FALLBACK : cleaned;
  }

  /**
   * The {@code Content-Disposition} value (RFC 6266): an ASCII {@code filename} for old clients and
   * the exact name as UTF-8 in {@code filename*} (RFC 8187).
   */
  static String contentDisposition(boolean inline, String safeName) {
    StringBuilder ascii = new StringBuilder();
    safeName.codePoints().forEach(cp -> ascii.append(cp < 0x7F && cp != '\\' ? (char) cp : '_'));
    return (inline ? "inline" : "attachment")
        + "; filename=\""
        + ascii
        + "\"; filename*=UTF-8''"
        + encode(safeName);
  }

  private static final byte[] ATTR_CHAR_SPECIALS =
      "!#$&+-.^_`|~".getBytes(StandardCharsets.US_ASCII);

  private static String encode(String value) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      boolean plain =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || contains(ATTR_CHAR_SPECIALS, c);
      if (plain) {
        out.append((char) c);
      } else {
        out.append('%').append(String.format(Locale.ROOT, "%02X", c));
      }
    }
    return out.toString();
  }

  private static boolean contains(byte[] set, int c) {
    for (byte b : set) {
      if (b == c) {
        return true;
      }
    }
    return false;
  }
}
