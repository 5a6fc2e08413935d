package id.aduan.notification.application;

import id.aduan.notification.persistence.Attempts.Attempt;
import id.aduan.notification.persistence.Attempts.Receipt;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The attempts in a map, with the status rules of {@code persistence.Attempts}. */
public final class InMemoryAttempts implements AttemptStore {

  private final Map<String, Attempt> attempts = new LinkedHashMap<>();

  @Override
  public synchronized void created(Attempt attempt) {
    attempts.putIfAbsent(attempt.id(), attempt);
  }

  @Override
  public synchronized Optional<Attempt> byId(String outboundEventId) {
    return Optional.ofNullable(attempts.get(outboundEventId));
  }

  @Override
  public synchronized Optional<Attempt> receipt(String outboundEventId, Receipt receipt) {
    Attempt a = attempts.get(outboundEventId);
    if (a == null) {
      return Optional.empty();
    }
    List<Receipt> receipts = new ArrayList<>(a.receipts());
    if (!receipts.contains(receipt)) {
      receipts.add(receipt);
    }
    String status = rank(receipt.status()) > rank(a.status()) ? receipt.status() : a.status();
    Attempt withReceipt = copy(a, a.status(), receipts, a.fallbackDone());
    attempts.put(outboundEventId, copy(a, status, receipts, a.fallbackDone()));
    return Optional.of(withReceipt);
  }

  @Override
  public synchronized boolean claimFallback(String outboundEventId) {
    Attempt a = attempts.get(outboundEventId);
    if (a == null || a.fallbackDone()) {
      return false;
    }
    attempts.put(outboundEventId, copy(a, a.status(), a.receipts(), true));
    return true;
  }

  public synchronized List<Attempt> forCase(String caseId) {
    return attempts.values().stream().filter(a -> caseId.equals(a.caseId())).toList();
  }

  private static Attempt copy(Attempt a, String status, List<Receipt> receipts, boolean done) {
    return new Attempt(
        a.id(),
        a.notificationId(),
        a.caseId(),
        a.agencyCode(),
        a.purpose(),
        a.channel(),
        status,
        a.createdAt(),
        receipts,
        done);
  }

  private static int rank(String status) {
    return List.of("SENT", "DELIVERED", "READ", "FAILED").indexOf(status) + 1;
  }
}
