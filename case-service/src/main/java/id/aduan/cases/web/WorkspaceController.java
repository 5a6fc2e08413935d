package id.aduan.cases.web;

import id.aduan.agency.Agency;
import id.aduan.cases.domain.Case;
import id.aduan.cases.persistence.Officers;
import id.aduan.cases.security.Caller;
import id.aduan.contracts.CaseType;
import java.security.Principal;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the officer UI needs to know about the signed-in officer and their agency ({@code GET
 * /api/v1/workspace}): who they are, their role and division, and the agency's own vocabulary
 * (divisions, front-desk modes, SLA classes, intake requirements, PPID steps), so every form offers
 * exactly what the agency file allows. Nothing here is personal data of citizens.
 */
@RestController
class WorkspaceController {

  private final Officers officers;
  private final Officer officer;

  WorkspaceController(Officers officers, Officer officer) {
    this.officers = officers;
    this.officer = officer;
  }

  record Label(String code, String id, String en) {}

  record AgencyView(String code, String name, String timeZone) {}

  record Workspace(
      String username,
      String displayName,
      String role,
      @Nullable String division,
      AgencyView agency,
      List<Label> divisions,
      List<String> frontDesk,
      List<String> caseTypes,
      List<Label> slaClasses,
      List<Label> requirements,
      List<String> rejectionCodes,
      List<String> ppidSteps) {}

  @GetMapping("/api/v1/workspace")
  Workspace workspace(Principal principal) {
    // The caller as every endpoint sees them: the local account, or the token in oidc mode.
    Caller c = officer.caller(principal);
    Agency a = officer.agencyOf(c);
    Agency.Rules rules = a.rules();
    return new Workspace(
        c.username(),
        displayName(c, principal),
        c.role().name(),
        c.division(),
        new AgencyView(a.code(), a.name(), a.timeZone().getId()),
        rules.divisions().stream().map(d -> new Label(d.code(), d.name(), d.name())).toList(),
        a.channels().frontDesk(),
        Arrays.stream(CaseType.values()).map(Enum::name).toList(),
        rules.slaClasses().stream()
            .map(s -> new Label(s.code(), s.name().id(), s.name().en()))
            .toList(),
        rules.intake().stream()
            .map(r -> new Label(r.id(), r.label().id(), r.label().en()))
            .distinct()
            .toList(),
        Case.REJECTION_CODES.stream().sorted().toList(),
        rules.ppid().steps());
  }

  /** The local account's name, else the token's {@code name} claim, else the username. */
  private String displayName(Caller c, Principal principal) {
    return officers
        .byUsername(c.username())
        .map(Officers.Officer::displayName)
        .or(
            () ->
                principal instanceof JwtAuthenticationToken token
                    ? Optional.ofNullable(token.getToken().getClaimAsString("name"))
                    : Optional.empty())
        .orElse(c.username());
  }
}
