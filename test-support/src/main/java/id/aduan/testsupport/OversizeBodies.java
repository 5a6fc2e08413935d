package id.aduan.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Oversized request bodies sent over a raw socket, the way a hostile client sends them: a {@code
 * Content-Length} of hundreds of megabytes with no body behind it, or a chunked body whose one
 * chunk announces hundreds of megabytes of which only {@code limit + 1} bytes are ever sent. Either
 * way the body never ends, so a server that reads it before refusing never answers: the socket's
 * read timeout then fails the exchange. A server that bounds bodies while they stream answers 413
 * at once.
 */
public final class OversizeBodies {

  /** 600 MB, the size that killed a channel when read into memory. */
  public static final long ANNOUNCED = 600L * 1024 * 1024;

  private static final int READ_TIMEOUT_MILLIS = 30_000;

  private OversizeBodies() {}

  /** Announces {@link #ANNOUNCED} bytes in {@code Content-Length} and sends none of them. */
  public static Answer declared(int port, String method, String path, String contentType)
      throws IOException {
    String head =
        method
            + " "
            + path
            + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
            + contentType
            + "\r\nContent-Length: "
            + ANNOUNCED
            + "\r\n\r\n";
    return exchange(port, head.getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * Sends a chunked body whose single chunk announces {@link #ANNOUNCED} bytes, but only {@code
   * limit + 1} bytes of {@code filler} (the body is never finished). {@code headerLines} are sent
   * as they are ({@code "Authorization: Basic ..."}).
   */
  public static Answer chunked(
      int port,
      String method,
      String path,
      String contentType,
      long limit,
      byte filler,
      String... headerLines)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(
        (method
                + " "
                + path
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                + contentType
                + "\r\n"
                + String.join("", Arrays.stream(headerLines).map(h -> h + "\r\n").toList())
                + "Transfer-Encoding: chunked\r\n\r\n"
                + Long.toHexString(ANNOUNCED)
                + "\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    byte[] body = new byte[Math.toIntExact(limit + 1)];
    Arrays.fill(body, filler);
    out.writeBytes(body);
    return exchange(port, out.toByteArray());
  }

  private static Answer exchange(int port, byte[] request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(READ_TIMEOUT_MILLIS);
      OutputStream out = socket.getOutputStream();
      out.write(request);
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      int n;
      while ((n = in.read(buffer)) > 0) {
        answer.write(buffer, 0, n);
        String text = answer.toString(StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end >= 0) {
          String headers = text.substring(0, end);
          int status = Integer.parseInt(headers.substring(9, 12));
          return new Answer(status, headers, text.substring(end + 4));
        }
      }
      throw new IOException("the connection closed without an answer");
    }
  }

  /** The status line's code, the header block and what of the body arrived with them. */
  public record Answer(int status, String headers, String bodyStart) {}
}
