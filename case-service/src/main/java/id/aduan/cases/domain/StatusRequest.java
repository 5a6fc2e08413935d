package id.aduan.cases.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Whether a citizen's message only asks how their case stands: "cek", "cek status", "status?",
 * "gimana aduan saya", "bagaimana laporan saya", "status BDG-2026-000123", the ticket number alone,
 * "check status", "what is the status of my complaint" (docs/adr/0053). Deliberately small: every
 * word of the message, less greetings and courtesies, must belong to a short vocabulary of asking
 * about a complaint, with at least one asking word ({@code cek}, {@code status}, {@code gimana}
 * ...), or the message must be one ticket number alone. Anything else, a long message that merely
 * contains "status" included, is not a status request and goes on as before (it joins the case or
 * opens one).
 *
 * <p>Of an email, only the citizen's own lines count: quoted lines ({@code >}) and everything from
 * a reply header ("On ... wrote:", "Pada ... menulis:") down are left out.
 */
public final class StatusRequest {

  /** Longer than this, a message says more than "how is my case". */
  private static final int MAX_LENGTH = 160;

  private static final int MAX_WORDS = 9;

  private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

  private static final Pattern REPLY_HEADER =
      Pattern.compile(
          "^\\s*(?:(?:on|pada)\\b.*(?:wrote|menulis)\\s*:|-{2,}\\s*(?:original message|pesan asli)"
              + "\\s*-{2,}|from:\\s.*|dari:\\s.*)\\s*$",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  /** Words that ask: one of them must be there (unless the message is a ticket number alone). */
  private static final Set<String> ASKING =
      Set.of(
          "cek",
          "check",
          "status",
          "statusnya",
          "gimana",
          "bagaimana",
          "gmn",
          "bgmn",
          "gmna",
          "perkembangan",
          "perkembangannya",
          "progress",
          "progres",
          "update",
          "kabar",
          "kabarnya",
          "mana",
          "tindaklanjutnya");

  /** What else a status request may say: about which complaint, and whose. */
  private static final Set<String> ABOUT =
      Set.of(
          "aduan",
          "aduannya",
          "pengaduan",
          "pengaduannya",
          "laporan",
          "laporannya",
          "keluhan",
          "keluhannya",
          "tiket",
          "ticket",
          "nomor",
          "no",
          "complaint",
          "report",
          "case",
          "saya",
          "sy",
          "aku",
          "ku",
          "gw",
          "my",
          "of",
          "the",
          "on",
          "is",
          "what",
          "whats",
          "how",
          "where",
          "sudah",
          "udah",
          "sdh",
          "sampai",
          "sampe",
          "apa",
          "yang",
          "dengan",
          "untuk",
          "atas",
          "tindak",
          "lanjut");

  /** Greetings, courtesies and particles, which change nothing. */
  private static final Set<String> COURTESY =
      Set.of(
          "halo",
          "hallo",
          "hai",
          "hi",
          "hello",
          "selamat",
          "pagi",
          "siang",
          "sore",
          "malam",
          "permisi",
          "maaf",
          "mohon",
          "tolong",
          "minta",
          "bisa",
          "mau",
          "ingin",
          "tanya",
          "menanyakan",
          "nanya",
          "info",
          "pak",
          "bu",
          "bapak",
          "ibu",
          "min",
          "admin",
          "kak",
          "mas",
          "mbak",
          "ya",
          "yah",
          "dong",
          "nih",
          "kah",
          "sih",
          "please",
          "pls",
          "thanks",
          "terima",
          "kasih",
          "makasih",
          "assalamualaikum",
          "wr",
          "wb");

  private StatusRequest() {}

  /**
   * What a status request asks about.
   *
   * @param ticket the ticket number it names (in its text, else the one its channel knows, e.g. an
   *     email subject), or null: then it asks about the sender's own open cases
   */
  public record Asked(@Nullable String ticket) {}

  /**
   * The status request in {@code text}, if the text is one.
   *
   * @param agencyCode the agency whose ticket numbers count
   * @param channelTicket the ticket the channel says the message continues (an email subject), if
   *     any
   */
  public static Optional<Asked> of(
      @Nullable String text, String agencyCode, @Nullable String channelTicket) {
    String own = ownLines(text);
    if (own.isBlank() || own.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    List<String> tickets = Threading.ticketsIn(own, agencyCode);
    if (tickets.size() > 1) {
      return Optional.empty();
    }
    String rest =
        tickets.isEmpty() ? own : own.toUpperCase(Locale.ROOT).replace(tickets.getFirst(), " ");
    List<String> words =
        Arrays.stream(NON_WORD.split(rest.toLowerCase(Locale.ROOT)))
            .filter(w -> !w.isEmpty())
            .filter(w -> !COURTESY.contains(w))
            .toList();
    boolean onlyTicket = words.isEmpty() && !tickets.isEmpty();
    boolean asks =
        !words.isEmpty()
            && words.size() <= MAX_WORDS
            && words.stream().anyMatch(ASKING::contains)
            && words.stream().allMatch(w -> ASKING.contains(w) || ABOUT.contains(w));
    if (!onlyTicket && !asks) {
      return Optional.empty();
    }
    String ticket = tickets.isEmpty() ? normalized(channelTicket) : tickets.getFirst();
    return Optional.of(new Asked(ticket));
  }

  private static @Nullable String normalized(@Nullable String ticket) {
    return ticket == null || ticket.isBlank() ? null : ticket.strip().toUpperCase(Locale.ROOT);
  }

  /** The lines the sender wrote themselves: no quoted lines, nothing below a reply header. */
  static String ownLines(@Nullable String text) {
    if (text == null) {
      return "";
    }
    StringBuilder own = new StringBuilder();
    for (String line : text.split("\\R")) {
      if (REPLY_HEADER.matcher(line).matches()) {
        break;
      }
      if (!line.stripLeading().startsWith(">")) {
        own.append(line).append('\n');
      }
    }
    return own.toString().strip();
  }
}
