package id.aduan.notification.application;

import id.aduan.contracts.CaseEvent;
import id.aduan.contracts.SlaEvent;
import id.aduan.notification.domain.CaseView;
import java.util.List;
import java.util.Optional;

/**
 * This service's read model of cases: every event sets only the fields it is about, so case and SLA
 * events may arrive in any order and a redelivery changes nothing.
 */
public interface CaseViewStore {

  /** Applies the event and returns the case as it is after it (one round trip, issue 20). */
  CaseView apply(CaseEvent event);

  /** Applies the event and returns the case as it is after it (one round trip, issue 20). */
  CaseView apply(SlaEvent event);

  Optional<CaseView> byId(String caseId);

  /** Every case of an agency (the daily digest). */
  List<CaseView> ofAgency(String agencyCode);
}
