package id.aduan.cases.web;

import id.aduan.agency.Agency;
import id.aduan.agency.AgencyCatalog;
import id.aduan.cases.persistence.Officers;
import java.security.Principal;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/** The calling officer's agency: every query and action is scoped to it. */
@Component
class Officer {

  private final Officers officers;
  private final AgencyCatalog agencies;

  Officer(Officers officers, AgencyCatalog agencies) {
    this.officers = officers;
    this.agencies = agencies;
  }

  Agency agencyOf(Principal principal) {
    Officers.Officer officer =
        officers
            .byUsername(principal.getName())
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
    return agencies
        .byCode(officer.agencyCode())
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
  }
}
