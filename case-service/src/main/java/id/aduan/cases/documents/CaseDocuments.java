package id.aduan.cases.documents;

import id.aduan.agency.Agency;
import id.aduan.cases.application.VersionedCase;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The berita acara and the case record of a case, in the language asked. The masked rendering of a
 * case version is rendered on its first request and then kept (docs/adr/0048): a document read
 * again is the same bytes with the same SHA-256, and a case changed since (a reopened case resolved
 * again) gets a new rendering. A rendering with personal data in clear is for a role that may read
 * it, rendered on each request and never kept.
 */
@Service
public class CaseDocuments {

  /** The documents of a case. */
  public enum Kind {
    BERITA_ACARA("berita-acara"),
    CASE_RECORD("case-record");

    private final String fileStem;

    Kind(String fileStem) {
      this.fileStem = fileStem;
    }

    /** {@code berita-acara} or {@code case-record}: the file's name without {@code .pdf}. */
    public String fileStem() {
      return fileStem;
    }

    public static Kind ofStem(String stem) {
      return valueOf(stem.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
  }

  /** A rendered document: its bytes and SHA-256, and whether it is the kept (masked) rendering. */
  public record Rendered(Kind kind, byte[] bytes, String sha256, boolean kept) {}

  private final KeptDocuments kept;
  private final MeterRegistry meters;
  private final Clock clock;

  CaseDocuments(KeptDocuments kept, MeterRegistry meters) {
    this.kept = kept;
    this.meters = meters;
    this.clock = Clock.systemUTC();
  }

  /** Whether the case has this document (a berita acara needs a resolution). */
  public static boolean exists(VersionedCase c, Kind kind) {
    return kind == Kind.CASE_RECORD || CasePdf.hasBeritaAcara(c.state());
  }

  /**
   * The document; {@code clear} shows the reporter's personal data and is only for a role that may
   * read it (the caller checks and audits).
   */
  public Rendered render(
      VersionedCase c, Agency agency, Kind kind, Language language, boolean clear) {
    String agencyCode = c.state().agencyCode();
    String ticket = c.state().ticket();
    var resolvedAt = PublicLinks.resolvedAt(c.state());
    if (!clear && kind == Kind.BERITA_ACARA && resolvedAt.isPresent()) {
      return beritaAcaraOf(c, agency, language, resolvedAt.get().toEpochMilli());
    }
    if (!clear) {
      var found = kept.find(agencyCode, ticket, kind.fileStem(), language, c.version());
      if (found.isPresent()) {
        count(kind, "kept");
        return new Rendered(kind, found.get().bytes(), found.get().sha256(), true);
      }
    }
    Instant now = clock.instant();
    CasePdf.Request request =
        new CasePdf.Request(c.state(), c.version(), agency, language, clear, now);
    byte[] pdf =
        kind == Kind.BERITA_ACARA ? CasePdf.beritaAcara(request) : CasePdf.caseRecord(request);
    if (clear) {
      count(kind, "clear");
      return new Rendered(kind, pdf, KeptDocuments.sha256(pdf), false);
    }
    count(kind, "rendered");
    KeptDocuments.Kept k =
        kept.keep(agencyCode, ticket, kind.fileStem(), language, c.version(), pdf, now);
    return new Rendered(kind, k.bytes(), k.sha256(), true);
  }

  /**
   * The masked berita acara of one resolution of the case (docs/adr/0055): kept per resolution, not
   * per case version, so the document an officer reads after archiving, the one the consumer kept
   * when the case was resolved and the one behind the reporter's link are the same bytes. A
   * resolution that is no longer the case's (reopened and resolved again) is served only if it was
   * kept.
   */
  public Optional<Rendered> beritaAcara(
      VersionedCase c, Agency agency, Language language, long resolution) {
    var current = PublicLinks.resolvedAt(c.state());
    if (current.isPresent() && current.get().toEpochMilli() == resolution) {
      return Optional.of(beritaAcaraOf(c, agency, language, resolution));
    }
    return kept.findResolution(
            c.state().agencyCode(),
            c.state().ticket(),
            Kind.BERITA_ACARA.fileStem(),
            language,
            resolution)
        .map(k -> new Rendered(Kind.BERITA_ACARA, k.bytes(), k.sha256(), true));
  }

  private Rendered beritaAcaraOf(
      VersionedCase c, Agency agency, Language language, long resolution) {
    Kind kind = Kind.BERITA_ACARA;
    String agencyCode = c.state().agencyCode();
    String ticket = c.state().ticket();
    var found = kept.findResolution(agencyCode, ticket, kind.fileStem(), language, resolution);
    if (found.isPresent()) {
      count(kind, "kept");
      return new Rendered(kind, found.get().bytes(), found.get().sha256(), true);
    }
    Instant now = clock.instant();
    byte[] pdf =
        CasePdf.beritaAcara(
            new CasePdf.Request(c.state(), c.version(), agency, language, false, now));
    count(kind, "rendered");
    KeptDocuments.Kept k =
        kept.keepResolution(
            agencyCode, ticket, kind.fileStem(), language, c.version(), resolution, pdf, now);
    return new Rendered(kind, k.bytes(), k.sha256(), true);
  }

  private void count(Kind kind, String source) {
    meters
        .counter("aduan.cases.documents", "document", kind.fileStem(), "source", source)
        .increment();
  }
}
