package id.aduan.cases.web;

import id.aduan.agency.Agency;
import id.aduan.cases.application.CaseNotFoundException;
import id.aduan.cases.persistence.CaseDocument;
import id.aduan.cases.persistence.Cases;
import id.aduan.cases.persistence.Citizens;
import id.aduan.cases.security.Caller;
import id.aduan.contracts.Channel;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.security.Principal;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Citizen profiles (one per channel identity) and merging the profiles of one person who wrote on
 * several channels. Only hashed identity keys are involved: the view says which kind of key two
 * profiles share (NIK, phone), never its value. An officer handles profiles of their agency's
 * cases.
 */
@RestController
class CitizenController {

  private final Cases cases;
  private final Citizens citizens;
  private final Officer officer;

  CitizenController(Cases cases, Citizens citizens, Officer officer) {
    this.cases = cases;
    this.citizens = citizens;
    this.officer = officer;
  }

  record Candidate(String profileId, Channel channel, String personId, List<String> shared) {}

  record ProfileView(
      String profileId, Channel channel, String personId, List<Candidate> mergeCandidates) {}

  record Merge(@Size(min = 2, max = 20) List<@NotBlank String> profileIds) {}

  record Merged(String personId, long changed) {}

  /** The profile of the citizen who opened the case, and the profiles that share a NIK or phone. */
  @GetMapping("/api/v1/cases/{ticket}/citizen")
  ProfileView citizenOf(@PathVariable String ticket, Principal principal) {
    Caller caller = officer.allowed(principal, "read-citizen-profile");
    CaseDocument doc = officer.visible(caller, ticket);
    if (doc.citizenKey() == null || doc.anonymous()) {
      throw new CaseNotFoundException(ticket);
    }
    Citizens.Profile profile = citizens.byKey(doc.citizenKey());
    if (profile == null) {
      throw new CaseNotFoundException(ticket);
    }
    List<Candidate> candidates =
        citizens.mergeCandidates(profile.id()).stream()
            .map(
                p ->
                    new Candidate(
                        p.id(),
                        p.channel(),
                        p.personId(),
                        p.identityKeys().stream()
                            .filter(profile.identityKeys()::contains)
                            .map(k -> k.substring(0, k.indexOf(':')))
                            .distinct()
                            .toList()))
            .toList();
    return new ProfileView(profile.id(), profile.channel(), profile.personId(), candidates);
  }

  /** Makes the profiles one person; each must belong to a case of the officer's agency. */
  @PostMapping("/api/v1/citizens/merge")
  Merged merge(@Valid @RequestBody Merge body, Principal principal) {
    Agency agency = officer.agencyOf(officer.allowed(principal, "merge-citizens"));
    for (String id : body.profileIds()) {
      Citizens.Profile p = citizens.byKey(id);
      boolean ours =
          p != null
              && p.caseIds().stream()
                  .map(cases::byId)
                  .anyMatch(c -> c.map(d -> d.agencyCode().equals(agency.code())).orElse(false));
      if (!ours) {
        throw new IllegalArgumentException(
            "no citizen profile " + id + " on a case of " + agency.code());
      }
    }
    long changed = citizens.merge(body.profileIds());
    return new Merged(citizens.byKey(body.profileIds().getFirst()).personId(), changed);
  }
}
