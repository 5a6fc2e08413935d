package id.aduan.cases.web;

import id.aduan.agency.Agency;
import id.aduan.cases.domain.Case;
import id.aduan.cases.security.Caller;
import id.aduan.cases.security.Callers;
import id.aduan.contracts.CaseType;
import java.security.Principal;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the officer UI needs to know about the signed-in officer and their agency ({@code GET
 * /api/v1/workspace}): who they are, their role and division, and the agency's own vocabulary
 * (divisions, front-desk modes, SLA classes, intake requirements and those a file or an original
 * shown at the desk satisfies, PPID steps), so every form offers exactly what the agency file
 * allows. Nothing here is personal data of citizens.
 */
@RestController
class WorkspaceController {

  private final Officer officer;
  private final Callers callers;

  WorkspaceController(Officer officer, Callers callers) {
    this.officer = officer;
    this.callers = callers;
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
      List<String> ppidSteps,
      List<Label> documentRequirements) {}

  @GetMapping("/api/v1/workspace")
  Workspace workspace(Principal principal) {
    Caller o = officer.caller(principal);
    Agency a = officer.agencyOf(o);
    Agency.Rules rules = a.rules();
    return new Workspace(
        o.username(),
        callers.displayName(principal),
        o.role().name(),
        o.division(),
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
        rules.ppid().steps(),
        // What a file or an original shown at the desk can satisfy (docs/adr/0052).
        rules.intake().stream()
            .filter(r -> r.kind().equals("document") || r.kind().equals("nik"))
            .map(r -> new Label(r.id(), r.label().id(), r.label().en()))
            .distinct()
            .toList());
  }
}
