package id.aduan.cases.web;

import id.aduan.agency.Agency;
import id.aduan.cases.application.VersionedCase;
import id.aduan.cases.documents.ArchiveZip;
import id.aduan.cases.documents.CaseDocuments;
import id.aduan.cases.documents.Language;
import id.aduan.cases.domain.CaseState;
import id.aduan.cases.persistence.Attachments;
import id.aduan.cases.persistence.CaseDocument;
import id.aduan.cases.persistence.Cases;
import id.aduan.cases.pii.PersonalDataAudit;
import id.aduan.cases.security.Caller;
import id.aduan.cases.security.ForbiddenException;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.OutputStream;
import java.security.Principal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipOutputStream;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The case's documents (docs/adr/0048): the berita acara and the case record as PDF, the case's
 * archive bundle, and an agency's bundle for a period. Authorized like the case itself (another
 * agency's or division's case is 404); personal data is masked unless the caller asks for it in
 * clear ({@code personalData=true}), which needs the right to read it and is audited like {@code
 * GET .../personal-data}. Every file is a download with the safe headers of docs/adr/0028.
 */
@RestController
@Validated
class DocumentsController {

  /** The longest period one agency bundle covers. */
  static final int MAX_PERIOD_DAYS = 366;

  /** The most cases one agency bundle holds; a longer period is split by the caller. */
  static final int MAX_CASES = 5_000;

  private final Officer officer;
  private final CaseDocuments documents;
  private final Attachments attachments;
  private final Cases cases;
  private final PersonalDataAudit audit;
  private final MeterRegistry meters;

  DocumentsController(
      Officer officer,
      CaseDocuments documents,
      Attachments attachments,
      Cases cases,
      PersonalDataAudit audit,
      MeterRegistry meters) {
    this.officer = officer;
    this.documents = documents;
    this.attachments = attachments;
    this.cases = cases;
    this.audit = audit;
    this.meters = meters;
  }

  /** {@code berita-acara.pdf} (a resolved case only) or {@code case-record.pdf}. */
  @GetMapping("/api/v1/cases/{ticket}/documents/{document:berita-acara|case-record}.pdf")
  ResponseEntity<byte[]> document(
      @PathVariable @Pattern(regexp = CaseController.TICKET) String ticket,
      @PathVariable String document,
      @RequestParam(defaultValue = "id") @Pattern(regexp = "id|en") String lang,
      @RequestParam(defaultValue = "false") boolean personalData,
      @RequestParam(defaultValue = "dokumen kasus") @Size(min = 3, max = 200) String purpose,
      Principal principal) {
    Caller caller = officer.allowed(principal, "read");
    VersionedCase c = officer.visible(caller, ticket);
    CaseDocuments.Kind kind = CaseDocuments.Kind.ofStem(document);
    if (!CaseDocuments.exists(c, kind)) {
      throw new ResponseStatusException(
          HttpStatus.NOT_FOUND, ticket + " has no berita acara: the case has not been resolved");
    }
    boolean clear = personalData && clearAllowed(caller, c, kind, purpose);
    CaseDocuments.Rendered r =
        documents.render(c, officer.agencyOf(caller), kind, Language.of(lang), clear);
    return download(ticket + "-" + kind.fileStem() + ".pdf", "application/pdf")
        .header("Digest", "sha-256=" + r.sha256())
        .body(r.bytes());
  }

  /** The case's bundle: its PDFs (masked, as kept) and its files, with a list of contents. */
  @GetMapping("/api/v1/cases/{ticket}/archive.zip")
  ResponseEntity<StreamingResponseBody> caseArchive(
      @PathVariable @Pattern(regexp = CaseController.TICKET) String ticket,
      @RequestParam(defaultValue = "id") @Pattern(regexp = "id|en") String lang,
      Principal principal) {
    Caller caller = officer.allowed(principal, "read");
    VersionedCase c = officer.visible(caller, ticket);
    Agency agency = officer.agencyOf(caller);
    Language language = Language.of(lang);
    List<CaseDocuments.Rendered> pdfs = pdfs(c, agency, language);
    List<ArchiveZip.CaseFile> files = files(c.state());
    count("case");
    return download(ticket + "-arsip.zip", "application/zip")
        .body(
            out -> {
              try (ZipOutputStream zip = new ZipOutputStream(out)) {
                ArchiveZip.writeCase(zip, "", ticket, pdfs, files);
              }
            });
  }

