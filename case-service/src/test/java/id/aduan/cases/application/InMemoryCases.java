package id.aduan.cases.application;

import id.aduan.cases.persistence.CaseDocument;
import id.aduan.contracts.CaseStatus;
import id.aduan.contracts.Channel;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * {@link CaseRepository} in a map, with the version check of the real store: the application's
 * tests run on it without a database or a broker.
 */
final class InMemoryCases implements CaseRepository {

  private static final Set<CaseStatus> CLOSED =
      EnumSet.of(CaseStatus.RESOLVED, CaseStatus.ARCHIVED, CaseStatus.REJECTED, CaseStatus.MERGED);

  private final Map<String, CaseDocument> byId = new LinkedHashMap<>();

  private Stream<CaseDocument> of(String agencyCode) {
    return byId.values().stream().filter(d -> d.state().agencyCode().equals(agencyCode));
  }

  @Override
  public synchronized Optional<CaseDocument> byId(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  @Override
  public synchronized Optional<CaseDocument> byTicket(String ticket) {
    return byId.values().stream().filter(d -> d.state().ticket().equals(ticket)).findFirst();
  }

  @Override
  public synchronized Optional<CaseDocument> holdingMessage(
      String agencyCode, Channel channel, String providerMessageId) {
    return of(agencyCode)
        .filter(
            d ->
                d.state().messages().stream()
                    .anyMatch(
                        m ->
                            m.channel() == channel
                                && providerMessageId.equals(m.providerMessageId())))
        .findFirst();
  }

  @Override
  public synchronized Optional<CaseDocument> holdingAnyMessage(
      String agencyCode, List<String> providerIds) {
    return of(agencyCode)
        .filter(
            d ->
                d.state().messages().stream()
                    .anyMatch(m -> providerIds.contains(m.providerMessageId())))
        .findFirst();
  }

  @Override
  public synchronized Optional<CaseDocument> latestOpenOfCitizen(
      String agencyCode, String citizenKey) {
    return of(agencyCode)
        .filter(d -> citizenKey.equals(d.state().citizenKey()))
        .filter(d -> !CLOSED.contains(d.state().status()))
        .max(
            Comparator.comparing(
                (CaseDocument d) -> d.state().lastCitizenMessageAt(),
                Comparator.nullsFirst(Comparator.naturalOrder())));
  }

  @Override
  public synchronized List<CaseDocument> openOfCitizen(
      String agencyCode, String citizenKey, int limit) {
    return of(agencyCode)
        .filter(d -> citizenKey.equals(d.state().citizenKey()))
        .filter(d -> !CLOSED.contains(d.state().status()))
        .sorted(
            Comparator.comparing(
                    (CaseDocument d) -> d.state().lastCitizenMessageAt(),
                    Comparator.nullsFirst(Comparator.naturalOrder()))
                .reversed())
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized Optional<CaseDocument> latestResolvedOfCitizen(
      String agencyCode, String citizenKey) {
    return of(agencyCode)
        .filter(d -> citizenKey.equals(d.state().citizenKey()))
        .filter(
            d ->
                d.state().status() == CaseStatus.RESOLVED
                    || d.state().status() == CaseStatus.ARCHIVED)
        .max(Comparator.comparing((CaseDocument d) -> d.state().openedAt()));
  }

  @Override
  public synchronized List<CaseDocument> openSince(String agencyCode, Instant since, int limit) {
    return of(agencyCode)
        .filter(d -> !d.state().receivedAt().isBefore(since))
        .filter(d -> !CLOSED.contains(d.state().status()))
        .sorted(Comparator.comparing((CaseDocument d) -> d.state().receivedAt()).reversed())
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized boolean insert(CaseDocument doc) {
    if (byId.containsKey(doc.id()) || byTicket(doc.state().ticket()).isPresent()) {
      return false;
    }
    byId.put(doc.id(), versioned(doc, 0L));
    return true;
  }

  @Override
  public synchronized CaseDocument save(CaseDocument doc) {
    CaseDocument stored = byId.get(doc.id());
    if (stored == null ? doc.version() != null : !Objects.equals(stored.version(), doc.version())) {
      throw new OptimisticLockingFailureException(
          "case " + doc.id() + " changed since it was read");
    }
    CaseDocument saved = versioned(doc, doc.version() == null ? 0L : doc.version() + 1);
    byId.put(doc.id(), saved);
    return saved;
  }

  private static CaseDocument versioned(CaseDocument doc, long version) {
    return new CaseDocument(
        doc.id(),
        doc.state(),
        doc.outbox(),
        doc.outboxPending(),
        version,
        doc.personalDataUnreadable());
  }
}
