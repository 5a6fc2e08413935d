package id.aduan.cases.documents;

import id.aduan.agency.Agency;
import id.aduan.cases.domain.AuditEntry;
import id.aduan.cases.domain.CaseState;
import id.aduan.cases.pii.PiiText;
import id.aduan.contracts.CaseEvent;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.openpdf.text.Document;
import org.openpdf.text.DocumentException;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.FontFactory;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Phrase;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfWriter;

/**
 * Renders a case's documents as PDF (OpenPDF): the berita acara of a resolved case and the whole
 * case record. Dates are in the agency's time zone. With {@code clear} false every personal value
 * is masked as the case view masks it (the reporter's initials, NIKs and phone numbers in texts cut
 * to their first four and last two digits, an anonymous reporter "Anonim"); with {@code clear} true
 * the reporter's data is shown as the personal-data read shows it, for a role that may read it.
 */
public final class CasePdf {

  private static final Font TITLE = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 14);
  private static final Font HEADING = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 11);
  private static final Font BODY = FontFactory.getFont(FontFactory.HELVETICA, 10);
  private static final Font BOLD = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 10);
  private static final Font SMALL = FontFactory.getFont(FontFactory.HELVETICA, 8);

  /** What is rendered, and for whom. */
  public record Request(
      CaseState state,
      long version,
      Agency agency,
      Language language,
      boolean clear,
      Instant generatedAt) {}

  private CasePdf() {}

  /** The berita acara: the case's resolution record. The case must carry one. */
  public static byte[] beritaAcara(Request r) {
    CaseEvent.ResolutionRecord record = r.state().resolution();
    if (record == null) {
      throw new IllegalStateException(r.state().ticket() + " has no resolution record");
    }
    return render(
        r,
        r.language().label("beritaAcara"),
        (doc, w) -> {
          summary(doc, w, false);
          resolution(doc, w, record);
        });
  }

  /**
   * The case record: summary, complaint and conversation, timeline, deadlines, resolution, files.
   */
  public static byte[] caseRecord(Request r) {
    return render(
        r,
        r.language().label("caseRecord"),
        (doc, w) -> {
          summary(doc, w, true);
          conversation(doc, w);
          timeline(doc, w);
          deadlines(doc, w);
          if (r.state().resolution() != null) {
            resolution(doc, w, r.state().resolution());
          }
          if (r.state().rejectionReason() != null) {
            heading(doc, w.label("rejection"));
            doc.add(
                new Paragraph(
                    (r.state().rejectionCode() == null ? "" : r.state().rejectionCode() + ": ")
                        + w.text(r.state().rejectionReason()),
                    BODY));
          }
          attachments(doc, w);
        });
  }

  private interface Body {
    void write(Document doc, Writer w) throws DocumentException;
  }

  /** The request's formatting: labels, dates in the agency's zone, masking. */
  private record Writer(
      Request r, DateTimeFormatter dates, String zone, UnaryOperator<String> texts) {
    String label(String key) {
      return r.language().label(key);
    }

    String date(@Nullable Instant at) {
      return at == null ? "-" : dates.format(at) + " " + zone;
    }

    String text(@Nullable String s) {
      return s == null || s.isBlank() ? "-" : texts.apply(s);
    }
  }

  private static byte[] render(Request r, String title, Body body) {
    ZoneLabel zone = ZoneLabel.of(r.agency());
    DateTimeFormatter dates =
        DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm", r.language().locale())
            .withZone(r.agency().timeZone());
    Writer w =
        new Writer(r, dates, zone.name(), r.clear() ? UnaryOperator.identity() : PiiText::mask);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Document doc = new Document(PageSize.A4, 50, 50, 50, 50);
    try {
      PdfWriter.getInstance(doc, out);
      doc.addTitle(title + " " + r.state().ticket());
      doc.addCreator("Aduan");
      doc.open();
      Paragraph agency = new Paragraph(r.agency().name(), HEADING);
      agency.setAlignment(Element.ALIGN_CENTER);
      doc.add(agency);
      Paragraph heading = new Paragraph(title, TITLE);
      heading.setAlignment(Element.ALIGN_CENTER);
      heading.setSpacingAfter(4);
      doc.add(heading);
      Paragraph ticket = new Paragraph(w.label("ticket") + ": " + r.state().ticket(), BOLD);
      ticket.setAlignment(Element.ALIGN_CENTER);
      ticket.setSpacingAfter(12);
      doc.add(ticket);
      body.write(doc, w);
      Paragraph footer =
          new Paragraph(
              w.label("generated")
                  + " "
                  + w.date(r.generatedAt())
                  + " ("
                  + w.label("version")
                  + " "
                  + r.version()
                  + ")"
                  + (r.clear() ? "" : ". " + w.label("masked")),
              SMALL);
      footer.setSpacingBefore(16);
      doc.add(footer);
    } catch (DocumentException e) {
      throw new IllegalStateException("rendering " + title + " of " + r.state().ticket(), e);
    } finally {
      if (doc.isOpen()) {
        doc.close();
      }
    }
    return out.toByteArray();
  }

  private static void summary(Document doc, Writer w, boolean full) throws DocumentException {
    CaseState s = w.r().state();
    PdfPTable t = pairs();
    pair(t, w.label("agency"), w.r().agency().name() + " (" + s.agencyCode() + ")");
    pair(t, w.label("ticket"), s.ticket());
    pair(t, w.label("receivedAt"), w.date(s.receivedAt()));
    pair(t, w.label("status"), Labels.status(s.status(), w.r().language()));
    pair(t, w.label("caseType"), Labels.caseType(s.caseType(), w.r().language()));
    pair(t, w.label("channel"), s.channel().name());
    if (full) {
      pair(t, w.label("intakeMode"), s.intakeMode());
      pair(t, w.label("slaClass"), w.text(s.slaClass()));
      pair(t, w.label("assignee"), w.text(s.assignee()));
    }
    pair(t, w.label("topic"), w.text(s.topic()));
    pair(t, w.label("division"), w.text(s.division()));
    reporter(t, w);
    doc.add(t);
  }

  private static void reporter(PdfPTable t, Writer w) {
    CaseState s = w.r().state();
    boolean clear = w.r().clear();
    if (s.anonymous() && !clear) {
      pair(t, w.label("reporter"), w.label("anonymous"));
      return;
    }
    String name = s.citizenName() != null ? s.citizenName() : s.form().get("name");
    pair(t, w.label("reporter"), name == null ? "-" : clear ? name : PiiText.maskName(name));
    for (String field : List.of("nik", "phone", "email", "address")) {
      String value = s.form().get(field);
      if (value != null && !value.isBlank()) {
        pair(
            t,
            w.label(field),
            clear ? value : field.equals("address") ? "***" : PiiText.maskValue(value));
      }
    }
    if (s.replyAddress() != null) {
      pair(
          t,
          w.label("channel")
              + " ("
              + w.label("reporter").toLowerCase(w.r().language().locale())
              + ")",
          s.replyAddress().channel().name()
              + " "
              + (clear
                  ? s.replyAddress().recipientId()
                  : PiiText.maskValue(s.replyAddress().recipientId())));
    }
    pair(t, w.label("anonymous"), w.label(s.anonymous() ? "yes" : "no"));
    pair(t, w.label("confidential"), w.label(s.confidential() ? "yes" : "no"));
  }

  private static void resolution(Document doc, Writer w, CaseEvent.ResolutionRecord record)
      throws DocumentException {
    heading(doc, w.label("resolution"));
    PdfPTable t = pairs();
    pair(t, w.label("whatWasDone"), w.text(record.whatWasDone()));
    pair(t, w.label("doneBy"), String.join(", ", record.doneBy()));
    pair(t, w.label("doneAt"), w.date(record.doneAt()));
    pair(
        t,
        w.label("resolutionFiles"),
        record.attachmentIds().isEmpty()
            ? w.label("none")
            : String.join(", ", record.attachmentIds()));
    pair(t, w.label("citizenInformedVia"), w.text(record.citizenInformedVia()));
    if (record.proofOfDelivery() != null) {
      pair(t, w.label("proofOfDelivery"), w.text(record.proofOfDelivery()));
    }
    doc.add(t);
  }

  private static void conversation(Document doc, Writer w) throws DocumentException {
    CaseState s = w.r().state();
    if (s.messages().isEmpty()) {
      if (s.form().get("description") != null) {
        heading(doc, w.label("complaint"));
        doc.add(new Paragraph(w.text(s.form().get("description")), BODY));
      }
      return;
    }
    heading(doc, w.label("conversation"));
    PdfPTable t = table(new float[] {3, 2, 8}, w, "time", "channel", "complaint");
    for (CaseState.Message m : s.messages()) {
      cell(t, w.date(m.at()));
      cell(
          t,
          m.channel().name()
              + " ("
              + w.label(
                  "in".equals(m.direction()) || "INBOUND".equalsIgnoreCase(m.direction())
                      ? "in"
                      : "out")
              + ")");
      cell(t, w.text(m.text()));
    }
    doc.add(t);
  }

  private static void timeline(Document doc, Writer w) throws DocumentException {
    heading(doc, w.label("timeline"));
    List<AuditEntry> entries = w.r().state().timeline();
    if (entries.isEmpty()) {
      doc.add(new Paragraph(w.label("none"), BODY));
      return;
    }
    PdfPTable t =
        table(new float[] {3, 2, 3, 3, 5}, w, "time", "actor", "action", "change", "reason");
    for (AuditEntry e : entries) {
      cell(t, w.date(e.at()));
      cell(t, e.actor());
      cell(t, e.action());
      cell(
          t,
          e.from() == null && e.to() == null
              ? "-"
              : Labels.status(e.from(), w.r().language())
                  + " -> "
                  + Labels.status(e.to(), w.r().language()));
      cell(t, w.text(e.reason()));
    }
    doc.add(t);
  }

  private static void deadlines(Document doc, Writer w) throws DocumentException {
    heading(doc, w.label("deadlines"));
    Map<String, CaseState.Deadline> deadlines = w.r().state().deadlines();
    if (deadlines.isEmpty()) {
      doc.add(new Paragraph(w.label("none"), BODY));
      return;
    }
    PdfPTable t = table(new float[] {3, 4, 3}, w, "clock", "due", "state");
    deadlines.values().stream()
        .sorted(java.util.Comparator.comparing(CaseState.Deadline::deadline))
        .forEach(
            d -> {
              cell(t, d.clock());
              cell(t, w.date(d.deadline()));
              cell(t, d.state());
            });
    doc.add(t);
  }

  private static void attachments(Document doc, Writer w) throws DocumentException {
    heading(doc, w.label("attachments"));
    List<CaseState.FileInfo> files =
        w.r().state().messages().stream().flatMap(m -> m.files().stream()).toList();
    if (files.isEmpty()) {
      doc.add(new Paragraph(w.label("none"), BODY));
      return;
    }
    PdfPTable t = table(new float[] {6, 3, 4}, w, "file", "type", "reason");
    for (CaseState.FileInfo f : files) {
      cell(t, f.fileName() == null ? "-" : f.fileName());
      cell(t, f.mediaType());
      cell(t, f.storageRef() == null ? "-" : f.storageRef());
    }
    doc.add(t);
  }

  private static void heading(Document doc, String text) throws DocumentException {
    Paragraph p = new Paragraph(text, HEADING);
    p.setSpacingBefore(12);
    p.setSpacingAfter(4);
    doc.add(p);
  }

  private static PdfPTable pairs() {
    PdfPTable t = new PdfPTable(new float[] {2, 5});
    t.setWidthPercentage(100);
    return t;
  }

  private static void pair(PdfPTable t, String label, String value) {
    t.addCell(new PdfPCell(new Phrase(label, BOLD)));
    t.addCell(new PdfPCell(new Phrase(value, BODY)));
  }

  private static PdfPTable table(float[] widths, Writer w, String... headers) {
    PdfPTable t = new PdfPTable(widths);
    t.setWidthPercentage(100);
    t.setHeaderRows(1);
    for (String h : headers) {
      t.addCell(new PdfPCell(new Phrase(w.label(h), BOLD)));
    }
    return t;
  }

  private static void cell(PdfPTable t, String text) {
    t.addCell(new PdfPCell(new Phrase(text, BODY)));
  }

  /** WIB, WITA or WIT for the agency's zone; the zone id elsewhere. */
  private record ZoneLabel(String name) {
    static ZoneLabel of(Agency agency) {
      String id = agency.timeZone().getId();
      return new ZoneLabel(
          switch (id) {
            case "Asia/Jakarta", "Asia/Pontianak" -> "WIB";
            case "Asia/Makassar" -> "WITA";
            case "Asia/Jayapura" -> "WIT";
            default -> id;
          });
    }
  }

  /** Whether the state has a berita acara to render. */
  public static boolean hasBeritaAcara(CaseState state) {
    return state.resolution() != null;
  }
}
