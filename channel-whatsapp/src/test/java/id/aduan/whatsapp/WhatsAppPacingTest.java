package id.aduan.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.aduan.contracts.Channel;
import id.aduan.contracts.OutboundMessage;
import id.aduan.contracts.ReplyAddress;
import id.aduan.contracts.Topics;
import id.aduan.support.messaging.EventPublisher;
import id.aduan.testsupport.AduanKafka;
import id.aduan.testsupport.InJvmMongo;
import id.aduan.testsupport.ProviderStandIn;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;

/**
 * Pacing never blocks the topic (docs/adr/0037-outbound-pacing-defers.md), on the real in-JVM
 * broker and MongoDB server with the provider stand-in: citizen A gets two messages and citizen B
 * one right after; A's second is deferred to its slot (six seconds by the service's clock, which
 * the test moves by hand), so B's goes out before it, and A's second goes out once its slot has
 * come, exactly once, also after a restart of the service in between.
 */
@AduanKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WhatsAppPacingTest {

  private static final String NUMBER = "100000000000071";
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final HandClock CLOCK = new HandClock(Instant.parse("2026-12-07T02:00:00Z"));

  private ProviderStandIn graph;
  private ConfigurableApplicationContext service;
  private Path agencies;
  private String database;

  /** The service's clock, moved by the test. */
  static final class HandClock extends Clock {
    private volatile Instant now;

    HandClock(Instant now) {
      this.now = now;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  /** The clock {@link HandClockSource} gives the service (shared with WhatsAppOutageTest). */
  static HandClock clock() {
    return CLOCK;
  }

  /** Puts {@link #CLOCK} in place of the service's system clock. */
  static class HandClockSource {
    @Bean
    Clock clock() {
      return CLOCK;
    }
  }

  @BeforeAll
  void start() throws Exception {
    graph = new ProviderStandIn();
    agencies = Files.createTempDirectory("whatsapp-pacing-agencies");
    Files.writeString(
        agencies.resolve("pcg.yaml"),
        """
        code: PCG
        name: Dinas Contoh Pacing
        timeZone: Asia/Jakarta
        language: id
        standard:
          file: none.txt
        channels:
          whatsapp:
            phoneNumberId: "%s"
            displayNumber: "+6281100000071"
            windowTemplate: pemberitahuan_umum
            windowTemplateLanguage: id
        """
            .formatted(NUMBER));
    database = InJvmMongo.freshDatabaseUri("whatsapp-pacing");
    service = startService();
  }

  private ConfigurableApplicationContext startService() {
    return WhatsAppApplication.builder()
        .sources(HandClockSource.class)
        .run(
            "--spring.cloud.stream.kafka.binder.brokers="
                + EmbeddedKafkaCondition.getBroker().getBrokersAsString(),
            "--spring.mongodb.uri=" + database,
            "--server.port=0",
            "--aduan.whatsapp.graph-base-url=" + graph.baseUrl(),
            "--aduan.whatsapp.app-secret=pacing-secret",
            "--aduan.whatsapp.verify-token=pacing-verify",
            "--aduan.whatsapp.access-token=pacing-token",
            "--aduan.agencies.dir=" + agencies,
            "--aduan.whatsapp.retry-backoff=5ms",
            "--aduan.whatsapp.deferred-poll-interval=50ms",
            "--spring.cloud.stream.default.consumer.back-off-initial-interval=50",
            "--spring.cloud.stream.default.consumer.back-off-max-interval=100");
  }

  @AfterAll
  void stop() {
    if (service != null) {
      service.close();
    }
    if (graph != null) {
      graph.close();
    }
  }

  @Test
  void oneCitizensWaitIsNobodyElsesAndTheDeferredMessageGoesOutOnceWhenItsSlotComes()
      throws Exception {
    String citizenA = "62812" + (1_000_000 + (int) (Math.random() * 8_000_000));
    String citizenB = "62813" + (1_000_000 + (int) (Math.random() * 8_000_000));
    OutboundMessage a1 = outbound(citizenA, "pesan-A-satu");
    OutboundMessage a2 = outbound(citizenA, "pesan-A-dua");
    OutboundMessage b1 = outbound(citizenB, "pesan-B-satu");
    double deferredBefore = deferred("citizen");

    publish(a1);
    publish(a2);
    publish(b1);

    // A's and B's messages sit on different partitions, read in no fixed order between them: wait
    // for both first messages, then A's second must still be held (the hand-moved clock stands).
    await()
        .atMost(WAIT)
        .until(
            () ->
                !graph.requestsMentioning("pesan-B-satu").isEmpty()
                    && !graph.requestsMentioning("pesan-A-satu").isEmpty());
    assertThat(graph.requestsMentioning("pesan-A-satu")).hasSize(1);
    assertThat(graph.requestsMentioning("pesan-A-dua"))
        .as("A's second waits for its slot without holding B's back")
        .isEmpty();
    await().atMost(WAIT).until(() -> deferred("citizen") - deferredBefore >= 1);

    // The deferred message is durable in MongoDB: it survives a restart of the service.
    service.close();
    service = startService();
    CLOCK.advance(Duration.ofSeconds(6));

    await().atMost(WAIT).until(() -> !graph.requestsMentioning("pesan-A-dua").isEmpty());
    List<String> order =
        graph.requests().stream()
            .map(ProviderStandIn.Request::body)
            .filter(b -> b.contains(citizenA) || b.contains(citizenB))
            .map(b -> b.replaceAll("(?s).*(pesan-[AB]-[a-z]+).*", "$1"))
            .toList();
    // B's message went out while A's second waited; A's second comes last, once.
    assertThat(order).containsExactlyInAnyOrder("pesan-A-satu", "pesan-B-satu", "pesan-A-dua");
    assertThat(order).last().isEqualTo("pesan-A-dua");

    // A redelivery of the deferred message sends nothing twice.
    double duplicates = outcome("duplicate");
    publish(a2);
    await().atMost(WAIT).until(() -> outcome("duplicate") > duplicates);
    assertThat(graph.requestsMentioning("pesan-A-dua")).hasSize(1);
  }

  private static OutboundMessage outbound(String citizen, String text) {
    return new OutboundMessage(
        UUID.randomUUID().toString(),
        CLOCK.instant(),
        "PCG",
        null,
        "PCG-2026-000001",
        new ReplyAddress(Channel.WHATSAPP, NUMBER, citizen),
        "STATUS",
        "id",
        null,
        text,
        null,
        null,
        List.of(),
        List.of(),
        true,
        null,
        null);
  }

  private void publish(OutboundMessage outbound) {
    service
        .getBean(EventPublisher.class)
        .publish(
            Topics.OUTBOUND_WHATSAPP, outbound.to().recipientId(), outbound, outbound.ticket());
  }

  private double deferred(String reason) {
    Counter counter =
        service
            .getBean(MeterRegistry.class)
            .find("aduan.outbound.deferred")
            .tags("channel", "whatsapp", "agency", "PCG", "reason", reason)
            .counter();
    return counter == null ? 0 : counter.count();
  }

  private double outcome(String outcome) {
    Counter counter =
        service
            .getBean(MeterRegistry.class)
            .find("aduan.outbound.messages")
            .tags("agency", "PCG", "outcome", outcome)
            .counter();
    return counter == null ? 0 : counter.count();
  }
}
