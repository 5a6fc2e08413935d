package id.aduan.cases.web;

import id.aduan.agency.Agency;
import id.aduan.cases.persistence.Cases;
import id.aduan.cases.pii.PiiText;
import id.aduan.cases.security.Caller;
import id.aduan.cases.security.ForbiddenException;
import id.aduan.contracts.CaseStatus;
import id.aduan.contracts.Channel;
import id.aduan.support.pii.PiiCipher;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The officer list's filters ({@code GET /api/v1/cases}) as one query, shared by the list and its
 * CSV export so that both find the same cases: NIK and phone by keyed hash, and only for the roles
 * that may read personal data; SLA state over the agency's clocks.
 */
@Component
class CaseFilters {

  private final PiiCipher cipher;

  CaseFilters(PiiCipher cipher) {
    this.cipher = cipher;
  }

  /**
   * The list's filters as the request gives them (query parameters bound by name), validated before
   * any query: one shape for the list and its export.
   */
  record Query(
      @Nullable List<CaseStatus> status,
      @Nullable @Pattern(regexp = "[A-Z0-9_]{1,40}") String division,
      @Nullable @Pattern(regexp = "RUNNING|PAUSED|WARNING|BREACHED|MET|STOPPED_LATE")
          String slaState,
      @Nullable Channel channel,
      @Nullable @Pattern(regexp = "[A-Z]{2,10}") String agency,
      @Nullable Instant receivedFrom,
      @Nullable Instant receivedTo,
      @Nullable @Size(max = 100) String assignee,
      @Nullable
          @Size(max = 200)
          @Pattern(regexp = "[^\\p{Cntrl}]*", message = "must not contain control characters")
          String q,
      @Nullable Boolean unsure,
      @Nullable @Pattern(regexp = "[0-9 .\\-]{16,19}") String nik,
      @Nullable @Pattern(regexp = "\\+?[0-9 \\-]{8,20}") String phone) {

    /** Whether it names another agency than the caller's, whose cases do not exist for them. */
    boolean otherAgencyThan(Caller caller) {
      return agency != null && !agency.equals(caller.agencyCode());
    }
  }

  Cases.Filter of(Caller caller, Agency agency, Query query) {
    String nik = query.nik();
    String phone = query.phone();
    List<String> lookups = new ArrayList<>();
    if (nik != null) {
      lookups.add(cipher.lookup("nik", PiiText.normalizeNik(nik)));
    }
    if (phone != null) {
      lookups.add(cipher.lookup("phone", PiiText.normalizePhone(phone)));
    }
    if ((nik != null || phone != null) && !caller.may("read-personal-data")) {
      throw new ForbiddenException("search by personal data", caller.role());
    }
    List<String> clocks =
        agency.rules().slaClasses().stream()
            .flatMap(c -> c.stages().stream())
            .map(s -> s.name())
            .distinct()
            .toList();
    return new Cases.Filter(
        query.status() == null ? List.of() : query.status(),
        query.division(),
        query.slaState(),
        clocks,
        query.channel(),
        query.receivedFrom(),
        query.receivedTo(),
        query.assignee(),
        query.q(),
        lookups,
        Boolean.TRUE.equals(query.unsure()));
  }
}
