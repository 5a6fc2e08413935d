package id.aduan.support.messaging;

import id.aduan.contracts.CloudEventHeaders;
import id.aduan.contracts.EventTypes;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns contract records into Kafka-bound messages and back. The body is the record's JSON; {@code
 * ce_id} is the record's {@code eventId}, {@code ce_time} its {@code occurredAt}, {@code ce_type}
 * comes from {@link EventTypes}. Header values are written as UTF-8 bytes so that any CloudEvents
 * reader (not only Spring) understands them.
 *
 * <p>With {@link PersonalFields} (every service; docs/adr/0026) the body holds the records'
 * personal components only as ciphertext and the partition key is a keyed hash; reading decrypts,
 * and still reads clear bodies written before.
 */
public final class CloudEvents {

  private final JsonMapper json;
  private final String source;
  private final @Nullable PersonalFields personal;

  /**
   * @param source the {@code ce_source} of everything this service publishes, e.g. {@code
   *     /aduan/case-service}
   */
  public CloudEvents(JsonMapper json, String source) {
    this(json, source, null);
  }

  /**
   * @param personal encrypts personal components and hashes keys; null writes them in clear (only
   *     with {@code aduan.pii.topic-encryption=false}, for tests)
   */
  public CloudEvents(JsonMapper json, String source, @Nullable PersonalFields personal) {
    this.json = personal == null ? json : personal.mapper();
    this.source = source;
    this.personal = personal;
  }

  /** How personal data is sealed on the way out, or empty when topics are written in clear. */
  public Optional<PersonalFields> personal() {
    return Optional.ofNullable(personal);
  }

  /** The record's body as it goes on a topic (personal components encrypted). */
  public byte[] body(Object record) {
    return json.writeValueAsBytes(record);
  }

  /** The record's body as text, for an outbox entry that waits in a store. */
  public String bodyText(Object record) {
    return json.writeValueAsString(record);
  }

  /** The partition key as it goes to Kafka (a keyed hash when personal data is sealed). */
  public String key(String key) {
    return personal == null ? key : personal.key(key);
  }

  public Message<byte[]> toMessage(Object record, String key, @Nullable String subject) {
    return toMessageWithKafkaKey(record, key(key), subject);
  }

  /** As {@link #toMessage}, with a key already as it goes to Kafka (see {@link #key}). */
  Message<byte[]> toMessageWithKafkaKey(Object record, String kafkaKey, @Nullable String subject) {
    return message(
        body(record),
        kafkaKey,
        component(record, "eventId").toString(),
        EventTypes.typeOf(record.getClass()),
        component(record, "occurredAt").toString(),
        subject);
  }

  private Message<byte[]> message(
      byte[] body,
      String kafkaKey,
      String eventId,
      String type,
      String time,
      @Nullable String subject) {
    MessageBuilder<byte[]> builder =
        MessageBuilder.withPayload(body)
            .setHeader(KafkaHeaders.KEY, kafkaKey.getBytes(StandardCharsets.UTF_8))
            .setHeader(CloudEventHeaders.ID, utf8(eventId))
            .setHeader(CloudEventHeaders.TYPE, utf8(type))
            .setHeader(CloudEventHeaders.SOURCE, utf8(source))
            .setHeader(CloudEventHeaders.TIME, utf8(time))
            .setHeader(CloudEventHeaders.SPEC_VERSION, utf8(CloudEventHeaders.SPEC_VERSION_VALUE))
            .setHeader(CloudEventHeaders.CONTENT_TYPE, utf8("application/json"));
    if (subject != null) {
      builder.setHeader(CloudEventHeaders.SUBJECT, utf8(subject));
    }
    return builder.build();
  }

