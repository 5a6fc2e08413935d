package id.aduan.email.it;

import id.aduan.contracts.EventTypes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;

/** Small helpers the email integration tests share: JSON, CloudEvents records, raw mails. */
final class MailKit {

  static final JsonMapper JSON = JsonMapper.builder().build();

  private MailKit() {}

  static <T> List<T> read(List<ConsumerRecord<String, byte[]>> records, Class<T> type) {
    String ceType = EventTypes.typeOf(type);
    return records.stream()
        .filter(r -> ceType.equals(header(r, "ce_type")))
        .map(r -> JSON.readValue(r.value(), type))
        .toList();
  }

  static String header(ConsumerRecord<String, byte[]> r, String name) {
    var h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  /** Publishes a contract record the way our services do (binary CloudEvents headers). */
  static void publish(String brokers, String topic, String key, Object record, String eventId) {
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                brokers,
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new StringSerializer(),
            new ByteArraySerializer())) {
      ProducerRecord<String, byte[]> r =
          new ProducerRecord<>(topic, key, JSON.writeValueAsBytes(record));
      r.headers()
          .add(new RecordHeader("ce_id", eventId.getBytes(StandardCharsets.UTF_8)))
          .add(
              new RecordHeader(
                  "ce_type", EventTypes.typeOf(record.getClass()).getBytes(StandardCharsets.UTF_8)))
          .add(new RecordHeader("ce_source", "/aduan/test".getBytes(StandardCharsets.UTF_8)))
          .add(new RecordHeader("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8)))
          .add(
              new RecordHeader("ce_time", "2026-03-17T02:15:30Z".getBytes(StandardCharsets.UTF_8)));
      producer.send(r).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs deploy/mail/mailserver.sh (start, stop, status) against a data directory. */
  static int mailServer(java.nio.file.Path data, Map<String, String> env, String command)
      throws java.io.IOException, InterruptedException {
    ProcessBuilder pb =
        new ProcessBuilder(
                java.nio.file.Path.of("..", "deploy", "mail", "mailserver.sh").toString(),
                command,
                data.toString())
            .inheritIO();
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("mailserver.sh " + command + " did not finish in 60 s");
    }
    return p.exitValue();
  }

  /** Deletes a directory tree (the mail server's data of a test). */
  static void deleteTree(java.nio.file.Path dir) throws java.io.IOException {
    try (var files = java.nio.file.Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }

  static int freePort() throws java.io.IOException {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /**
   * A GreenMail server on a free loopback port, given time to start on a busy machine (its default
   * of 2 s is not always enough here).
   */
  static com.icegreen.greenmail.util.ServerSetup loopback(String protocol) {
    var setup = new com.icegreen.greenmail.util.ServerSetup(0, "127.0.0.1", protocol);
    setup.setServerStartupTimeout(30_000);
    return setup;
  }

  /** A plain citizen mail. */
  static String citizenMail(String messageId, String from, String to, String subject, String body) {
    return "From: Warga <"
        + from
        + ">\r\nTo: "
        + to
        + "\r\nMessage-ID: "
        + messageId
        + "\r\nSubject: "
        + subject
        + "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        + body
        + "\r\n";
  }
}
