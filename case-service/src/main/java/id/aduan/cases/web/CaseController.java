package id.aduan.cases.web;

import id.aduan.cases.persistence.CaseDocument;
import id.aduan.cases.persistence.Cases;
import id.aduan.cases.persistence.Officers;
import java.security.Principal;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The officer API over cases ({@code /api/v1/cases}). */
@RestController
@RequestMapping("/api/v1/cases")
class CaseController {

  private final Cases cases;
  private final Officers officers;

  CaseController(Cases cases, Officers officers) {
    this.cases = cases;
    this.officers = officers;
  }

  /** One case; officers of other agencies get 404, as if it did not exist. */
  @GetMapping("/{ticket}")
  CaseView byTicket(@PathVariable String ticket, Principal principal) {
    Officers.Officer officer =
        officers
            .byUsername(principal.getName())
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
    CaseDocument doc =
        cases
            .byTicket(ticket)
            .filter(c -> c.agencyCode().equals(officer.agencyCode()))
            .orElseThrow(
                () -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no case " + ticket));
    return CaseView.of(doc);
  }
}
