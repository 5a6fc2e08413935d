package id.aduan.whatsapp.domain;

import id.aduan.contracts.DeliveryReceipt;
import id.aduan.contracts.DeliveryReceipt.Status;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The monotonic state machine of one sent message's status: SENT, DELIVERED, READ only move
 * forward; FAILED is final. Meta delivers statuses in any order and more than once, so a late
 * {@code delivered} after {@code read} changes nothing, while a {@code read} without a {@code
 * delivered} before it is fine.
 */
public final class DeliveryStates {

  private DeliveryStates() {}

  /** The state a message is in, with the provider's time of it. */
  public record State(Status status, Instant providerTime) {}

  /** Whether {@code next} moves a message that is in {@code current} (null: nothing known yet). */
  public static boolean advances(@Nullable State current, Status next) {
    if (current == null) {
      return true;
    }
    return switch (current.status()) {
      case FAILED, READ -> false;
      case SENT, DELIVERED -> next == Status.FAILED || rank(next) > rank(current.status());
    };
  }

  /**
   * Statuses of one webhook in the order to apply them: by provider time, then by rank, so a batch
   * holding {@code read} before {@code delivered} still ends in READ.
   */
  public static List<DeliveryReceipt> inProviderOrder(List<DeliveryReceipt> receipts) {
    if (receipts.size() < 2) {
      return receipts;
    }
    return receipts.stream()
        .sorted(
            Comparator.comparing(DeliveryReceipt::providerTime)
                .thenComparing(r -> rank(r.status())))
        .toList();
  }

  private static int rank(Status status) {
    return switch (status) {
      case SENT -> 1;
      case DELIVERED -> 2;
      case READ -> 3;
      case FAILED -> 4;
    };
  }
}
