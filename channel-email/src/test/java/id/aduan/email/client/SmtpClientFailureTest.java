package id.aduan.email.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import id.aduan.email.config.EmailTestProperties;
import id.aduan.email.domain.OutgoingMail;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The SMTP client against a scripted SMTP server on loopback: a permanent refusal is not retried, a
 * temporary one is retried up to the configured attempts, an unreachable server is transient, and
 * repeated transient failures open the circuit breaker, which then refuses without connecting until
 * a trial call finds the server back.
 */
class SmtpClientFailureTest {

  private ServerSocket server;
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicReference<String> rcptAnswer = new AtomicReference<>();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

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

  @Test
  void repeatedFailuresOpenTheCircuitWhichRefusesWithoutConnectingAndClosesWhenTheServerIsBack()
      throws Exception {
    startServer("451 4.3.0 Temporary lookup failure");
    // one attempt per send, the circuit opens after three failed ones and tries again after 200 ms
    SmtpClient client = client(server.getLocalPort(), 1, 3, Duration.ofMillis(200));

    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> client.send(mail(), Map.of(), Instant.now()))
          .isInstanceOf(SmtpClient.TransientFailure.class)
          .hasMessageContaining("451");
    }
    assertThat(client.circuitState()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(transitions("open")).isEqualTo(1.0);
    assertThat(meters.get("aduan.client.circuit.open").tag("client", "smtp").gauge().value())
        .isEqualTo(1.0);

    // Open: the send is refused at once, the server never sees a connection.
    assertThatThrownBy(() -> client.send(mail(), Map.of(), Instant.now()))
        .isInstanceOf(SmtpClient.TransientFailure.class)
        .hasMessageContaining("circuit breaker is open");
    assertThat(connections.get()).isEqualTo(3);

    // The server is back: once the open period is over, one trial call goes through and closes it.
    rcptAnswer.set("250 2.1.5 Ok");
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptionsInstanceOf(SmtpClient.TransientFailure.class)
        .untilAsserted(() -> client.send(mail(), Map.of(), Instant.now()));
    assertThat(transitions("half_open")).isEqualTo(1.0);
    assertThat(transitions("closed")).isEqualTo(1.0);
    assertThat(client.circuitState()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(meters.get("aduan.client.circuit.open").tag("client", "smtp").gauge().value())
        .isZero();
    int before = connections.get();
    client.send(mail(), Map.of(), Instant.now());
    assertThat(connections.get()).isEqualTo(before + 1);
  }

  private double transitions(String to) {
    var counter =
        meters.find("aduan.client.circuit.transitions").tags("client", "smtp", "to", to).counter();
    return counter == null ? 0 : counter.count();
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

  private SmtpClient client(int port) {
    return client(port, 3, 5, Duration.ofSeconds(30));
  }

  private SmtpClient client(int port, int attempts, int circuitMinimumCalls, Duration openFor) {
    return new SmtpClient(
        EmailTestProperties.with(
            EmailTestProperties.imap(1143),
            EmailTestProperties.smtp(port, attempts, circuitMinimumCalls, openFor)),
        meters);
  }

  /** Answers every command with 250 except RCPT, which gets the current {@code rcptAnswer}. */
  private void startServer(String firstRcptAnswer) throws IOException {
    rcptAnswer.set(firstRcptAnswer);
    server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    Thread.ofPlatform()
        .daemon()
        .start(
            () -> {
              while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                  connections.incrementAndGet();
                  converse(s, rcptAnswer.get());
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
