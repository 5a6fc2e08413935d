package id.aduan.cases.persistence;

import java.util.Locale;

/**
 * What a file is, from its bytes alone (magic numbers), never from the type or name its sender
 * declared (docs/adr/0028, 0052). The one sniffer of the case service: the officer API serves files
 * as what they are ({@code web/FileServing}), and the case's own file store ({@link CaseFiles})
 * accepts only what is {@link #storable()}.
 */
public enum FileKind {
  PNG("image/png", true),
  JPEG("image/jpeg", true),
  GIF("image/gif", true),
  WEBP("image/webp", true),
  PDF("application/pdf", false),
  OTHER("application/octet-stream", false);

  private final String mediaType;
  private final boolean previewable;

  FileKind(String mediaType, boolean previewable) {
    this.mediaType = mediaType;
    this.previewable = previewable;
  }

  /** The type the file is served and stored as. */
  public String mediaType() {
    return mediaType;
  }

  /** Passive: may be shown inline. */
  public boolean previewable() {
    return previewable;
  }

  /** Known to the sniffer: a scan, photo or PDF the case's file store keeps. */
  public boolean storable() {
    return this != OTHER;
  }

  /** A low-cardinality metric tag. */
  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** What the bytes are. */
  public static FileKind sniff(byte[] b) {
    if (startsWith(b, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
      return PNG;
    }
    if (startsWith(b, 0, 0xFF, 0xD8, 0xFF)) {
      return JPEG;
    }
    if (startsWith(b, 0, 'G', 'I', 'F', '8', '7', 'a')
        || startsWith(b, 0, 'G', 'I', 'F', '8', '9', 'a')) {
      return GIF;
    }
    if (startsWith(b, 0, 'R', 'I', 'F', 'F') && startsWith(b, 8, 'W', 'E', 'B', 'P')) {
      return WEBP;
    }
    if (startsWith(b, 0, '%', 'P', 'D', 'F', '-')) {
      return PDF;
    }
    return OTHER;
  }

  private static boolean startsWith(byte[] bytes, int offset, int... magic) {
    if (bytes.length < offset + magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((bytes[offset + i] & 0xFF) != magic[i]) {
        return false;
      }
    }
    return true;
  }
}
