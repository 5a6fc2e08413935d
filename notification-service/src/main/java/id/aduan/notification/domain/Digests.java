package id.aduan.notification.domain;

import id.aduan.agency.Agency;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The daily digest: per division, its open cases and which of them are late, for the division's
 * contacts; cases not yet routed go to the first role of the escalation chain. A division without
 * open cases gets no mail.
 */
public final class Digests {

  /** The key under which cases without a division are listed. */
  public static final String UNROUTED = "UNROUTED";

  private Digests() {}

  public record DivisionDigest(String division, List<String> to, List<CaseView> open) {}

  public static List<DivisionDigest> of(Agency agency, List<CaseView> cases) {
    Map<String, List<CaseView>> byDivision = new LinkedHashMap<>();
    cases.stream()
        .filter(c -> c.agencyCode().equals(agency.code()) && c.open())
        .sorted(Comparator.comparing(CaseView::ticket))
        .forEach(
            c ->
                byDivision
                    .computeIfAbsent(
                        Objects.requireNonNullElse(c.division(), UNROUTED), k -> new ArrayList<>())
                    .add(c));
    Agency.Contacts contacts = agency.rules().notifications().contacts();
    List<DivisionDigest> out = new ArrayList<>();
    byDivision.forEach(
        (division, open) -> {
          List<String> to =
              division.equals(UNROUTED)
                  ? agency.rules().escalation().isEmpty()
                      ? List.of()
                      : contacts.role(agency.rules().escalation().getFirst())
                  : contacts.division(division);
          if (!to.isEmpty()) {
            out.add(new DivisionDigest(division, to, open));
          }
        });
    return out;
  }

  /** The mail: the intro, one line per case, and the same as a table in the HTML part. */
  public static Rendering.Rendered render(
      DivisionDigest digest, Agency agency, Instant now, String language) {
    long late = digest.open().stream().filter(c -> c.lateAt(now)).count();
    String name = divisionName(digest.division(), agency, language);
    String date = Decisions.date(now, agency.timeZone());
    String intro =
        Texts.fill(
            agency,
            "digest",
            language,
            Map.of(
                "division",
                name,
                "date",
                date,
                "open",
                String.valueOf(digest.open().size()),
                "late",
                String.valueOf(late)));
    String lateWord = "en".equals(language) ? "LATE" : "TERLAMBAT";
    List<String> lines = new ArrayList<>();
    StringBuilder table =
        new StringBuilder("<table border=\"1\" cellpadding=\"4\"><tr><th>")
            .append("en".equals(language) ? "Ticket" : "Tiket")
            .append("</th><th>Status</th><th>")
            .append("en".equals(language) ? "Deadline" : "Batas waktu")
            .append("</th><th></th></tr>");
    for (CaseView c : digest.open()) {
      String deadline = deadline(c.deadline(), agency);
      String status = c.status() == null ? "-" : c.status().name();
      boolean isLate = c.lateAt(now);
      lines.add(
          "- " + c.ticket() + " | " + status + " | " + deadline + (isLate ? " | " + lateWord : ""));
      table
          .append("<tr><td>")
          .append(Rendering.escape(c.ticket()))
          .append("</td><td>")
          .append(status)
          .append("</td><td>")
          .append(Rendering.escape(deadline))
          .append("</td><td>")
          .append(isLate ? "<strong>" + lateWord + "</strong>" : "")
          .append("</td></tr>");
    }
    table.append("</table>");
    String text = intro + "\n\n" + String.join("\n", lines);
    String subject =
        ("en".equals(language) ? "Daily case digest: " : "Rekap harian pengaduan: ")
            + name
            + " ("
            + date
            + ")";
    return new Rendering.Rendered(
        "DIGEST", subject, text, Rendering.html(subject, intro, table.toString()), null);
  }

  private static String deadline(@Nullable Instant deadline, Agency agency) {
    return deadline == null ? "-" : Decisions.dateTime(deadline, agency.timeZone());
  }

  private static String divisionName(String code, Agency agency, String language) {
    if (code.equals(UNROUTED)) {
      return "en".equals(language) ? "cases not yet routed" : "pengaduan belum diteruskan";
    }
    return agency.rules().division(code).map(Agency.Division::name).orElse(code);
  }
}
