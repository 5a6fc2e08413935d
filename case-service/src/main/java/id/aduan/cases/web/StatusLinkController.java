package id.aduan.cases.web;

import id.aduan.cases.application.CaseService;
import id.aduan.cases.application.VersionedCase;
import id.aduan.cases.security.Caller;
import jakarta.validation.constraints.Pattern;
import java.security.Principal;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The status link of a case for its reporter (docs/adr/0053): the public status page with the key
 * that lets its holder answer the case's satisfaction survey there once. The front desk prints it
 * on the receipt of a walk-in, letter or phone complaint whose citizen has no channel to answer a
 * survey on; any officer who may read the case may hand it on.
 */
@RestController
@Validated
class StatusLinkController {

  private final Officer officer;
  private final CaseService service;

  StatusLinkController(Officer officer, CaseService service) {
    this.officer = officer;
    this.service = service;
  }

  record StatusLink(String ticket, String link) {}

  @GetMapping("/api/v1/cases/{ticket}/status-link")
  ResponseEntity<StatusLink> statusLink(
      @PathVariable @Pattern(regexp = CaseController.TICKET) String ticket, Principal principal) {
    Caller caller = officer.allowed(principal, "read");
    VersionedCase doc = officer.visible(caller, ticket);
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .body(
            new StatusLink(
                doc.state().ticket(), service.statusLink(doc.id(), doc.state().ticket())));
  }
}
