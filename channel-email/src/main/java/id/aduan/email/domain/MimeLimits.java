package id.aduan.email.domain;

/**
 * Caps that keep one hostile or broken mail from exhausting the service: a message over {@code
 * maxMessageBytes}, with more than {@code maxParts} parts or nested deeper than {@code maxDepth} is
 * not parsed but dead-lettered; a single attachment over {@code maxAttachmentBytes} is kept as a
 * reference with status TOO_LARGE and without its bytes.
 */
public record MimeLimits(
    int maxParts, int maxDepth, long maxMessageBytes, long maxAttachmentBytes) {

  public static final MimeLimits DEFAULT = new MimeLimits(100, 8, 25L << 20, 10L << 20);

  public MimeLimits {
    if (maxParts < 1 || maxDepth < 1 || maxMessageBytes < 1 || maxAttachmentBytes < 1) {
      throw new IllegalArgumentException("MIME limits must be positive");
    }
  }
}
