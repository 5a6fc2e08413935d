package id.aduan.cases.application;

import id.aduan.cases.persistence.CaseDocument;
import id.aduan.contracts.Channel;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the use cases need of the store of cases: single-document reads and atomic writes guarded by
 * the case's version. {@link id.aduan.cases.persistence.Cases} keeps them in MongoDB; the
 * application's tests keep them in memory.
 */
public interface CaseRepository {

  Optional<CaseDocument> byId(String id);

  Optional<CaseDocument> byTicket(String ticket);

  /** The agency's case holding a message with this provider id on this channel (a redelivery). */
  Optional<CaseDocument> holdingMessage(
      String agencyCode, Channel channel, String providerMessageId);

  /** The agency's case holding any of these provider message ids (what a reply refers to). */
  Optional<CaseDocument> holdingAnyMessage(String agencyCode, List<String> providerIds);

  /** The citizen's most recent case in the agency that is still open. */
  Optional<CaseDocument> latestOpenOfCitizen(String agencyCode, String citizenKey);

  /**
   * The citizen's open cases in the agency, the most recently written to first, at most {@code
   * limit} (a status answer lists them, docs/adr/0053).
   */
  default List<CaseDocument> openOfCitizen(String agencyCode, String citizenKey, int limit) {
    return latestOpenOfCitizen(agencyCode, citizenKey).stream().toList();
  }

  /** The citizen's most recently resolved case in the agency (whose survey a rating may answer). */
  Optional<CaseDocument> latestResolvedOfCitizen(String agencyCode, String citizenKey);

  /** Open cases of the agency received since {@code since} (duplicate candidates), newest first. */
  List<CaseDocument> openSince(String agencyCode, Instant since, int limit);

  /**
   * The duplicate candidates of a new case: the open cases of the agency received since {@code
   * since} that share one of its duplicate keys ({@code Duplicates.keys}), and those stored before
   * cases had such keys, newest first. Without an index on the keys, every open case since then.
   */
  default List<CaseDocument> duplicateCandidates(
      String agencyCode, Instant since, List<String> dupKeys, int limit) {
    return openSince(agencyCode, since, limit);
  }

  /** Inserts a new case; false when a case with this id exists already. */
  boolean insert(CaseDocument doc);

  /**
   * Writes a changed case if nobody else changed it since it was read (its version); throws {@link
   * org.springframework.dao.OptimisticLockingFailureException} otherwise.
   */
  CaseDocument save(CaseDocument doc);
}
