package id.aduan.cases.web;

import id.aduan.cases.application.VersionedCase;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Optimistic concurrency by HTTP precondition: {@code GET} answers the case's version as its ETag;
 * an action sent with {@code If-Match} is refused with 412 when the case moved on since. (Without
 * the header the body's {@code version} does the same with 409.)
 */
final class IfMatch {

  private IfMatch() {}

  static void check(VersionedCase doc) {
    if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs)) {
      return;
    }
    String header = attrs.getRequest().getHeader("If-Match");
    if (header == null || header.isBlank() || header.strip().equals("*")) {
      return;
    }
    long current = doc.version();
    for (String tag : header.split(",")) {
      String t = tag.strip();
      if (t.startsWith("W/")) {
        t = t.substring(2);
      }
      if (t.replace("\"", "").equals(Long.toString(current))) {
        return;
      }
    }
    throw new PreconditionFailedException(doc.state().ticket(), header.strip(), current);
  }

  /** Whether the request names a version in {@code If-Match} (other than {@code *}). */
  static boolean sent() {
    if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs)) {
      return false;
    }
    String header = attrs.getRequest().getHeader("If-Match");
    return header != null && !header.isBlank() && !header.strip().equals("*");
  }

  static final class PreconditionFailedException extends RuntimeException {
    private final long current;

    PreconditionFailedException(String ticket, String ifMatch, long current) {
      super("case " + ticket + " is at version " + current + ", If-Match was " + ifMatch);
      this.current = current;
    }

    long current() {
      return current;
    }
  }
}
