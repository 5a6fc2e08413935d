package id.aduan.cases.web;

import id.aduan.agency.Agency;
import id.aduan.cases.application.CaseService;
import id.aduan.cases.application.VersionedCase;
import id.aduan.cases.domain.Case;
import id.aduan.cases.domain.CaseState;
import id.aduan.cases.security.Caller;
import id.aduan.contracts.CaseEvent;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Files and originals at the desk, on an existing case (docs/adr/0052): an officer attaches scans
 * (kept in the case service's own store, typed by their bytes), records which originals the citizen
 * showed and took back, and uploads a field investigation's photos with it. Each is a timeline
 * entry; the first two run the completeness check again, so a case waiting for a KK goes on. The
 * case's version comes as {@code If-Match} (412 when it moved on) or as {@code version} (409).
 */
@RestController
@RequestMapping("/api/v1/cases/{ticket}")
class CaseFilesController {

  private final CaseService service;
  private final Officer officer;
  private final DeskFiles deskFiles;
  private final Clock clock;

  CaseFilesController(CaseService service, Officer officer, DeskFiles deskFiles, Clock clock) {
    this.service = service;
    this.officer = officer;
    this.deskFiles = deskFiles;
    this.clock = clock;
  }

  /**
   * Attaches files: parts {@code files}, the i-th part {@code requirements} the requirement the
   * i-th file satisfies (empty for none), {@code version} unless {@code If-Match} is sent.
   */
  @PostMapping(path = "/files", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  CaseView attach(
      @PathVariable String ticket,
      @RequestPart(name = "files", required = false) @Nullable List<MultipartFile> files,
      @RequestParam(name = "requirements", required = false) @Nullable List<String> requirements,
      @RequestParam(name = "version", required = false) @PositiveOrZero @Nullable Long version,
      Principal p) {
    Checked checked = checked(p, ticket, "attach-files");
    List<CaseState.FileInfo> kept =
        deskFiles.keep(
            checked.agency(),
            checked.doc().state().caseFileCount(),
            files,
            requirements,
            "officer");
    if (kept.isEmpty()) {
      throw new IllegalArgumentException(
          "berkas wajib dilampirkan / at least one file is required");
    }
    return act(
        checked,
        version,
        "attach-files",
        (c, a) -> c.attachFiles(a, kept, p.getName(), now(), today(a)));
  }

  record Presented(
      @PositiveOrZero @Nullable Long version,
      @NotEmpty @Size(max = 20) List<@NotBlank @Size(max = 60) String> requirements) {}

  /** The originals of these requirements were shown at the desk and handed back. */
  @PostMapping("/presented")
  CaseView presented(@PathVariable String ticket, @Valid @RequestBody Presented body, Principal p) {
    Checked checked = checked(p, ticket, "presented-at-desk");
    return act(
        checked,
        body.version(),
        "presented-at-desk",
        (c, a) -> c.presentedAtDesk(a, body.requirements(), p.getName(), now(), today(a)));
  }

  /**
   * A field investigation with photos uploaded with it: the part {@code investigation} is the JSON
   * body of the plain action ({@code date}, {@code officers}, {@code findings}, {@code photos} of
   * files already on the case, {@code version}), each part {@code photos} a new photo.
   */
  @PostMapping(path = "/field-investigations", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  CaseView fieldInvestigation(
      @PathVariable String ticket,
      @Valid @RequestPart("investigation") CaseActionsController.FieldInvestigationBody body,
      @RequestPart(name = "photos", required = false) @Nullable List<MultipartFile> photos,
      Principal p) {
    Checked checked = checked(p, ticket, "field-investigation");
    // Refused before any photo is kept where the agency names no field investigation.
    if (!checked.agency().rules().handling().fieldInvestigation()) {
      return act(
          checked,
          body.version(),
          "field-investigation",
          (c, a) -> c.recordFieldInvestigation(a, visit(body), p.getName(), now(), today(a)));
    }
    List<CaseState.FileInfo> kept =
        deskFiles.keep(
            checked.agency(),
            checked.doc().state().caseFileCount(),
            photos,
            null,
            "field-investigation");
    return act(
        checked,
        body.version(),
        "field-investigation",
        (c, a) -> c.recordFieldInvestigation(a, visit(body), kept, p.getName(), now(), today(a)));
  }

  private static Case.FieldInvestigation visit(CaseActionsController.FieldInvestigationBody b) {
    return new Case.FieldInvestigation(b.date(), b.officers(), b.findings(), b.photos());
  }

  private record Checked(Caller caller, Agency agency, VersionedCase doc) {}

  /** The caller may take the action on a case they see; {@code If-Match} names its version. */
  private Checked checked(Principal principal, String ticket, String action) {
    Caller caller = officer.allowed(principal, action);
    VersionedCase doc = officer.visible(caller, ticket);
    IfMatch.check(doc);
    return new Checked(caller, officer.agencyOf(caller), doc);
  }

  private CaseView act(
      Checked checked,
      @Nullable Long version,
      String action,
      BiFunction<Case, Agency, List<CaseEvent>> change) {
    // Without a version in the body, the If-Match header (checked against the version read).
    if (version == null && !IfMatch.sent()) {
      throw new IllegalArgumentException(
          "sertakan versi aduan (If-Match atau version) / send the case's version (If-Match or"
              + " version)");
    }
    Long expected = version != null ? version : checked.doc().version();
    return CaseView.of(
        service
            .act(
                checked.agency(),
                checked.doc().state().ticket(),
                expected,
                action,
                (c, d) -> change.apply(c, checked.agency()))
            .versioned(),
        checked.agency());
  }

  private Instant now() {
    return clock.instant();
  }

  private LocalDate today(Agency agency) {
    return LocalDate.ofInstant(now(), agency.timeZone());
  }
}
