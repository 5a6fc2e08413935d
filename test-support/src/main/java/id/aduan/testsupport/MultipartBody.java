package id.aduan.testsupport;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A {@code multipart/form-data} body (RFC 7578) for {@link java.net.http.HttpClient}, as a browser
 * sends a form with files: a JSON part, plain fields, files with their declared name and type.
 */
public final class MultipartBody {

  private final String boundary = "aduan-" + UUID.randomUUID();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  /** A part of type {@code application/json}. */
  public MultipartBody json(String name, String json) {
    return part(name, null, "application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  /** A plain form field. */
  public MultipartBody field(String name, String value) {
    return part(name, null, null, value.getBytes(StandardCharsets.UTF_8));
  }

  /** A file with the name and type its sender declares. */
  public MultipartBody file(String name, String fileName, String contentType, byte[] bytes) {
    return part(name, fileName, contentType, bytes);
  }

  /** The request's {@code Content-Type} header, with the boundary. */
  public String contentType() {
    return "multipart/form-data; boundary=" + boundary;
  }

  /** The body, closed. */
  public HttpRequest.BodyPublisher publisher() {
    return HttpRequest.BodyPublishers.ofByteArray(bytes());
  }

  /** The body's bytes, closed. */
  public byte[] bytes() {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    all.writeBytes(out.toByteArray());
    all.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    return all.toByteArray();
  }

  private MultipartBody part(String name, String fileName, String contentType, byte[] bytes) {
    StringBuilder head = new StringBuilder();
    head.append("--").append(boundary).append("\r\n");
    head.append("Content-Disposition: form-data; name=\"").append(name).append('"');
    if (fileName != null) {
      head.append("; filename=\"").append(fileName).append('"');
    }
    head.append("\r\n");
    if (contentType != null) {
      head.append("Content-Type: ").append(contentType).append("\r\n");
    }
    head.append("\r\n");
    out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
    out.writeBytes(bytes);
    out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    return this;
  }
}
