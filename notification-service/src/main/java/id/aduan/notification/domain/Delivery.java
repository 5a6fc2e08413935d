package id.aduan.notification.domain;

/**
 * How a notice goes out, by name instead of two booleans: whether no person wrote it (automatic:
 * counts towards the daily limit) and whether it goes during quiet hours too (urgent).
 */
public enum Delivery {
  /** An answer to what the citizen just sent: automatic, and sent at once, quiet hours or not. */
  REPLY(true, true),
  /** Automatic news (status, alerts): waits out the quiet hours. */
  AUTOMATIC(true, false),
  /** Automatic and urgent (a breached deadline, an unreachable citizen): sent at once. */
  URGENT(true, true),
  /** A person's words (an answer, a rejection, an extension): waits out the quiet hours. */
  WRITTEN(false, false);

  private final boolean automatic;
  private final boolean urgent;

  Delivery(boolean automatic, boolean urgent) {
    this.automatic = automatic;
    this.urgent = urgent;
  }

  public boolean automatic() {
    return automatic;
  }

  public boolean urgent() {
    return urgent;
  }
}
