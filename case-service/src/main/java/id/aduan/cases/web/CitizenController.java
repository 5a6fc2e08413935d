package id.aduan.cases.web;

import id.aduan.agency.Agency;
import id.aduan.cases.application.CaseNotFoundException;
import id.aduan.cases.application.VersionedCase;
import id.aduan.cases.persistence.Citizens;
import id.aduan.cases.pii.PersonalDataAudit;
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
 * Citizen profiles (one per channel identity and agency) and merging the profiles of one person who
 * wrote on several channels. Only keyed identity hashes are involved, and none is returned: the
 * view says which kind of key two profiles share (NIK, phone), never its value or hash; a profile's
 * id is random. An officer sees and merges only profiles of their agency, and every read of a
 * profile is audited ({@code pii_access}, docs/adr/0025).
 */
@RestController
class CitizenController {

  private final Citizens citizens;
  private final Officer officer;
  private final PersonalDataAudit audit;

  CitizenController(Citizens citizens, Officer officer, PersonalDataAudit audit) {
    this.citizens = citizens;
    this.officer = officer;
    this.audit = audit;
  }

  record Candidate(String profileId, Channel channel, String personId, List<String> shared) {}

  record ProfileView(
      String profileId, Channel channel, String personId, List<Candidate> mergeCandidates) {}

  record Merge(@Size(min = 2, max = 20) List<@NotBlank String> profileIds) {}

  record Merged(String personId, long changed) {}

  /**
   * The profile of the citizen who opened the case, and the agency's profiles that share a NIK or
   * phone with it.
   */
  @GetMapping("/api/v1/cases/{ticket}/citizen")
  ProfileView citizenOf(@PathVariable String ticket, Principal principal) {
    Caller caller = officer.allowed(principal, "read-citizen-profile");
    VersionedCase doc = officer.visible(caller, ticket);
    if (doc.state().citizenKey() == null || doc.state().anonymous()) {
      throw new CaseNotFoundException(ticket);
    }
    Citizens.Profile profile =
        citizens.byCitizenKey(doc.state().agencyCode(), doc.state().citizenKey());
    if (profile == null) {
      throw new CaseNotFoundException(ticket);
    }
    List<Candidate> candidates =
        citizens.mergeCandidates(profile).stream()
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
    // Audited before anything is returned: a failed audit write returns nothing.
    audit.record(
        caller.username(),
        caller.role().name(),
        caller.agencyCode(),
        ticket,
        List.of("citizenProfile"),
        "read-citizen-profile");
    return new ProfileView(profile.id(), profile.channel(), profile.personId(), candidates);
  }

  /** Makes the profiles one person; each must be a profile of the officer's agency. */
  @PostMapping("/api/v1/citizens/merge")
  Merged merge(@Valid @RequestBody Merge body, Principal principal) {
    Agency agency = officer.agencyOf(officer.allowed(principal, "merge-citizens"));
    for (String id : body.profileIds()) {
      if (citizens.byId(agency.code(), id) == null) {
        throw new IllegalArgumentException(
            "no citizen profile " + id + " on a case of " + agency.code());
      }
    }
    long changed = citizens.merge(agency.code(), body.profileIds());
    Citizens.Profile first = citizens.byId(agency.code(), body.profileIds().getFirst());
    return new Merged(first == null ? "" : first.personId(), changed);
  }
}
