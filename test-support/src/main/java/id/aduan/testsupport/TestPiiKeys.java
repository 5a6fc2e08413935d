package id.aduan.testsupport;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives every service started in a test the personal-data key set that production reads from its
 * secret store ({@code aduan.pii.*}, docs/adr/0026), so that a test needs no key material: a
 * service refuses to start without keys. The values are the same as case-service's test keys.
 *
 * <p>Also sets {@code aduan.pii.topic-encryption=false}: the services' own tests read and write
 * topics as plain JSON. Reading accepts both forms, and the encryption itself is tested where it is
 * made (service-support) and by tests that set {@code aduan.pii.topic-encryption=true}. Everything
 * here has the lowest precedence, and no key is added when the test configures a key set of its own
 * ({@code aduan.pii.*} or case-service's earlier {@code aduan.cases.pii.*}).
 */
public final class TestPiiKeys implements EnvironmentPostProcessor, Ordered {

  public static final String ACTIVE_KEY_ID = "test";
  public static final String KEY = "dGVzdC1vbmx5LXBpaS1rZXktMDEyMzQ1Njc4OWFiY2Q=";
  public static final String LOOKUP_KEY = "dGVzdC1vbmx5LWxvb2t1cC1rZXktMDEyMzQ1Njc4OWE=";

  /** The properties, e.g. for a test that starts a service with them explicitly. */
  public static Map<String, Object> properties() {
    return Map.of(
        "aduan.pii.active-key-id",
        ACTIVE_KEY_ID,
        "aduan.pii.keys." + ACTIVE_KEY_ID,
        KEY,
        "aduan.pii.lookup-key",
        LOOKUP_KEY,
        "aduan.pii.topic-encryption",
        "false");
  }

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    Map<String, Object> properties = new java.util.HashMap<>(properties());
    if (environment.containsProperty("aduan.pii.active-key-id")
        || environment.containsProperty("aduan.cases.pii.active-key-id")) {
      // The test brought its own key set: leave it whole.
      properties.keySet().removeIf(name -> !name.equals("aduan.pii.topic-encryption"));
    }
    environment.getPropertySources().addLast(new MapPropertySource("aduanTestPiiKeys", properties));
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