  /**
   * The message of an outbox entry: its stored body as it is (already sealed when it was stored),
   * with the headers {@link #toMessageWithKafkaKey} writes for the record it holds, without reading
   * the record back and writing it again (issue 20, docs/adr/0060). Only {@code ce_time} comes from
   * the body ({@code occurredAt}); a body where it is not an ISO-8601 text is read the long way.
   */
  Message<byte[]> toMessage(Outbox.Entry entry, Class<?> type) {
    Optional<Instant> occurredAt = occurredAt(entry.json());
    if (occurredAt.isEmpty()) {
      Object record = read(entry.json().getBytes(StandardCharsets.UTF_8), type);
      return toMessageWithKafkaKey(record, entry.key(), entry.subject());
    }
    return message(
        entry.json().getBytes(StandardCharsets.UTF_8),
        entry.key(),
        entry.eventId(),
        entry.type(),
        occurredAt.get().toString(),
        entry.subject());
  }

  /** The top-level {@code occurredAt} of a record's JSON body, read without binding the record. */
  private Optional<Instant> occurredAt(String body) {
    try (JsonParser parser = json.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return Optional.empty();
      }
      for (JsonToken token = parser.nextToken();
          token == JsonToken.PROPERTY_NAME;
          token = parser.nextToken()) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if ("occurredAt".equals(name)) {
          return value == JsonToken.VALUE_STRING
              ? Optional.of(Instant.parse(parser.getString()))
              : Optional.empty();
        }
        parser.skipChildren();
      }
      return Optional.empty();
    } catch (JacksonException | DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** The {@code ce_type} of a received message, if it has one. */
  public static Optional<String> type(Message<?> message) {
    return header(message, CloudEventHeaders.TYPE);
  }

  /**
   * A header as text. Spring Cloud Function presents CloudEvents attributes to functions with the
   * canonical {@code ce-} prefix whatever the binding wrote, so both spellings are looked up.
   */
  public static Optional<String> header(Message<?> message, String name) {
    Object value = message.getHeaders().get(name);
    if (value == null && name.startsWith("ce_")) {
      value = message.getHeaders().get("ce-" + name.substring(3));
    }
    if (value instanceof byte[] bytes) {
      return Optional.of(new String(bytes, StandardCharsets.UTF_8));
    }
    return Optional.ofNullable(value).map(Object::toString);
  }

  /**
   * Reads a message as the record its {@code ce_type} names, or as {@code fallback} when the header
   * is absent.
   *
   * @throws UnreadableMessageException when the type is unknown or the body does not parse
   */
  public Object read(Message<byte[]> message, @Nullable Class<?> fallback) {
    Optional<String> type = type(message);
    Class<?> target = fallback;
    if (type.isPresent()) {
      target =
          EventTypes.classOf(type.get())
              .orElseThrow(
                  () ->
                      new UnreadableMessageException(
                          "UNKNOWN_TYPE", "unknown ce_type " + type.get()));
    }
    if (target == null) {
      throw new UnreadableMessageException(
          "NO_TYPE",
          "the message has no ce_type header (headers: " + message.getHeaders().keySet() + ")");
    }
    return read(message.getPayload(), target);
  }

  public <T> T read(byte[] body, Class<T> target) {
    try {
      T value = json.readValue(body, target);
      if (value == null) {
        throw new UnreadableMessageException(
            "MALFORMED", "empty body for " + target.getSimpleName());
      }
      return value;
    } catch (JacksonException e) {
      for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
        if (cause instanceof UnreadableMessageException unreadable) {
          throw unreadable;
        }
      }
      throw new UnreadableMessageException(
          "MALFORMED",
          "body is not a valid " + target.getSimpleName() + ": " + e.getOriginalMessage());
    }
  }

  private static byte[] utf8(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  private static Object component(Object record, String name) {
    if (!record.getClass().isRecord()) {
      throw new IllegalArgumentException(record.getClass() + " is not a record");
    }
    for (RecordComponent c : record.getClass().getRecordComponents()) {
      if (c.getName().equals(name)) {
        try {
          Object value = c.getAccessor().invoke(record);
          if (value == null) {
            throw new IllegalArgumentException(
                name + " is null in " + record.getClass().getSimpleName());
          }
          return value;
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    throw new IllegalArgumentException(record.getClass() + " has no " + name);
  }

  /** The {@code eventId} of a contract record. */
  public static String eventId(Object record) {
    return component(record, "eventId").toString();
  }

  /** When a record was made, for metrics of end-to-end latency. */
  public static Instant occurredAt(Object record) {
    return (Instant) component(record, "occurredAt");
  }
}
