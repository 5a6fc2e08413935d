package id.aduan.support.messaging;

import id.aduan.contracts.Personal;
import id.aduan.support.pii.PiiCipher;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.Version;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.introspect.Annotated;
import tools.jackson.databind.introspect.NopAnnotationIntrospector;
import tools.jackson.databind.json.JsonMapper;

/**
 * Field-level encryption of the contract records' {@link Personal} components at the serialisation
 * boundary (docs/adr/0026). Services keep clear values in memory; what {@link #mapper()} writes
 * holds each personal component as {@code {"$pii":"enc:v1:<key id>:<...>"}}, the ciphertext of the
 * component's own JSON. Reading decides by schema: on a personal component, an object whose only
 * property is {@code $pii} is ciphertext; any other JSON value is a clear value written before
 * encryption (or by a test) and is read as it is. A citizen's text that looks like ciphertext is a
 * JSON string and stays text.
 *
 * <p>Also seals whole payloads (dead letters keep the input as it came, which may be anything) and
 * turns partition keys that may hold an identity into keyed hashes.
 */
public final class PersonalFields {

  /** The only property of an encrypted personal value on the wire. */
  public static final String MARKER = "$pii";

  /** Header set on a dead letter whose body is the sealed original payload. */
  public static final String SEALED_HEADER = "aduan_pii_sealed";

  private final PiiCipher cipher;
  private final JsonMapper plain;
  private final JsonMapper sealing;

  /**
   * @param plain the service's mapper, used for the clear JSON inside the ciphertext
   */
  public PersonalFields(PiiCipher cipher, JsonMapper plain) {
    this.cipher = cipher;
    this.plain = plain;
    this.sealing = plain.rebuild().addModule(new Module()).build();
  }

  /** A mapper that encrypts personal components on write and decrypts them on read. */
  public JsonMapper mapper() {
    return sealing;
  }

  /**
   * The partition key as it goes to Kafka: a keyed hash (HMAC-SHA256 with the lookup key), so that
   * a recipient's phone number or address never sits in a topic log, while equal keys stay equal
   * and keep their order.
   */
  public String key(String key) {
    return cipher.lookup("key", key);
  }

  /** A whole payload, encrypted: {@code {"$pii":"enc:v1:..."}} of the Base64 of the bytes. */
  public byte[] seal(byte[] payload) {
    String sealed = cipher.encrypt(Base64.getEncoder().encodeToString(payload));
    return plain.writeValueAsBytes(java.util.Map.of(MARKER, sealed));
  }

  /** The bytes {@link #seal} sealed. */
  public byte[] unseal(byte[] sealed) {
    JsonNode node = plain.readTree(sealed);
    return Base64.getDecoder().decode(cipher.decrypt(node.path(MARKER).asString()));
  }

  /** A text (e.g. a dead letter's detail, which may quote a citizen), encrypted. */
  public String sealText(String text) {
    return cipher.encrypt(text);
  }

  /** Finds {@link Personal} components and gives them the encrypting (de)serialisers. */
  private final class Module extends JacksonModule {
    @Override
    public String getModuleName() {
      return "aduan-personal-fields";
    }

    @Override
    public Version version() {
      return Version.unknownVersion();
    }

    @Override
    public void setupModule(SetupContext context) {
      context.insertAnnotationIntrospector(
          new NopAnnotationIntrospector() {
            @Override
            public @Nullable Object findSerializer(MapperConfig<?> config, Annotated a) {
              return a.hasAnnotation(Personal.class) ? new Encrypting() : null;
            }

            @Override
            public @Nullable Object findDeserializer(MapperConfig<?> config, Annotated a) {
              return a.hasAnnotation(Personal.class) ? new Decrypting(null) : null;
            }
          });
    }
  }

  private final class Encrypting extends ValueSerializer<Object> {
    @Override
    public void serialize(Object value, JsonGenerator gen, SerializationContext ctxt) {
      gen.writeStartObject();
      gen.writeStringProperty(MARKER, cipher.encrypt(plain.writeValueAsString(value)));
      gen.writeEndObject();
    }
  }

  private final class Decrypting extends ValueDeserializer<Object> {
    private final @Nullable JavaType type;

    Decrypting(@Nullable JavaType type) {
      this.type = type;
    }

    @Override
    public ValueDeserializer<?> createContextual(
        DeserializationContext ctxt, @Nullable BeanProperty property) {
      return property == null ? this : new Decrypting(property.getType());
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
      JavaType target = type == null ? ctxt.constructType(Object.class) : type;
      if (p.currentToken() != JsonToken.START_OBJECT) {
        return ctxt.readValue(p, target);
      }
      JsonNode node = ctxt.readTree(p);
      if (node.size() == 1 && node.path(MARKER).isString()) {
        String stored = node.path(MARKER).asString();
        String clearJson;
        try {
          if (!PiiCipher.isEncrypted(stored)) {
            throw new IllegalStateException("a $pii value that is not ciphertext");
          }
          clearJson = cipher.decrypt(stored);
        } catch (RuntimeException e) {
          throw new UnreadableMessageException("UNDECRYPTABLE", String.valueOf(e.getMessage()));
        }
        return plain.readValue(clearJson.getBytes(StandardCharsets.UTF_8), target);
      }
      return ctxt.readTreeAsValue(node, target);
    }
  }
}
