package id.aduan.cases.web;

import id.aduan.agency.Agency;
import id.aduan.cases.persistence.Cases;
import id.aduan.cases.pii.PiiText;
import id.aduan.cases.security.Caller;
import id.aduan.cases.security.ForbiddenException;
import id.aduan.contracts.CaseStatus;
import id.aduan.contracts.Channel;
import id.aduan.support.pii.PiiCipher;
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

  Cases.Filter of(
      Caller caller,
      Agency agency,
      @Nullable List<CaseStatus> status,
      @Nullable String division,
      @Nullable String slaState,
      @Nullable Channel channel,
      @Nullable Instant receivedFrom,
      @Nullable Instant receivedTo,
      @Nullable String assignee,
      @Nullable String q,
      boolean unsure,
      @Nullable String nik,
      @Nullable String phone) {
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
        status == null ? List.of() : status,
        division,
        slaState,
        clocks,
        channel,
        receivedFrom,
        receivedTo,
        assignee,
        q,
        lookups,
        unsure);
  }
}
