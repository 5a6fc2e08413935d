package id.aduan.cases.web;

import id.aduan.agency.Agency;
import id.aduan.agency.AgencyCatalog;
import id.aduan.cases.application.CaseNotFoundException;
import id.aduan.cases.application.CaseService;
import id.aduan.cases.application.VersionedCase;
import id.aduan.cases.domain.AuditEntry;
import id.aduan.cases.persistence.CaseDocument;
import id.aduan.cases.persistence.Cases;
import id.aduan.cases.security.ClientAddress;
import id.aduan.contracts.CaseStatus;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The public status lookup: anyone with a ticket number sees its status and dates, nothing else (no
 * name, contact, text, division or officer), rate limited per client address (429).
 */
@RestController
@Validated
class PublicStatusController {

  private final Cases cases;
  private final RateLimiter limiter;
  private final ClientAddress clients;
  private final CaseService service;
  private final AgencyCatalog agencies;
  private final BeritaAcaraLink beritaAcara;

  PublicStatusController(
      Cases cases,
      RateLimiter limiter,
      ClientAddress clients,
      CaseService service,
      AgencyCatalog agencies,
      BeritaAcaraLink beritaAcara) {
    this.cases = cases;
    this.limiter = limiter;
    this.clients = clients;
    this.service = service;
    this.agencies = agencies;
    this.beritaAcara = beritaAcara;
  }

  /**
   * @param deadlines the date each of the case's clocks is due (completion, start of handling...)
   * @param surveyOpen the case is resolved, within its agency's survey window and its survey not
   *     answered yet: the holder of the status link may answer it (docs/adr/0053)
   * @param beritaAcara the berita acara's download link, the one the resolution message carried
   *     (docs/adr/0055): only for a resolved case of an agency that sends it, never for a
   *     confidential report, and only until it expires; left out otherwise
   */
  record PublicStatus(
      String ticket,
      CaseStatus status,
      String statusText,
      Instant receivedAt,
      @Nullable Instant lastUpdatedAt,
      @Nullable Instant closedAt,
      Map<String, Instant> deadlines,
      boolean surveyOpen,
      @com.fasterxml.jackson.annotation.JsonInclude(
              com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
          id.aduan.contracts.CaseEvent.@Nullable DocumentLink beritaAcara) {}

  /**
   * A survey answer from the status page: the key of the status link, a rating from 1 (very
   * dissatisfied) to 5 (very satisfied) and an optional comment.
   */
  record SurveyAnswer(
      @NotBlank @Size(max = 64) String key,
      @Min(1) @Max(5) int rating,
      @Nullable @Size(max = 1000) String comment) {}

  /**
   * The case's satisfaction survey answered on the status page by the holder of its status link,
   * once: 204; a wrong key or number 404 (the same, so a key cannot be guessed by number), a case
   * not resolved or past its survey window 409, an answer already there 409.
   */
  @PostMapping("/api/v1/public/status/{ticket}/survey")
  ResponseEntity<Void> survey(
      @PathVariable @Pattern(regexp = CaseController.TICKET) String ticket,
      @Valid @RequestBody SurveyAnswer answer,
      HttpServletRequest request) {
    limiter.acquire(clients.of(request));
    String code = ticket.substring(0, ticket.indexOf('-'));
    Agency agency =
        agencies
            .byCode(code.toUpperCase(Locale.ROOT))
            .orElseThrow(() -> new CaseNotFoundException(ticket));
    return switch (service.answerSurveyOnStatusPage(
        agency, ticket.toUpperCase(Locale.ROOT), answer.key(), answer.rating(), answer.comment())) {
      case ANSWERED -> ResponseEntity.noContent().build();
      case NOT_FOUND -> throw new CaseNotFoundException(ticket);
      case NOT_OPEN ->
          throw new ResponseStatusException(
              HttpStatus.CONFLICT, "the survey of " + ticket + " is not open");
      case ALREADY_ANSWERED ->
          throw new ResponseStatusException(
              HttpStatus.CONFLICT, "the survey of " + ticket + " has been answered already");
    };
  }

  @GetMapping("/api/v1/public/status/{ticket}")
  ResponseEntity<PublicStatus> status(
      @PathVariable @Pattern(regexp = CaseController.TICKET) String ticket,
      HttpServletRequest request) {
    limiter.acquire(clients.of(request));
    VersionedCase doc =
        cases
            .byTicket(ticket)
            .map(CaseDocument::versioned)
            .orElseThrow(() -> new CaseNotFoundException(ticket));
    Instant last =
        doc.state().timeline().stream()
            .map(AuditEntry::at)
            .max(Comparator.naturalOrder())
            .orElse(null);
    Instant closed =
        switch (doc.state().status()) {
          case RESOLVED, REJECTED, ARCHIVED, MERGED -> last;
          default -> null;
        };
    Map<String, Instant> deadlines = new LinkedHashMap<>();
    doc.state().deadlines().forEach((clock, d) -> deadlines.put(clock, d.deadline()));
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .body(
            new PublicStatus(
                doc.state().ticket(),
                doc.state().status(),
                text(doc.state().status()),
                doc.state().receivedAt(),
                last,
                closed,
                deadlines,
                surveyOpen(doc),
                beritaAcara.of(doc.state()).orElse(null)));
  }

  private boolean surveyOpen(VersionedCase doc) {
    if (doc.state().survey() != null) {
      return false;
    }
    return agencies
        .byCode(doc.state().agencyCode())
        .map(a -> service.surveyOpen(a, doc.id(), doc.state()))
        .orElse(false);
  }

  /** What the status means, in Bahasa Indonesia for the citizen. */
  static String text(CaseStatus status) {
    return switch (status) {
      case RECEIVED -> "Pengaduan diterima";
      case INCOMPLETE -> "Menunggu kelengkapan data dari pelapor";
      case VERIFIED -> "Pengaduan telah diverifikasi";
      case ROUTED -> "Diteruskan ke bidang yang menangani";
      case IN_PROGRESS -> "Sedang ditindaklanjuti";
      case ANSWERED -> "Telah dijawab";
      case RESOLVED -> "Selesai";
      case ARCHIVED -> "Selesai dan diarsipkan";
      case REJECTED -> "Tidak dapat ditindaklanjuti";
      case MERGED -> "Digabung dengan pengaduan lain";
      default -> status.name();
    };
  }
}
