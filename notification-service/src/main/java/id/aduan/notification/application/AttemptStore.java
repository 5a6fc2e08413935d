package id.aduan.notification.application;

import id.aduan.notification.persistence.Attempts.Attempt;
import id.aduan.notification.persistence.Attempts.Receipt;
import java.util.Optional;

/** Every delivery attempt (one per outbound message) with the receipts it got. */
public interface AttemptStore {

  /** Records a new attempt; a second call for the same message changes nothing. */
  void created(Attempt attempt);

  Optional<Attempt> byId(String outboundEventId);

  /**
   * Adds a receipt (a redelivered one is not added twice); the status only moves forward and FAILED
   * is final. Empty when the message is not one of ours.
   */
  Optional<Attempt> receipt(String outboundEventId, Receipt receipt);

  /** True once per attempt: the caller then tries another channel or tells the officer. */
  boolean claimFallback(String outboundEventId);
}
