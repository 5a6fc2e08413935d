package id.aduan.lapor;

import static org.assertj.core.api.Assertions.assertThat;

import id.aduan.platform.LaporSimulator;
import id.aduan.testsupport.AduanKafka;
import id.aduan.testsupport.InJvmMongo;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;

/**
 * Not part of the suite (the class name does not end in Test): how fast one instance drains a
 * LAPOR! backlog into Kafka. Run it with {@code ./mvnw -pl channel-lapor -am verify
 * -Dtest=LaporIntakeBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dlapor.bench.reports=2000}
 * and read the line it prints (docs/benchmarks.md).
 */
@AduanKafka
class LaporIntakeBenchmark {

  @Test
  void drainABacklog() throws Exception {
    int reports = Integer.getInteger("lapor.bench.reports", 2000);
    try (LaporSimulator lapor = new LaporSimulator("127.0.0.1", 0, "bench", Clock.systemUTC())) {
      lapor.pageSize(100);
      for (int i = 0; i < reports; i++) {
        lapor.addReport(
            "LAPOR-BTN",
            """
            {"title":"Laporan %d","content":"Bantuan belum diterima, laporan nomor %d.",
             "category":{"id":"101","name":"Bantuan Sosial"},"reporter":{"id":"u-%d","name":"Warga"}}
            """
                .formatted(i, i, i));
      }
      long start = System.nanoTime();
      try (ConfigurableApplicationContext app =
          LaporChannelApplication.builder()
              .run(
                  "--spring.cloud.stream.kafka.binder.brokers="
                      + EmbeddedKafkaCondition.getBroker().getBrokersAsString(),
                  "--spring.mongodb.uri=" + InJvmMongo.freshDatabaseUri("lapor-bench"),
                  "--server.port=0",
                  "--aduan.lapor.base-url=" + lapor.baseUrl(),
                  "--aduan.lapor.token=bench",
                  "--aduan.lapor.poll-interval=100ms",
                  "--aduan.lapor.poll-initial-delay=0s",
                  "--aduan.lapor.page-size=100",
                  "--aduan.lapor.max-pages-per-poll=1000")) {
        MeterRegistry meters = app.getBean(MeterRegistry.class);
        long ready = System.nanoTime();
        long deadline = ready + 300_000_000_000L;
        while (published(meters) < reports && System.nanoTime() < deadline) {
          Thread.sleep(50);
        }
        long done = System.nanoTime();
        assertThat(published(meters)).isEqualTo(reports);
        double seconds = (done - ready) / 1e9;
        System.out.printf(
            "LAPOR-BENCH reports=%d context=%.1fs drain=%.1fs rate=%.0f reports/s%n",
            reports, (ready - start) / 1e9, seconds, reports / seconds);
      }
    }
  }

  private static double published(MeterRegistry meters) {
    Counter c =
        meters
            .find("aduan.inbound.messages")
            .tags("agency", "BTN", "outcome", "published")
            .counter();
    return c == null ? 0 : c.count();
  }
}
