package id.aduan.cases.web;

import id.aduan.agency.Agency;
import id.aduan.agency.AgencyCatalog;
import id.aduan.cases.application.CaseNotFoundException;
import id.aduan.cases.application.VersionedCase;
import id.aduan.cases.persistence.CaseDocument;
import id.aduan.cases.persistence.Cases;
import id.aduan.cases.security.Caller;
import id.aduan.cases.security.Callers;
import id.aduan.cases.security.ForbiddenException;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.Principal;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * The calling officer: their agency, role and division. Every query and action is scoped by it:
 * another agency's case, or another division's for a division officer, does not exist for them
 * (404, the same answer as for a ticket nobody has), and an action their role does not allow is
 * 403.
 */
@Component
class Officer {

  private final Callers callers;
  private final AgencyCatalog agencies;
  private final Cases cases;
  private final MeterRegistry meters;

  Officer(Callers callers, AgencyCatalog agencies, Cases cases, MeterRegistry meters) {
    this.callers = callers;
    this.agencies = agencies;
    this.cases = cases;
    this.meters = meters;
  }

  /** Refusals by reason ({@code role}: 403; {@code scope}: not visible, 404); low cardinality. */
  private void refused(Caller caller, String reason) {
    meters
        .counter("aduan.cases.access.refused", "agency", caller.agencyCode(), "reason", reason)
        .increment();
  }

  Caller caller(Principal principal) {
    Authentication auth =
        principal instanceof Authentication a
            ? a
            : SecurityContextHolder.getContext().getAuthentication();
    return callers
        .of(auth)
        .filter(c -> agencies.byCode(c.agencyCode()).isPresent())
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN, "not an officer"));
  }

  /** The caller, refused unless their role allows the action. */
  Caller allowed(Principal principal, String action) {
    Caller c = caller(principal);
    if (!c.may(action)) {
      refused(c, "role");
      throw new ForbiddenException(action, c.role());
    }
    return c;
  }

  Agency agencyOf(Principal principal) {
    return agencyOf(caller(principal));
  }

  Agency agencyOf(Caller caller) {
    return agencies
        .byCode(caller.agencyCode())
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
  }

  static Cases.Scope scope(Caller caller) {
    return new Cases.Scope(caller.agencyCode(), caller.divisionScope());
  }

  /** The case if the caller may see it (agency and division, in the query); else not found. */
  VersionedCase visible(Caller caller, String ticket) {
    return cases
        .visible(scope(caller), ticket)
        .map(CaseDocument::versioned)
        .orElseThrow(
            () -> {
              refused(caller, "scope");
              return new CaseNotFoundException(ticket);
            });
  }
}
