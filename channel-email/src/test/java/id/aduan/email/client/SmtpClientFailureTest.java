package id.aduan.email.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.aduan.email.config.EmailProperties;
import id.aduan.email.domain.OutgoingMail;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/**
 * The SMTP client against a scripted SMTP server on loopback: a permanent refusal is not retried, a
 * temporary one is retried up to the configured attempts, an unreachable server is transient.
 */
class SmtpClientFailureTest {

  private ServerSocket server;
  private final AtomicInteger connections = new AtomicInteger();

  @AfterEach
  void stop() throws IOException {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aPermanentRefusalIsNotRetried() throws Exception {
    startServer("550 5.1.1 <x@warga.test>: Recipient address rejected: User unknown");

    assertThatThrownBy(() -> client(server.getLocalPort()).send(mail(), Map.of(), Instant.now()))
        .isInstanceOf(SmtpClient.PermanentFailure.class)
        .satisfies(e -> assertThat(((SmtpClient.PermanentFailure) e).code()).isEqualTo(550));
    assertThat(connections.get()).isEqualTo(1);
  }

  @Test
  void aTemporaryRefusalIsRetriedUpToTheMaximumAttempts() throws Exception {
    startServer("451 4.3.0 Temporary lookup failure");

    assertThatThrownBy(() -> client(server.getLocalPort()).send(mail(), Map.of(), Instant.now()))
        .isInstanceOf(SmtpClient.TransientFailure.class);
    assertThat(connections.get()).isEqualTo(3);
  }

  @Test
  void anUnreachableServerIsTransient() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }

    assertThatThrownBy(() -> client(closed).send(mail(), Map.of(), Instant.now()))
        .isInstanceOf(SmtpClient.TransientFailure.class);
  }

  private static OutgoingMail mail() {
    return new OutgoingMail(
        "<e1.aduan@bdg.aduan.test>",
        "pengaduan@bdg.aduan.test",
        "Dinas Sosial",
        "x@warga.test",
        "pengaduan+bounce-e1@bdg.aduan.test",
        "[BDG-2026-000001] Pengaduan",
        "Terima kasih.",
        "<p>Terima kasih.</p>",
        null,
        List.of(),
        true,
        List.of());
  }

  private static SmtpClient client(int port) {
    return new SmtpClient(
        new EmailProperties(
            true,
            new EmailProperties.Imap("127.0.0.1", 1143, false, Duration.ofSeconds(5)),
            new EmailProperties.Smtp(
                "127.0.0.1",
                port,
                false,
                false,
                null,
                null,
                Duration.ofSeconds(5),
                3,
                Duration.ofMillis(10)),
            Duration.ofSeconds(60),
            true,
            "",
            Duration.ofSeconds(1),
            Duration.ofMinutes(1),
            50,
            new EmailProperties.Limits(100, 8, DataSize.ofMegabytes(25), DataSize.ofMegabytes(10)),
            Duration.ofMinutes(2),
            null,
            List.of()));
  }

  /** Answers every command with 250 except RCPT, which gets {@code rcptAnswer}. */
  private void startServer(String rcptAnswer) throws IOException {
    server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    Thread.ofPlatform()
        .daemon()
        .start(
            () -> {
              while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                  connections.incrementAndGet();
                  converse(s, rcptAnswer);
                } catch (IOException e) {
                  // closed by the test
                }
              }
            });
  }

  private static void converse(Socket s, String rcptAnswer) throws IOException {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
    OutputStream out = s.getOutputStream();
    write(out, "220 fake ESMTP");
    String line;
    while ((line = in.readLine()) != null) {
      String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
      switch (verb) {
        case "EHLO", "HELO" -> write(out, "250 fake");
        case "RCPT" -> write(out, rcptAnswer);
        case "DATA" -> {
          write(out, "354 go ahead");
          while ((line = in.readLine()) != null && !line.equals(".")) {
            // the message body is not kept
          }
          write(out, "250 queued");
        }
        case "QUIT" -> {
          write(out, "221 bye");
          return;
        }
        default -> write(out, "250 ok");
      }
    }
  }

  private static void write(OutputStream out, String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }
}
