package id.aduan.cases.web;

import id.aduan.agency.Agency;
import id.aduan.cases.application.CaseService;
import id.aduan.cases.application.VersionedCase;
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
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Front-desk intake: an officer registers a walk-in, letter, complaint-box slip or phone call, with
 * the content a written complaint must have under the Buton and Pasuruan standards (name and
 * address, the service failure and the loss, the remedy requested, place and time, signed or not).
 * What is missing is not refused: the case opens and waits for it, as any other. {@code reference}
 * (e.g. the letter's number) makes a repeated submission return the first case. {@code anonymous}:
 * the reporter asked not to be identified (an unsigned complaint-box slip, say); their identity is
 * then never shown to a division. Front office (verifier) and admin only.
 */
@RestController
class IntakeController {

  private final CaseService service;
  private final Officer officer;

  IntakeController(CaseService service, Officer officer) {
    this.service = service;
    this.officer = officer;
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
      @Nullable Boolean confidential) {}

  @PostMapping("/api/v1/intake")
  ResponseEntity<CaseView> intake(@Valid @RequestBody Intake body, Principal principal) {
    Caller caller = officer.allowed(principal, "intake");
    Agency agency = officer.agencyOf(caller);
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
                agency,
                caller.username())
            .versioned();
    return ResponseEntity.created(URI.create("/api/v1/cases/" + doc.state().ticket()))
        .body(CaseView.of(doc, agency));
  }
}
