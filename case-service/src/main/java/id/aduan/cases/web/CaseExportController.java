package id.aduan.cases.web;

import id.aduan.agency.Agency;
import id.aduan.cases.application.VersionedCase;
import id.aduan.cases.domain.CaseState;
import id.aduan.cases.persistence.CaseDocument;
import id.aduan.cases.persistence.Cases;
import id.aduan.cases.pii.PersonalDataAudit;
import id.aduan.cases.pii.PiiText;
import id.aduan.cases.security.Caller;
import id.aduan.contracts.Channel;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The cases an officer may see as CSV ({@code GET /api/v1/cases/export}), with the list's own
 * filters and scope ({@link CaseFilters}, {@link Officer#scope}): for a spreadsheet (UTF-8 with a
 * byte order mark, RFC 4180 quoting, CRLF), written page by page as the store gives them, never the
 * whole export in memory. Personal data (name, NIK, phone, email, address) is masked as in every
 * view; in clear only when the caller asks for it ({@code personalData=true} with a {@code
 * purpose}) and their role may read it, and then every exported case's read is audited like a read
 * of {@code .../personal-data} before its row is written. An anonymous reporter stays "Anonim" for
 * roles that may not read anonymous identities. A cell that a spreadsheet would take as a formula
 * (starting with {@code = + - @}, a tab or a carriage return) is prefixed with an apostrophe.
 */
@RestController
@Validated
class CaseExportController {

  /** Cases read from the store at a time. */
  static final int PAGE = 200;

  private static final List<String> HEADERS_ID =
      List.of(
          "Tiket",
          "Status",
          "Jenis",
          "Kanal",
          "Cara datang",
          "Diterima",
          "Bidang",
          "Topik",
          "Kelas SLA",
          "Petugas",
          "SLA",
          "Nama",
          "NIK",
          "Telepon",
          "Email",
          "Alamat",
          "Anonim",
          "Rahasia");

  private static final List<String> HEADERS_EN =
      List.of(
          "Ticket",
          "Status",
          "Type",
          "Channel",
          "Intake mode",
          "Received",
          "Division",
          "Topic",
          "SLA class",
          "Assignee",
          "SLA",
          "Name",
          "NIK",
          "Phone",
          "Email",
          "Address",
          "Anonymous",
          "Confidential");

  private final Cases cases;
  private final Officer officer;
  private final CaseFilters filters;
  private final PersonalDataAudit audit;
  private final MeterRegistry meters;
  private final Clock clock;

  CaseExportController(
      Cases cases,
      Officer officer,
      CaseFilters filters,
      PersonalDataAudit audit,
      MeterRegistry meters,
      Clock clock) {
    this.cases = cases;
    this.officer = officer;
    this.filters = filters;
    this.audit = audit;
    this.meters = meters;
    this.clock = clock;
  }

  @GetMapping("/api/v1/cases/export")
  ResponseEntity<StreamingResponseBody> export(
      @Valid CaseFilters.Query query,
      @RequestParam(defaultValue = "false") boolean personalData,
      @RequestParam(required = false) @Nullable @Size(min = 3, max = 200) String purpose,
      @RequestParam(defaultValue = "id") @Pattern(regexp = "id|en") String lang,
      Principal principal) {
    Caller caller = officer.allowed(principal, "read");
    if (personalData) {
      caller = officer.allowed(principal, "read-personal-data");
      if (purpose == null || purpose.isBlank()) {
        throw new ResponseStatusException(
            HttpStatus.BAD_REQUEST, "an export with personal data in clear needs a purpose");
      }
    }
    Agency a = officer.agencyOf(caller);
    Cases.Filter filter = filters.of(caller, a, query);
    // Another agency's cases do not exist for this caller: an export with the headers only.
    boolean none = query.otherAgencyThan(caller);
    Caller reader = caller;
    Instant now = clock.instant();
    meters
        .counter(
            "aduan.cases.exports",
            "agency",
            caller.agencyCode(),
            "personal_data",
            Boolean.toString(personalData))
        .increment();
    StreamingResponseBody body =
        out -> {
          Writer w =
              new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 16 * 1024);
          w.write('\uFEFF');
          w.write(Csv.row("en".equals(lang) ? HEADERS_EN : HEADERS_ID));
          for (int page = 0; !none; page++) {
            List<CaseDocument> found =
                cases.search(Officer.scope(reader), filter, page, PAGE).cases();
            for (CaseDocument doc : found) {
              w.write(Csv.row(row(doc.versioned(), a, reader, personalData, purpose, now)));
            }
            w.flush();
            if (found.size() < PAGE) {
              break;
            }
          }
          w.flush();
        };
    String fileName = "kasus-" + caller.agencyCode().toLowerCase(java.util.Locale.ROOT) + ".csv";
    return ResponseEntity.ok()
        .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
        .cacheControl(CacheControl.noStore())
        .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
        .header("X-Content-Type-Options", "nosniff")
        .body(body);
  }

  private List<String> row(
      VersionedCase doc,
      Agency agency,
      Caller caller,
      boolean personalData,
      @Nullable String purpose,
      Instant now) {
    CaseState s = doc.state();
    Map<String, String> pii = personal(s);
    boolean hidden = s.anonymous() && !caller.may("read-anonymous-identity");
    boolean clear = personalData && !hidden;
    if (clear && !pii.isEmpty()) {
      // Audited before the row is written: a failed audit write exports nothing more.
      audit.record(
          caller.username(),
          caller.role().name(),
          caller.agencyCode(),
          s.ticket(),
          List.copyOf(pii.keySet()),
          "CSV export: " + purpose);
    }
    List<String> cells = new ArrayList<>();
    cells.add(s.ticket());
    cells.add(s.status().name());
    cells.add(s.caseType().name());
    cells.add(s.channel().name());
    cells.add(s.intakeMode());
    cells.add(
        s.receivedAt().atZone(agency.timeZone()).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    cells.add(s.division() == null ? "" : TimelineView.division(s.division(), agency).id());
    cells.add(s.topic() == null ? "" : s.topic());
    cells.add(s.slaClass() == null ? "" : s.slaClass());
    cells.add(s.assignee() == null ? "" : s.assignee());
    cells.add(InboxController.SlaBadge.of(s.deadlines(), now).state());
    if (s.anonymous() && !clear) {
      cells.addAll(List.of("Anonim", "", "", "", ""));
    } else {
      for (String field : List.of("name", "nik", "phone", "email", "address")) {
        String value = pii.get(field);
        cells.add(value == null ? "" : clear ? value : masked(field, value));
      }
    }
    cells.add(Boolean.toString(s.anonymous()));
    cells.add(Boolean.toString(s.confidential()));
    return cells;
  }

  /** The reporter's personal data on the case, by field (only those it has). */
  private static Map<String, String> personal(CaseState s) {
    Map<String, String> form = s.form();
    Map<String, String> out = new LinkedHashMap<>();
    put(out, "name", s.citizenName() != null ? s.citizenName() : form.get("name"));
    put(out, "nik", form.get("nik"));
    String phone = form.get("phone");
    if (phone == null
        && s.replyAddress() != null
        && s.replyAddress().channel() == Channel.WHATSAPP) {
      phone = s.replyAddress().recipientId();
    }
    put(out, "phone", phone);
    String email = form.get("email");
    if (email == null && s.replyAddress() != null && s.replyAddress().channel() == Channel.EMAIL) {
      email = s.replyAddress().recipientId();
    }
    put(out, "email", email);
    put(out, "address", form.get("address"));
    return out;
  }

  private static String masked(String field, String value) {
    return switch (field) {
      case "name" -> PiiText.maskName(value);
      case "address" -> "***";
      default -> PiiText.maskValue(value);
    };
  }

  private static void put(Map<String, String> map, String key, @Nullable String value) {
    if (value != null && !value.isBlank()) {
      map.put(key, value);
    }
  }

  /** CSV as RFC 4180 writes it, with the formula-injection guard for spreadsheets. */
  static final class Csv {

    private Csv() {}

    static String row(List<String> cells) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < cells.size(); i++) {
        if (i > 0) {
          line.append(',');
        }
        line.append(cell(cells.get(i)));
      }
      return line.append("\r\n").toString();
    }

    static String cell(String value) {
      String v = value;
      if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
        v = "'" + v;
      }
      if (v.indexOf(',') >= 0
          || v.indexOf('"') >= 0
          || v.indexOf('\n') >= 0
          || v.indexOf('\r') >= 0) {
        return '"' + v.replace("\"", "\"\"") + '"';
      }
      return v;
    }
  }
}
