package id.aduan.cases.web;

import id.aduan.cases.application.CaseNotFoundException;
import id.aduan.cases.application.VersionedCase;
import id.aduan.cases.domain.AuditEntry;
import id.aduan.cases.persistence.CaseDocument;
import id.aduan.cases.persistence.Cases;
import id.aduan.cases.security.ClientAddress;
import id.aduan.contracts.CaseStatus;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

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
  private final BeritaAcaraLink beritaAcara;

  PublicStatusController(
      Cases cases, RateLimiter limiter, ClientAddress clients, BeritaAcaraLink beritaAcara) {
    this.cases = cases;
    this.limiter = limiter;
    this.clients = clients;
    this.beritaAcara = beritaAcara;
  }

  /**
   * @param deadlines the date each of the case's clocks is due (completion, start of handling...)
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
      @com.fasterxml.jackson.annotation.JsonInclude(
              com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
          id.aduan.contracts.CaseEvent.@Nullable DocumentLink beritaAcara) {}

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
                beritaAcara.of(doc.state()).orElse(null)));
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
