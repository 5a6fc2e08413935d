package id.aduan.lapor.domain;

import org.jspecify.annotations.Nullable;

/**
 * LAPOR! answered something no mapper of the {@link LaporGateway} can read (not well-formed, an
 * unknown API version, missing fields). The message says what is wrong and never quotes the answer,
 * which holds reporters' data and ends up in logs; the answer itself is in {@link #raw()}, for the
 * archive and the dead letter.
 */
public class UnreadableAnswerException extends RuntimeException {

  private final transient @Nullable String raw;

  public UnreadableAnswerException(String message, @Nullable String raw) {
    super(message);
    this.raw = raw;
  }

  /** The whole answer as received, when the whole answer was unreadable; else null. */
  public @Nullable String raw() {
    return raw;
  }
}
