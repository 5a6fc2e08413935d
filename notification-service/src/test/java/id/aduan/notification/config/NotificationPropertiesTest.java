package id.aduan.notification.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The property names and defaults that docs/configuration.md lists for notification-service. */
class NotificationPropertiesTest {

  private static NotificationProperties bind(Map<String, String> properties) {
    return new Binder(new MapConfigurationPropertySource(properties))
        .bindOrCreate("aduan.notification", NotificationProperties.class);
  }

  @Test
  void withNothingSetTheDocumentedDefaultsHold() {
    NotificationProperties properties = bind(Map.of());

    assertThat(properties.staleAfter()).isEqualTo(Duration.ofHours(24));
    assertThat(properties.digest().enabled()).isTrue();
  }

  @Test
  void theDocumentedNamesAreRead() {
    NotificationProperties properties =
        bind(
            Map.of(
                "aduan.notification.stale-after", "90m",
                "aduan.notification.digest.enabled", "false"));

    assertThat(properties.staleAfter()).isEqualTo(Duration.ofMinutes(90));
    assertThat(properties.digest().enabled()).isFalse();
  }
}
