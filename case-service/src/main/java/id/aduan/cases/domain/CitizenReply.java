package id.aduan.cases.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What a citizen's message says once their case was answered or resolved: a rating for the
 * satisfaction survey ("5", "4 cepat ditangani", "nilai: 3"), only thanks or an acknowledgement
 * ("terima kasih pak", "ok siap"), or anything else (a complaint that goes on). Thanks never
 * reopens an answered case; anything else does.
 *
 * @param rating 1 to 5 for a {@link Kind#RATING}, else 0
 * @param comment what the citizen wrote after the rating, if anything
 */
public record CitizenReply(Kind kind, int rating, @Nullable String comment) {

  public enum Kind {
    RATING,
    THANKS,
    OTHER
  }

  /** A rating alone or first: an optional word for it, the digit, an optional "/5", the rest. */
  private static final Pattern RATING =
      Pattern.compile(
          "^\\s*(?:(?:nilai|nilainya|rating|skor|score|bintang)\\s*[:=-]?\\s*)?([1-5])"
              + "(?:\\s*/\\s*5)?(?!\\p{N}|[.,/]\\p{N})(?:\\s*[-.,:;)!]*\\s*)(.*)$",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL | Pattern.UNICODE_CASE);

  private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

  /** Words of a message that says only thank you or all right (id and en, informal included). */
  private static final Set<String> THANKS_WORDS =
      Set.of(
          "terima",
          "kasih",
          "terimakasih",
          "makasih",
          "makasi",
          "trims",
          "trimakasih",
          "tks",
          "thx",
          "thanks",
          "thank",
          "you",
          "ok",
          "oke",
          "okay",
          "okey",
          "baik",
          "siap",
          "sip",
          "mantap",
          "sudah",
          "udah",
          "udh",
          "sdh",
          "diterima",
          "banyak",
          "ya",
          "iya",
          "y",
          "nggih",
          "pak",
          "bu",
          "bapak",
          "ibu",
          "min",
          "admin",
          "kak",
          "mas",
          "mbak",
          "atas",
          "bantuannya",
          "informasinya",
          "infonya",
          "jawabannya",
          "responnya",
          "dan",
          "noted");

  public static CitizenReply of(@Nullable String text, boolean hasAttachments) {
    if (hasAttachments || text == null || text.isBlank()) {
      return hasAttachments ? other() : new CitizenReply(Kind.THANKS, 0, null);
    }
    Matcher m = RATING.matcher(text.strip());
    if (m.matches()) {
      String rest = m.group(2).strip();
      return new CitizenReply(
          Kind.RATING, Integer.parseInt(m.group(1)), rest.isEmpty() ? null : rest);
    }
    String[] words = NON_WORD.split(text.toLowerCase(Locale.ROOT).strip());
    boolean onlyThanks =
        Arrays.stream(words).filter(w -> !w.isEmpty()).allMatch(THANKS_WORDS::contains);
    return onlyThanks ? new CitizenReply(Kind.THANKS, 0, null) : other();
  }

  private static CitizenReply other() {
    return new CitizenReply(Kind.OTHER, 0, null);
  }
}
