package id.aduan.testsupport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;

/**
 * One Aduan service started for a test class: on the in-JVM KRaft broker of {@link AduanKafka}, a
 * database no other caller has used ({@link InJvmMongo#freshDatabaseUri}) and a free HTTP port,
 * plus the test's own properties. Closed after the class's {@code @AfterAll} methods.
 *
 * <pre>{@code
 * @AduanKafka
 * class SomethingTest {
 *   static final ProviderStandIn graph = new ProviderStandIn();
 *
 *   @RegisterExtension
 *   static final AduanService service =
 *       AduanService.of(WhatsAppApplication::builder, "whatsapp-stream")
 *           .property("aduan.whatsapp.graph-base-url", graph::baseUrl)
 *           .thenClose(graph);
 *
 *   @Test
 *   void something() {
 *     service.port(); service.bean(CloudEvents.class); service.writer().send(...);
 *   }
 * }
 * }</pre>
 *
 * <p>Properties are passed as command-line arguments, so they outrank the service's own
 * configuration file, as every hand-written start did. A value given as a {@link Supplier} is read
 * only when the service starts, so it may name a stand-in started by the test's static fields.
 */
public final class AduanService implements BeforeAllCallback, AfterAllCallback {

  private final Supplier<SpringApplicationBuilder> application;
  private final String database;
  private final Map<String, Supplier<?>> properties = new LinkedHashMap<>();
  private final List<ApplicationContextInitializer<ConfigurableApplicationContext>> initializers =
      new ArrayList<>();
  private final List<AutoCloseable> afterwards = new ArrayList<>();

  private ConfigurableApplicationContext context;
  private TopicWriter writer;
  private String brokers;
  private String databaseUri;
  private String[] arguments;

  private AduanService(Supplier<SpringApplicationBuilder> application, String database) {
    this.application = Objects.requireNonNull(application);
    this.database = Objects.requireNonNull(database);
  }

  /**
   * @param application the service's {@code XxxApplication::builder} (it names the service's
   *     configuration file)
   * @param database the prefix of the service's fresh database
   */
  public static AduanService of(Supplier<SpringApplicationBuilder> application, String database) {
    return new AduanService(application, database);
  }

  /** One more property, read when the service starts ({@code null} leaves it out). */
  public AduanService property(String name, Supplier<?> value) {
    properties.put(name, value);
    return this;
  }

  /** One more property with a value known now. */
  public AduanService property(String name, Object value) {
    return property(name, () -> value);
  }

  /** Properties as {@code name=value}, in the order given. */
  public AduanService properties(String... nameEqualsValue) {
    for (String p : nameEqualsValue) {
      int eq = p.indexOf('=');
      if (eq < 1) {
        throw new IllegalArgumentException("expected name=value, got " + p);
      }
      property(p.substring(0, eq), p.substring(eq + 1));
    }
    return this;
  }

  /** Runs on the context before it is refreshed, e.g. to register a test's own singleton. */
  public AduanService initializer(
      ApplicationContextInitializer<ConfigurableApplicationContext> initializer) {
    initializers.add(initializer);
    return this;
  }

  /**
   * Closes {@code resource} (a provider stand-in, a mail server) after the service, so the service
   * never runs without it.
   */
  public AduanService thenClose(AutoCloseable resource) {
    afterwards.add(resource);
    return this;
  }

  @Override
  public void beforeAll(ExtensionContext extension) {
    EmbeddedKafkaBroker broker = EmbeddedKafkaCondition.getBroker();
    if (broker == null) {
      throw new IllegalStateException(
          "no in-JVM broker: annotate " + extension.getDisplayName() + " with @AduanKafka");
    }
    brokers = broker.getBrokersAsString();
    databaseUri = InJvmMongo.freshDatabaseUri(database);
    List<String> args = new ArrayList<>();
    args.add("--spring.cloud.stream.kafka.binder.brokers=" + brokers);
    args.add("--spring.mongodb.uri=" + databaseUri);
    args.add("--server.port=0");
    properties.forEach(
        (name, value) -> {
          Object v = value.get();
          if (v != null) {
            args.add("--" + name + "=" + v);
          }
        });
    arguments = args.toArray(String[]::new);
    run();
    writer = new TopicWriter(brokers);
  }

  private void run() {
    SpringApplicationBuilder builder = application.get();
    initializers.forEach(builder::initializers);
    context = builder.run(arguments);
  }

  /**
   * Closes the service and starts it again with the same properties and database (a new HTTP port),
   * as a redeployed instance would come back.
   */
  public void restart() {
    context().close();
    context = null;
    run();
  }

  @Override
  public void afterAll(ExtensionContext extension) throws Exception {
    List<AutoCloseable> closing = new ArrayList<>();
    if (writer != null) {
      closing.add(writer);
    }
    if (context != null) {
      closing.add(context);
    }
    closing.addAll(afterwards);
    Exception first = null;
    for (AutoCloseable c : closing) {
      try {
        c.close();
      } catch (Exception e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  /** The running service's application context. */
  public ConfigurableApplicationContext context() {
    if (context == null) {
      throw new IllegalStateException(
          "the service is not running (register it with @RegisterExtension on a static field)");
    }
    return context;
  }

  /** The service's only bean of that type. */
  public <T> T bean(Class<T> type) {
    return context().getBean(type);
  }

  /** The HTTP port the service listens on. */
  public int port() {
    return Integer.parseInt(context().getEnvironment().getProperty("local.server.port"));
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  /** The service's database, {@code mongodb://127.0.0.1:<port>/<prefix>-<n>}. */
  public String databaseUri() {
    context();
    return databaseUri;
  }

  /** The in-JVM broker's bootstrap servers. */
  public String brokers() {
    context();
    return brokers;
  }

  /** A producer for exact bytes on any topic; closed with the service. */
  public TopicWriter writer() {
    context();
    return writer;
  }
}
