package id.aduan.cases.web;

import id.aduan.agency.Agency;
import id.aduan.agency.AgencyCatalog;
import id.aduan.cases.application.VersionedCase;
import id.aduan.cases.documents.CaseDocuments;
import id.aduan.cases.documents.Language;
import id.aduan.cases.documents.PublicLinks;
import id.aduan.cases.persistence.CaseDocument;
import id.aduan.cases.persistence.Cases;
import id.aduan.cases.security.ClientAddress;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Pattern;
import java.time.Clock;
import java.util.Optional;
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

/**
 * The reporter's download of the berita acara (docs/adr/0055): {@code GET
 * /api/v1/public/documents/<token>.pdf}, no login, from the link the resolution message and the
 * status page carry. The rendering is the kept masked one (the same bytes and SHA-256 an officer
 * sees), in Bahasa Indonesia or, with {@code lang=en}, English. A token that is malformed, altered
 * or names nothing is 404, an expired one 410, and neither says anything about the case; lookups
 * are rate limited per client address like the status lookup (429).
 */
@RestController
@Validated
class PublicDocumentsController {

  private final PublicLinks links;
  private final Cases cases;
  private final AgencyCatalog agencies;
  private final CaseDocuments documents;
  private final RateLimiter limiter;
  private final ClientAddress clients;
  private final MeterRegistry meters;
  private final Clock clock;

  PublicDocumentsController(
      PublicLinks links,
      Cases cases,
      AgencyCatalog agencies,
      CaseDocuments documents,
      RateLimiter limiter,
      ClientAddress clients,
      MeterRegistry meters,
      Clock clock) {
    this.links = links;
    this.cases = cases;
    this.agencies = agencies;
    this.documents = documents;
    this.limiter = limiter;
    this.clients = clients;
    this.meters = meters;
    this.clock = clock;
  }

  @GetMapping(PublicLinks.PATH + "{token:[A-Za-z0-9_.\\-]{1,300}}.pdf")
  ResponseEntity<byte[]> beritaAcara(
      @PathVariable String token,
      @RequestParam(defaultValue = "id") @Pattern(regexp = "id|en") String lang,
      HttpServletRequest request) {
    limiter.acquire(clients.of(request));
    PublicLinks.Checked checked = links.check(token, clock.instant());
    if (checked.expired()) {
      count("expired");
      throw new ResponseStatusException(
          HttpStatus.GONE, "This link has expired; ask the agency for the berita acara");
    }
    PublicLinks.Claim claim = checked.claim();
    if (claim == null) {
      count("invalid");
      throw notFound();
    }
    VersionedCase c = cases.byTicket(claim.ticket()).map(CaseDocument::versioned).orElse(null);
    Optional<Agency> agency =
        c == null ? Optional.empty() : agencies.byCode(c.state().agencyCode());
    Optional<CaseDocuments.Rendered> pdf =
        agency.flatMap(a -> documents.beritaAcara(c, a, Language.of(lang), claim.resolvedAt()));
    if (pdf.isEmpty()) {
      count("gone");
      throw notFound();
    }
    count("served");
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_PDF)
        .cacheControl(CacheControl.noStore())
        .header(
            "Content-Disposition",
            FileServing.contentDisposition(
                false, claim.ticket() + "-" + CaseDocuments.Kind.BERITA_ACARA.fileStem() + ".pdf"))
        .header("Content-Security-Policy", FileServing.CONTENT_SECURITY_POLICY)
        .header("X-Content-Type-Options", "nosniff")
        .header("Referrer-Policy", "no-referrer")
        .header("Digest", "sha-256=" + pdf.get().sha256())
        .body(pdf.get().bytes());
  }

  private static ResponseStatusException notFound() {
    return new ResponseStatusException(HttpStatus.NOT_FOUND, "No such document");
  }

  private void count(String outcome) {
    meters.counter("aduan.cases.public.documents", "outcome", outcome).increment();
  }
}
