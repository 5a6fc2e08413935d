package id.aduan.cases.web;

import id.aduan.agency.Agency;
import id.aduan.agency.AgencyCatalog;
import id.aduan.cases.application.CaseService;
import id.aduan.cases.domain.CaseState;
import id.aduan.cases.persistence.CaseDocument;
import id.aduan.cases.persistence.CaseFiles;
import id.aduan.cases.security.ClientAddress;
import id.aduan.contracts.CaseStatus;
import id.aduan.contracts.Channel;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The public web complaint form's API (no login; the page is {@code /lapor/{agency}},
 * docs/adr/0054): what the agency's form offers and asks for, a proof-of-work challenge, and the
 * submission, which opens a {@link Channel#WEB} case through {@code CaseService.webComplaint} and
 * answers with the ticket and the status link. Only for agencies whose file has {@code
 * channels.web} (else 404).
 *
 * <p>Abuse limits that need no outside service: challenges and submissions rate limited per client
 * address ({@code security/ClientAddress}), a honeypot field ({@code website}) no person fills, a
 * signed single-use proof of work ({@link ProofOfWork}), field, file and body size limits. Files go
 * to the case service's own store ({@code persistence/CaseFiles}, docs/adr/0052), typed by their
 * bytes. Every refusal is a 4xx problem with a {@code reason}, the message in Bahasa Indonesia
 * ({@code detail}) and English ({@code detailEn}), field errors in {@code errors}, and counts
 * {@code aduan.cases.webform.refused{agency,reason}}. Nothing of what the citizen wrote is logged.
 *
 * <p>No CSRF token: the endpoints take no cookie or session and act for nobody signed in, so a
 * forged cross-site request can do nothing a direct one cannot; the proof of work and the limits
 * are what bound it.
 */
@RestController
class WebFormController {

  static final int MAX_DESCRIPTION = 8000;
  static final int MAX_NAME = 200;
  static final int MAX_EMAIL = 200;
  static final int MAX_FILES = 3;

  private static final java.util.regex.Pattern EMAIL =
      java.util.regex.Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}");
  private static final java.util.regex.Pattern PHONE =
      java.util.regex.Pattern.compile("\\+?[0-9][0-9 \\-]{7,22}");

  /** What each refusal says, in Bahasa Indonesia and English. */
  private static final Map<String, Agency.Text> MESSAGES =
      Map.ofEntries(
          Map.entry(
              "no-form",
              new Agency.Text(
                  "Formulir pengaduan daring tidak tersedia untuk instansi ini.",
                  "This agency has no online complaint form.")),
          Map.entry(
              "rate-limited",
              new Agency.Text(
                  "Terlalu banyak permintaan dari jaringan Anda. Silakan coba lagi nanti.",
                  "Too many requests from your network. Please try again later.")),
          Map.entry(
              "honeypot",
              new Agency.Text(
                  "Formulir tidak dapat dikirim. Muat ulang halaman lalu coba lagi.",
                  "The form could not be sent. Reload the page and try again.")),
          Map.entry(
              "proof-missing",
              new Agency.Text(
                  "Pemeriksaan keamanan formulir belum selesai. Tunggu sebentar lalu kirim lagi.",
                  "The form's security check has not finished. Wait a moment and send again.")),
          Map.entry(
              "proof-invalid",
              new Agency.Text(
                  "Pemeriksaan keamanan formulir gagal. Muat ulang halaman lalu kirim lagi.",
                  "The form's security check failed. Reload the page and send again.")),
          Map.entry(
              "proof-expired",
              new Agency.Text(
                  "Pemeriksaan keamanan formulir kedaluwarsa. Kirim lagi.",
                  "The form's security check expired. Please send again.")),
          Map.entry(
              "proof-used",
              new Agency.Text(
                  "Formulir ini sudah terkirim. Muat ulang halaman untuk pengaduan baru.",
                  "This form was already sent. Reload the page for a new complaint.")),
          Map.entry(
              "invalid-body",
              new Agency.Text(
                  "Isi formulir tidak dapat dibaca. Muat ulang halaman lalu coba lagi.",
                  "The form could not be read. Reload the page and try again.")),
          Map.entry(
              "invalid-fields",
              new Agency.Text(
                  "Periksa kembali isian yang ditandai.", "Please check the marked fields.")),
          Map.entry(
              "description-required",
              new Agency.Text("Tuliskan isi pengaduan Anda.", "Please describe your complaint.")),
          Map.entry(
              "description-too-long",
              new Agency.Text(
                  "Isi pengaduan paling banyak " + MAX_DESCRIPTION + " karakter.",
                  "The complaint may have at most " + MAX_DESCRIPTION + " characters.")),
          Map.entry(
              "name-too-long",
              new Agency.Text(
                  "Nama paling banyak " + MAX_NAME + " karakter.",
                  "The name may have at most " + MAX_NAME + " characters.")),
          Map.entry(
              "whatsapp-invalid",
              new Agency.Text(
                  "Nomor WhatsApp tidak valid. Contoh: 0812 3456 7890 atau +62 812 3456 7890.",
                  "Not a valid WhatsApp number. Example: 0812 3456 7890 or +62 812 3456 7890.")),
          Map.entry(
              "whatsapp-unavailable",
              new Agency.Text(
                  "Instansi ini tidak membalas melalui WhatsApp. Isi alamat email.",
                  "This agency does not reply on WhatsApp. Please give an email address.")),
          Map.entry(
              "email-invalid",
              new Agency.Text(
                  "Alamat email tidak valid. Contoh: nama@contoh.id.",
                  "Not a valid email address. Example: name@example.id.")),
          Map.entry(
              "email-unavailable",
              new Agency.Text(
                  "Instansi ini tidak membalas melalui email. Isi nomor WhatsApp.",
                  "This agency does not reply by email. Please give a WhatsApp number.")),
          Map.entry(
              "nik-invalid",
              new Agency.Text(
                  "NIK terdiri dari 16 angka.", "An NIK (identity number) has 16 digits.")),
          Map.entry(
              "files-too-many",
              new Agency.Text(
                  "Paling banyak " + MAX_FILES + " berkas.", "At most " + MAX_FILES + " files.")),
          Map.entry(
              "anonymous-not-allowed",
              new Agency.Text(
                  "Instansi ini tidak menerima pengaduan tanpa identitas.",
                  "This agency does not accept anonymous complaints.")),
          Map.entry(
              "confidential-not-allowed",
              new Agency.Text(
                  "Instansi ini tidak menyediakan pengaduan rahasia.",
                  "This agency does not offer confidential complaints.")));

  private final AgencyCatalog agencies;
  private final CaseService service;
  private final ProofOfWork proofs;
  private final ClientAddress clients;
  private final MeterRegistry meters;
  private final Clock clock;
  private final DeskFiles deskFiles;
  private final CaseFiles files;
  private final RateLimiter challenges;
  private final RateLimiter submissions;

  WebFormController(
      AgencyCatalog agencies,
      CaseService service,
      ProofOfWork proofs,
      ClientAddress clients,
      MeterRegistry meters,
      Clock clock,
      DeskFiles deskFiles,
      CaseFiles files,
      @Value("${aduan.cases.web-form.challenges-per-minute:20}") int challengesPerMinute,
      @Value("${aduan.cases.web-form.submissions-per-hour:10}") int submissionsPerHour) {
    this.agencies = agencies;
    this.service = service;
    this.proofs = proofs;
    this.clients = clients;
    this.meters = meters;
    this.clock = clock;
    this.deskFiles = deskFiles;
    this.files = files;
    this.challenges = new RateLimiter(challengesPerMinute, Duration.ofMinutes(1), clock);
    this.submissions = new RateLimiter(submissionsPerHour, Duration.ofHours(1), clock);
  }

  /** An intake requirement as the citizen reads it. */
  record Requirement(String id, String kind, Agency.Text label, List<String> caseTypes) {}

  /**
   * What the agency's form offers: where replies can go, the options the agency allows, what its
   * standard requires on this channel, the limits.
   */
  record Form(
      String agency,
      String name,
      boolean anonymous,
      boolean confidential,
      boolean whatsapp,
      boolean email,
      boolean nik,
      List<Requirement> requirements,
      int maxDescription,
      int maxName,
      int maxFiles,
      long maxFileBytes) {}

  /** A citizen's submission; {@code website} is the honeypot, empty from a person. */
  record Submission(
      @Nullable String description,
      @Nullable String name,
      @Nullable String whatsapp,
      @Nullable String email,
      @Nullable String nik,
      @Nullable Boolean anonymous,
      @Nullable Boolean confidential,
      @Nullable String website,
      @Nullable String challenge,
      @Nullable String nonce) {}

  /**
   * @param statusUrl the case's status link on this service, with the key that lets its holder
   *     answer the satisfaction survey there (docs/adr/0053)
   * @param missing what the agency's standard still needs, to be sent on the reply channel
   */
  record Submitted(
      String ticket,
      String statusUrl,
      CaseStatus status,
      String statusText,
      Instant receivedAt,
      List<Requirement> missing) {}

  record FieldError(String field, String reason, String id, String en) {}

  static final class Refused extends RuntimeException {
    private final HttpStatus status;
    private final String reason;
    private final List<FieldError> errors;
    private final long retryAfter;

    Refused(HttpStatus status, String reason, List<FieldError> errors, long retryAfter) {
      super(reason);
      this.status = status;
      this.reason = reason;
      this.errors = errors;
      this.retryAfter = retryAfter;
    }

    Refused(HttpStatus status, String reason) {
      this(status, reason, List.of(), 0);
    }
  }

  @GetMapping("/api/v1/public/{agency}/form")
  ResponseEntity<Form> form(@PathVariable String agency) {
    Agency a = agencyWithForm(agency);
    Agency.Web web = a.channels().web();
    List<Requirement> requirements = requirements(a, a.rules().intake());
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .body(
            new Form(
                a.code().toLowerCase(Locale.ROOT),
                a.name(),
                web.anonymous(),
                web.confidential(),
                a.channels().whatsapp() != null,
                !a.channels().mailboxes().isEmpty(),
                requirements.stream().anyMatch(r -> r.kind().equals("nik")),
                requirements,
                MAX_DESCRIPTION,
                MAX_NAME,
                MAX_FILES,
                files.settings().maxFileSize().toBytes()));
  }

  @GetMapping("/api/v1/public/{agency}/form/challenge")
  ResponseEntity<ProofOfWork.Challenge> challenge(
      @PathVariable String agency, HttpServletRequest request) {
    Agency a = agencyWithForm(agency);
    limit(challenges, a, request);
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(proofs.issue(a.code()));
  }

  @PostMapping("/api/v1/public/{agency}/complaints")
  ResponseEntity<Submitted> submit(
      @PathVariable String agency, @RequestBody Submission body, HttpServletRequest request) {
    return submit(agency, body, null, null, request);
  }

  /**
   * The same with files (what the page sends): the part {@code complaint} is the JSON above, each
   * part {@code files} a file (PDF, JPEG, PNG, GIF, WebP: typed by its bytes), and the i-th part
   * {@code requirements} the requirement id the i-th file is for (empty for none).
   */
  @PostMapping(
      path = "/api/v1/public/{agency}/complaints",
      consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<Submitted> submitWithFiles(
      @PathVariable String agency,
      @RequestPart("complaint") Submission body,
      @RequestPart(name = "files", required = false) @Nullable List<MultipartFile> uploads,
      @RequestParam(name = "requirements", required = false) @Nullable List<String> requirements,
      HttpServletRequest request) {
    return submit(agency, body, uploads, requirements, request);
  }

  private ResponseEntity<Submitted> submit(
      String agency,
      Submission body,
      @Nullable List<MultipartFile> uploads,
      @Nullable List<String> requirements,
      HttpServletRequest request) {
    Agency a = agencyWithForm(agency);
    limit(submissions, a, request);
    if (body.website() != null && !body.website().isEmpty()) {
      throw refuse(a, new Refused(HttpStatus.BAD_REQUEST, "honeypot"));
    }
    try {
      proofs.check(a.code(), body.challenge(), body.nonce());
    } catch (ProofOfWork.Refused e) {
      throw refuse(a, new Refused(HttpStatus.BAD_REQUEST, e.reason()));
    }
    List<FieldError> errors = validate(a, body);
    if (uploads != null && uploads.stream().filter(f -> !f.isEmpty()).count() > MAX_FILES) {
      errors.add(field("files", "files-too-many"));
    }
    if (!errors.isEmpty()) {
      throw refuse(a, new Refused(HttpStatus.BAD_REQUEST, "invalid-fields", errors, 0));
    }
    List<CaseState.FileInfo> kept = keep(a, uploads, requirements);
    if (!proofs.use(body.challenge())) {
      throw refuse(a, new Refused(HttpStatus.BAD_REQUEST, "proof-used"));
    }
    CaseDocument doc =
        service.webComplaint(
            new CaseService.WebComplaint(
                body.challenge(),
                body.description().strip(),
                blankToNull(body.name()),
                blankToNull(body.whatsapp()),
                blankToNull(body.email()),
                blankToNull(body.nik()),
                Boolean.TRUE.equals(body.anonymous()),
                Boolean.TRUE.equals(body.confidential()),
                clock.instant()),
            kept,
            a);
    meters.counter("aduan.cases.webform.submitted", "agency", a.code()).increment();
    CaseState state = doc.state();
    String ticket = state.ticket();
    List<Requirement> missing =
        requirements(
            a, a.rules().intake().stream().filter(r -> state.missing().contains(r.id())).toList());
    return ResponseEntity.created(URI.create("/api/v1/public/status/" + ticket))
        .cacheControl(CacheControl.noStore())
        .body(
            new Submitted(
                ticket,
                // With its key: the citizen answers the survey on the status page with it.
                service.statusLink(doc.id(), ticket),
                state.status(),
                PublicStatusController.text(state.status()),
                state.receivedAt(),
                missing));
  }

  private List<FieldError> validate(Agency a, Submission s) {
    List<FieldError> errors = new ArrayList<>();
    if (s.description() == null || s.description().isBlank()) {
      errors.add(field("description", "description-required"));
    } else if (s.description().length() > MAX_DESCRIPTION) {
      errors.add(field("description", "description-too-long"));
    }
    if (s.name() != null && s.name().length() > MAX_NAME) {
      errors.add(field("name", "name-too-long"));
    }
    String whatsapp = blankToNull(s.whatsapp());
    if (whatsapp != null) {
      if (a.channels().whatsapp() == null) {
        errors.add(field("whatsapp", "whatsapp-unavailable"));
      } else if (!validPhone(whatsapp)) {
        errors.add(field("whatsapp", "whatsapp-invalid"));
      }
    }
    String email = blankToNull(s.email());
    if (email != null) {
      if (a.channels().mailboxes().isEmpty()) {
        errors.add(field("email", "email-unavailable"));
      } else if (email.length() > MAX_EMAIL || !EMAIL.matcher(email).matches()) {
        errors.add(field("email", "email-invalid"));
      }
    }
    String nik = blankToNull(s.nik());
    if (nik != null
        && (nik.length() > 30
            || nik.replaceAll("[ .\\-]", "").length() != 16
            || !nik.replaceAll("[ .\\-]", "").chars().allMatch(Character::isDigit))) {
      errors.add(field("nik", "nik-invalid"));
    }
    Agency.Web web = a.channels().web();
    if (Boolean.TRUE.equals(s.anonymous()) && !web.anonymous()) {
      errors.add(field("anonymous", "anonymous-not-allowed"));
    }
    if (Boolean.TRUE.equals(s.confidential()) && !web.confidential()) {
      errors.add(field("confidential", "confidential-not-allowed"));
    }
    return errors;
  }

  /** Keeps the uploads (typed by their bytes); a refused file is a field error of {@code files}. */
  private List<CaseState.FileInfo> keep(
      Agency a, @Nullable List<MultipartFile> uploads, @Nullable List<String> requirements) {
    if (uploads == null || uploads.isEmpty()) {
      return List.of();
    }
    List<String> labels =
        requirements == null
            ? List.of()
            : requirements.stream()
                .map(r -> r == null ? "" : r)
                .map(r -> documentRequirement(a, r) ? r : "")
                .toList();
    try {
      return deskFiles.keep(a, 0, uploads, labels, "web-form");
    } catch (CaseFiles.Refused e) {
      String reason = "file-" + e.reason().tag();
      throw refuse(
          a,
          new Refused(
              HttpStatus.BAD_REQUEST,
              "invalid-fields",
              List.of(new FieldError("files", reason, e.messageId(), e.messageEn())),
              0));
    }
  }

  /** A requirement a file may be labelled with (else the label is dropped, not refused). */
  private static boolean documentRequirement(Agency a, String id) {
    return a.rules().intake().stream()
        .anyMatch(
            r -> r.id().equals(id) && (r.kind().equals("document") || r.kind().equals("nik")));
  }

  /** Indonesian numbers: 08..., 628... or +628..., 10 to 15 digits in all. */
  private static boolean validPhone(String raw) {
    if (!PHONE.matcher(raw).matches()) {
      return false;
    }
    String digits = raw.replaceAll("\\D", "");
    if (digits.startsWith("0")) {
      digits = "62" + digits.substring(1);
    }
    return digits.startsWith("628") && digits.length() >= 10 && digits.length() <= 15;
  }

  private static FieldError field(String field, String reason) {
    Agency.Text text = MESSAGES.get(reason);
    return new FieldError(field, reason, text.id(), text.en());
  }

  private static List<Requirement> requirements(Agency a, List<Agency.Requirement> all) {
    return all.stream()
        .filter(r -> r.channels().isEmpty() || r.channels().contains(Channel.WEB.name()))
        .map(r -> new Requirement(r.id(), r.kind(), r.label(), r.caseTypes()))
        .toList();
  }

  private Agency agencyWithForm(String code) {
    Optional<Agency> a =
        code.length() > 10 ? Optional.empty() : agencies.byCode(code.toUpperCase(Locale.ROOT));
    if (a.isEmpty() || a.get().channels().web() == null) {
      refused(a.map(Agency::code).orElse("unknown"), "no-form");
      throw new Refused(HttpStatus.NOT_FOUND, "no-form");
    }
    return a.get();
  }

  private void limit(RateLimiter limiter, Agency a, HttpServletRequest request) {
    try {
      limiter.acquire(clients.of(request));
    } catch (RateLimiter.RateLimitedException e) {
      throw refuse(
          a,
          new Refused(
              HttpStatus.TOO_MANY_REQUESTS, "rate-limited", List.of(), e.retryAfterSeconds()));
    }
  }

  private Refused refuse(Agency a, Refused r) {
    if (r.errors.isEmpty()) {
      refused(a.code(), r.reason);
    } else {
      r.errors.forEach(e -> refused(a.code(), e.reason()));
    }
    return r;
  }

  private void refused(String agency, String reason) {
    meters.counter("aduan.cases.webform.refused", "agency", agency, "reason", reason).increment();
  }

  @ExceptionHandler
  ResponseEntity<ProblemDetail> refusal(Refused r) {
    Agency.Text text = MESSAGES.get(r.reason);
    ProblemDetail p = ProblemDetail.forStatusAndDetail(r.status, text.id());
    p.setType(
        switch (r.status) {
          case NOT_FOUND -> Problems.NOT_FOUND;
          case TOO_MANY_REQUESTS -> Problems.RATE_LIMITED;
          default -> Problems.INVALID;
        });
    p.setTitle("Complaint not accepted");
    p.setProperty("reason", r.reason);
    p.setProperty("detailEn", text.en());
    if (!r.errors.isEmpty()) {
      p.setProperty("errors", r.errors);
    }
    ResponseEntity.BodyBuilder response = ResponseEntity.status(r.status);
    if (r.retryAfter > 0) {
      response.header("Retry-After", Long.toString(r.retryAfter));
    }
    return response.body(p);
  }

  /** A body that is not the form's JSON: counted like every other refusal. */
  @ExceptionHandler
  ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
    refused("unknown", "invalid-body");
    return refusal(new Refused(HttpStatus.BAD_REQUEST, "invalid-body"));
  }

  private static @Nullable String blankToNull(@Nullable String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
