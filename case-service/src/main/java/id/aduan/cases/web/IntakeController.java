package id.aduan.cases.web;

import id.aduan.agency.Agency;
import id.aduan.cases.application.CaseService;
import id.aduan.cases.application.VersionedCase;
import id.aduan.cases.domain.Case;
import id.aduan.cases.domain.CaseState;
import id.aduan.cases.security.Caller;
import id.aduan.contracts.CaseType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Front-desk intake: an officer registers a walk-in, letter, complaint-box slip or phone call, with
 * the content a written complaint must have under the Buton and Pasuruan standards (name and
 * address, the service failure and the loss, the remedy requested, place and time, signed or not).
 * What is missing is not refused: the case opens and waits for it, as any other. {@code reference}
 * (e.g. the letter's number) makes a repeated submission return the first case. {@code anonymous}:
 * the reporter asked not to be identified (an unsigned complaint-box slip, say); their identity is
 * then never shown to a division. Front office (verifier) and admin only. The citizen's scans (KK,
 * KTP) come as {@code multipart/form-data} with the same JSON (docs/adr/0052).
 */
@RestController
class IntakeController {

  private final CaseService service;
  private final Officer officer;
  private final DeskFiles deskFiles;

  IntakeController(CaseService service, Officer officer, DeskFiles deskFiles) {
    this.service = service;
    this.officer = officer;
    this.deskFiles = deskFiles;
  }

  record Intake(
      @NotBlank @Size(max = 100) String reference,
      @NotBlank @Pattern(regexp = "walk-in|letter|complaint-box|phone") String mode,
      @NotNull @PastOrPresent Instant receivedAt,
      @Nullable CaseType caseType,
      @Nullable @Size(max = 200) String name,
      @Nullable @Size(max = 500) String address,
      @Nullable @Pattern(regexp = "\\+?[0-9 \\-]{8,20}") String phone,
      @Nullable @Size(max = 200) @jakarta.validation.constraints.Email String email,
      @Nullable @Pattern(regexp = "[0-9 .\\-]{1,30}") String nik,
      @NotBlank @Size(max = 8000) String description,
      @Nullable @Size(max = 4000) String loss,
      @Nullable @Size(max = 4000) String remedy,
      @Nullable @Size(max = 500) String placeAndTime,
      @Nullable Boolean signed,
      @Nullable Boolean anonymous,
      @Nullable Boolean confidential,
      @Nullable @Size(max = 20) List<@NotBlank @Size(max = 60) String> presented) {}

  @PostMapping("/api/v1/intake")
  ResponseEntity<CaseView> intake(@Valid @RequestBody Intake body, Principal principal) {
    return intake(body, null, null, principal);
  }

  /**
   * The same intake with the scans the citizen brought (docs/adr/0052): the part {@code intake} is
   * the JSON body above ({@code application/json}), each part {@code files} a file, and the i-th
   * part {@code requirements} the requirement id the i-th file satisfies ({@code kk}, {@code ktp};
   * empty for none). Files are typed by their bytes and kept in the case service's own store; they
   * count in the first completeness check, with the requirements in {@code presented} (originals
   * shown and handed back).
   */
  @PostMapping(path = "/api/v1/intake", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<CaseView> intakeWithFiles(
      @Valid @RequestPart("intake") Intake body,
      @RequestPart(name = "files", required = false) @Nullable List<MultipartFile> files,
      @RequestParam(name = "requirements", required = false) @Nullable List<String> requirements,
      Principal principal) {
    return intake(body, files, requirements, principal);
  }

  private ResponseEntity<CaseView> intake(
      Intake body,
      @Nullable List<MultipartFile> files,
      @Nullable List<String> requirements,
      Principal principal) {
    Caller caller = officer.allowed(principal, "intake");
    Agency agency = officer.agencyOf(caller);
    List<String> presented = body.presented() == null ? List.of() : body.presented();
    Case.checkDeskRequirements(agency, presented);
    List<CaseState.FileInfo> kept = deskFiles.keep(agency, 0, files, requirements, "intake");
    VersionedCase doc =
        service
            .intake(
                new CaseService.FrontDeskIntake(
                    body.reference(),
                    body.mode(),
                    body.receivedAt(),
                    body.caseType(),
                    body.name(),
                    body.address(),
                    body.phone(),
                    body.email(),
                    body.nik(),
                    body.description(),
                    body.loss(),
                    body.remedy(),
                    body.placeAndTime(),
                    Boolean.TRUE.equals(body.signed()),
                    Boolean.TRUE.equals(body.anonymous()),
                    Boolean.TRUE.equals(body.confidential())),
                kept,
                presented,
                agency,
                caller.username())
            .versioned();
    return ResponseEntity.created(URI.create("/api/v1/cases/" + doc.state().ticket()))
        .body(CaseView.of(doc, agency));
  }
}
