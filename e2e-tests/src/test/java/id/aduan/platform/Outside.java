package id.aduan.platform;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How the world outside reaches the platform, written from the providers' documentation and not
 * from our code: Meta's {@code X-Hub-Signature-256}, Twilio's {@code X-Twilio-Signature}, HTTP
 * Basic for officers, raw HTTP/1.1 for what a client library refuses to send (a false
 * Content-Length, chunked bodies), and a bare SMTP dialogue.
 */
final class Outside {

  /** What came back: an HTTP or SMTP status, or -1 with what happened instead. */
  record Answer(int status, String body, Map<String, java.util.List<String>> headers) {
    static Answer none(String what) {
      return new Answer(-1, what, Map.of());
    }

    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .flatMap(e -> e.getValue().stream())
          .findFirst()
          .orElse("");
    }

    @Override
    public String toString() {
      return status < 0 ? body : String.valueOf(status);
    }
  }

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  static String metaSignature(String secret, byte[] body) {
    return "sha256=" + HexFormat.of().formatHex(hmac("HmacSHA256", secret, body));
  }

  /**
   * Twilio: the full URL, then every POST parameter sorted by name with its value appended,
   * HMAC-SHA1 with the auth token, Base64.
   */
  static String twilioSignature(String token, String url, Map<String, String> params) {
    StringBuilder data = new StringBuilder(url);
    new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
    return Base64.getEncoder()
        .encodeToString(hmac("HmacSHA1", token, data.toString().getBytes(StandardCharsets.UTF_8)));
  }

  private static byte[] hmac(String algorithm, String key, byte[] data) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static String form(Map<String, String> params) {
    StringBuilder out = new StringBuilder();
    params.forEach(
        (k, v) ->
            out.append(out.isEmpty() ? "" : "&")
                .append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return out.toString();
  }

  static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  Answer send(String method, String url, String contentType, byte[] body, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(20))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body(), response.headers().map());
    } catch (IOException e) {
      return Answer.none("no answer (" + e.getClass().getSimpleName() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Answer.none("interrupted");
    }
  }

  Answer get(String url, String user) {
    return user == null
        ? send("GET", url, null, null)
        : send("GET", url, null, null, "Authorization", basic(user, LocalPlatform.DEMO_PASSWORD));
  }

  /**
   * A raw HTTP/1.1 request on its own connection: the head as given (it must end with an empty
   * line), then {@code body} unless null. The server may answer before the body is sent: writing
   * stops at the first failure and the answer is read anyway, for at most {@code timeout}.
   */
  static Answer raw(int port, String head, InputStream body, Duration timeout) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      socket.setSoTimeout((int) timeout.toMillis());
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      if (body != null) {
        byte[] buffer = new byte[64 * 1024];
        try {
          for (int n; (n = body.read(buffer)) > 0; ) {
            out.write(buffer, 0, n);
          }
          out.flush();
        } catch (IOException e) {
          // the server stopped reading (it answered already, or closed): read what it said
        }
      }
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream response = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      try {
        for (int n; (n = in.read(buffer)) > 0 && response.size() < 1_000_000; ) {
          response.write(buffer, 0, n);
          if (response.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
            break;
          }
        }
      } catch (SocketTimeoutException e) {
        if (response.size() == 0) {
          return Answer.none("no answer within " + timeout.toSeconds() + " s");
        }
      } catch (IOException e) {
        if (response.size() == 0) {
          return Answer.none("connection closed without an answer");
        }
      }
      String text = response.toString(StandardCharsets.ISO_8859_1);
      if (!text.startsWith("HTTP/1.1 ") || text.length() < 12) {
        return Answer.none("connection closed without an answer");
      }
      return new Answer(Integer.parseInt(text.substring(9, 12)), text, Map.of());
    } catch (IOException e) {
      return Answer.none("could not connect (" + e.getMessage() + ")");
    }
  }

  /** {@code size} bytes of {@code fill}, as a stream (nothing held in memory). */
  static InputStream repeat(byte fill, long size) {
    return new InputStream() {
      long left = size;

      @Override
      public int read() {
        return left-- > 0 ? fill : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (left <= 0) {
          return -1;
        }
        int n = (int) Math.min(len, left);
        java.util.Arrays.fill(b, off, off + n, fill);
        left -= n;
        return n;
      }
    };
  }

  /** {@code body} as HTTP chunks of 64 KiB, then the last chunk. */
  static InputStream chunked(InputStream body) {
    return new InputStream() {
      private byte[] pending = new byte[0];
      private int at;
      private boolean done;

      @Override
      public int read() throws IOException {
        if (at >= pending.length && !fill()) {
          return -1;
        }
        return pending[at++] & 0xff;
      }

      private boolean fill() throws IOException {
        if (done) {
          return false;
        }
        byte[] data = body.readNBytes(64 * 1024);
        ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        if (data.length == 0) {
          chunk.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
          done = true;
        } else {
          chunk.write(
              (Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
          chunk.write(data);
          chunk.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        pending = chunk.toByteArray();
        at = 0;
        return true;
      }
    };
  }

  /**
   * One message through SMTP, as any mail client: the last reply (to the message's end) or the
   * first refusal.
   */
  static Answer smtp(int port, String mailFrom, String rcptTo, String message) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      socket.setSoTimeout(30_000);
      var in =
          new java.io.BufferedReader(
              new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      OutputStream out = socket.getOutputStream();
      String reply = reply(in);
      for (String command :
          new String[] {
            "EHLO outside.test", "MAIL FROM:<" + mailFrom + ">", "RCPT TO:<" + rcptTo + ">", "DATA"
          }) {
        if (!reply.startsWith("2") && !reply.startsWith("3")) {
          return new Answer(Integer.parseInt(reply.substring(0, 3)), reply, Map.of());
        }
        out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        reply = reply(in);
      }
      if (!reply.startsWith("354")) {
        return new Answer(Integer.parseInt(reply.substring(0, 3)), reply, Map.of());
      }
      StringBuilder data = new StringBuilder();
      for (String line : message.replace("\r\n", "\n").split("\n", -1)) {
        data.append(line.startsWith(".") ? "." : "").append(line).append("\r\n");
      }
      data.append(".\r\n");
      out.write(data.toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
      reply = reply(in);
      out.write("QUIT\r\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
      return new Answer(Integer.parseInt(reply.substring(0, 3)), reply, Map.of());
    } catch (IOException | RuntimeException e) {
      return Answer.none("SMTP failed: " + e.getMessage());
    }
  }

  private static String reply(java.io.BufferedReader in) throws IOException {
    String line;
    do {
      line = in.readLine();
      if (line == null) {
        throw new IOException("the server closed the connection");
      }
    } while (line.length() > 3 && line.charAt(3) == '-');
    return line;
  }
}
