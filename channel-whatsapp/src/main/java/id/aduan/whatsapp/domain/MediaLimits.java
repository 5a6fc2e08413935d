package id.aduan.whatsapp.domain;

/** WhatsApp's size limits per media type, which also bound what this adapter stores. */
public final class MediaLimits {

  private static final long MB = 1024L * 1024L;

  private MediaLimits() {}

  /** The largest accepted size of a media object of the given message type. */
  public static long maxBytes(String kind) {
    return switch (kind) {
      case "image" -> 5 * MB;
      case "audio", "voice", "video" -> 16 * MB;
      case "sticker" -> MB / 2;
      default -> 100 * MB;
    };
  }
}