  /**
   * The agency's bundle of the cases received from {@code from} to {@code to} (dates in the
   * agency's time zone, both included): one folder per ticket, streamed case by case. For the admin
   * and the head ({@code read-archive}); at most {@value #MAX_PERIOD_DAYS} days and {@value
   * #MAX_CASES} cases.
   */
  @GetMapping("/api/v1/archive.zip")
  ResponseEntity<StreamingResponseBody> periodArchive(
      @RequestParam LocalDate from,
      @RequestParam LocalDate to,
      @RequestParam(defaultValue = "id") @Pattern(regexp = "id|en") String lang,
      Principal principal) {
    Caller caller = officer.allowed(principal, "read-archive");
    if (to.isBefore(from) || ChronoUnit.DAYS.between(from, to) >= MAX_PERIOD_DAYS) {
      count("refused");
      throw new ResponseStatusException(
          HttpStatus.BAD_REQUEST,
          "the period must run forward and cover at most " + MAX_PERIOD_DAYS + " days");
    }
    Agency agency = officer.agencyOf(caller);
    Language language = Language.of(lang);
    Cases.Scope scope = Officer.scope(caller);
    Cases.Filter filter =
        new Cases.Filter(
            List.of(),
            null,
            null,
            List.of(),
            null,
            from.atStartOfDay(agency.timeZone()).toInstant(),
            to.plusDays(1).atStartOfDay(agency.timeZone()).toInstant(),
            null,
            null,
            List.of(),
            false);
    long total = cases.search(scope, filter, 0, 1).total();
    if (total > MAX_CASES) {
      count("refused");
      throw new ResponseStatusException(
          HttpStatus.BAD_REQUEST,
          total + " cases in the period, more than " + MAX_CASES + ": ask for a shorter period");
    }
    count("period");
    return download(caller.agencyCode() + "-arsip-" + from + "-" + to + ".zip", "application/zip")
        .body(out -> writePeriod(out, scope, filter, agency, language));
  }

  private void writePeriod(
      OutputStream out, Cases.Scope scope, Cases.Filter filter, Agency agency, Language language)
      throws IOException {
    int size = 50;
    List<String> tickets = new ArrayList<>();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (int page = 0; page * size < MAX_CASES; page++) {
        List<CaseDocument> found = cases.search(scope, filter, page, size).cases();
        for (CaseDocument d : found) {
          VersionedCase c = d.versioned();
          if (tickets.contains(c.state().ticket())) {
            continue;
          }
          tickets.add(c.state().ticket());
          ArchiveZip.writeCase(
              zip,
              c.state().ticket() + "/",
              c.state().ticket(),
              pdfs(c, agency, language),
              files(c.state()));
          zip.flush();
        }
        if (found.size() < size) {
          break;
        }
      }
    }
  }

  private List<CaseDocuments.Rendered> pdfs(VersionedCase c, Agency agency, Language language) {
    List<CaseDocuments.Rendered> pdfs = new ArrayList<>();
    if (CaseDocuments.exists(c, CaseDocuments.Kind.BERITA_ACARA)) {
      pdfs.add(documents.render(c, agency, CaseDocuments.Kind.BERITA_ACARA, language, false));
    }
    pdfs.add(documents.render(c, agency, CaseDocuments.Kind.CASE_RECORD, language, false));
    return pdfs;
  }

  /**
   * The case's files as the officer API serves them: a file recorded with its storage reference,
   * read from its channel's store within the case's agency; any other is listed as not available.
   */
  private List<ArchiveZip.CaseFile> files(CaseState state) {
    List<ArchiveZip.CaseFile> files = new ArrayList<>();
    for (CaseState.Message m : state.messages()) {
      for (CaseState.FileInfo f : m.files()) {
        String name =
            FileServing.safeFileName(f.fileName() != null ? f.fileName() : f.attachmentId());
        if (f.storageRef() == null) {
          files.add(new ArchiveZip.CaseFile(name, null, "kept without a storage reference"));
          continue;
        }
        if (!attachments.reachable(m.channel(), f)) {
          files.add(
              new ArchiveZip.CaseFile(
                  name, null, "the " + m.channel() + " file store is not reachable from here"));
          continue;
        }
        Optional<Attachments.File> file = attachments.read(m.channel(), state.agencyCode(), f);
        files.add(
            new ArchiveZip.CaseFile(
                name,
                file.map(Attachments.File::bytes).orElse(null),
                file.isPresent() ? null : "not found in the " + m.channel() + " file store"));
      }
    }
    return files;
  }

  /** Personal data in clear: the role's right to read it, audited before anything is rendered. */
  private boolean clearAllowed(
      Caller caller, VersionedCase c, CaseDocuments.Kind kind, String purpose) {
    if (!caller.may("read-personal-data")
        || (c.state().anonymous() && !caller.may("read-anonymous-identity"))) {
      throw new ForbiddenException("read personal data in a document", caller.role());
    }
    audit.record(
        caller.username(),
        caller.role().name(),
        caller.agencyCode(),
        c.state().ticket(),
        List.of("document:" + kind.fileStem()),
        purpose);
    return true;
  }

  private void count(String bundle) {
    meters.counter("aduan.cases.archives", "bundle", bundle).increment();
  }

  private static ResponseEntity.BodyBuilder download(String name, String type) {
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(type))
        .cacheControl(CacheControl.noStore())
        .header("Content-Disposition", FileServing.contentDisposition(false, name))
        .header("Content-Security-Policy", FileServing.CONTENT_SECURITY_POLICY)
        .header("X-Content-Type-Options", "nosniff")
        .header("Cross-Origin-Resource-Policy", "same-origin");
  }
}
