package id.aduan.lapor.client;

import id.aduan.lapor.domain.UnreadableAnswerException;
import org.jspecify.annotations.Nullable;

/** What the client's mappers throw for an answer they cannot read (see the superclass). */
public class LaporProtocolException extends UnreadableAnswerException {

  public LaporProtocolException(String message) {
    this(message, null);
  }

  public LaporProtocolException(String message, @Nullable String raw) {
    super(message, raw);
  }

  /** Reads the whole answer; a failure of the whole answer carries it. */
  static <T> T reading(String raw, java.util.function.Supplier<T> read) {
    try {
      return read.get();
    } catch (LaporProtocolException e) {
      throw e.raw() != null ? e : new LaporProtocolException(String.valueOf(e.getMessage()), raw);
    }
  }
}
