package id.aduan.support.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import id.aduan.contracts.EventTypes;
import id.aduan.contracts.Topics;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.Message;
import tools.jackson.databind.json.JsonMapper;

/**
 * Not part of the suite (the class name does not end in Test): the CPU of turning one stored outbox
 * entry into the message that goes to Kafka, before ADR 0060 (the record read back, its personal
 * components decrypted, then serialized and sealed again) and now (the stored body as it is).
 * Thread CPU time, so other processes on the machine count little. Run it with {@code ./mvnw -o -pl
 * service-support -am verify -Dtest=OutboxSendCostBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class OutboxSendCostBenchmark {

  @Test
  void messagesOfStoredEntries() {
    JsonMapper json = JsonMapper.builder().build();
    CloudEvents sealed = OutboxAndEventPublisherTest.sealing(json, "/aduan/bench");
    Outbox outbox = new Outbox(null, sealed, json, Traces.NONE);
    List<Outbox.Entry> entries =
        List.of(
            outbox.entry(Topics.CASES_EVENTS, "c-1", Samples.opened("e-1"), "BDG-1"),
            outbox.entry(Topics.OUTBOUND_WHATSAPP, "6281234567890", Samples.outbound("e-2"), null));
    int rounds = Integer.getInteger("outbox.bench.rounds", 20_000);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long sink = 0;
    for (int pass = 0; pass < 2; pass++) {
      long before = threads.getCurrentThreadCpuTime();
      for (int i = 0; i < rounds; i++) {
        for (Outbox.Entry entry : entries) {
          Class<?> type = EventTypes.classOf(entry.type()).orElseThrow();
          Object record = sealed.read(entry.json().getBytes(StandardCharsets.UTF_8), type);
          sink += sealed.toMessageWithKafkaKey(record, entry.key(), entry.subject()).hashCode();
        }
      }
      long readBack = threads.getCurrentThreadCpuTime() - before;
      before = threads.getCurrentThreadCpuTime();
      for (int i = 0; i < rounds; i++) {
        for (Outbox.Entry entry : entries) {
          Class<?> type = EventTypes.classOf(entry.type()).orElseThrow();
          Message<byte[]> message = sealed.toMessage(entry, type);
          sink += message.hashCode();
        }
      }
      long asStored = threads.getCurrentThreadCpuTime() - before;
      int n = rounds * entries.size();
      System.out.printf(
          "OUTBOX-BENCH pass %d, %d entries: read back and sealed again %.1f us per entry,"
              + " stored body as it is %.1f us per entry%n",
          pass + 1, n, readBack / 1e3 / n, asStored / 1e3 / n);
    }
    assertThat(sink).isNotZero();
  }
}
