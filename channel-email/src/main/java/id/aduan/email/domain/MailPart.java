package id.aduan.email.domain;

import org.jspecify.annotations.Nullable;

/**
 * A file that came with a mail: an attachment, an inline image or a part without a text body.
 *
 * @param content the decoded bytes, or null when the part exceeded the attachment cap
 * @param sizeBytes the decoded size (also when {@code content} is null)
 */
public record MailPart(
    @Nullable String fileName,
    String mediaType,
    byte @Nullable [] content,
    long sizeBytes,
    boolean inline,
    @Nullable String contentId) {

  public boolean tooLarge() {
    return content == null;
  }
}
