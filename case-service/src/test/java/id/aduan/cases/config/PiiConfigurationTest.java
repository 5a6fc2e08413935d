package id.aduan.cases.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.aduan.support.pii.PiiCipher;
import id.aduan.support.pii.PiiProperties;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class PiiConfigurationTest {

  private final PiiConfiguration configuration = new PiiConfiguration();

  @Test
  void withoutKeysOutsideDemoModeTheServiceRefusesToStart() {
    assertThatThrownBy(
            () -> configuration.piiCipher(new PiiProperties(null, null, null), false, "secret"))
        .hasMessageContaining("aduan.pii.active-key-id");
  }

  @Test
  void demoModeDerivesDemoKeysFromTheDemoPassword() {
    PiiCipher demo =
        configuration.piiCipher(new PiiProperties(null, null, null), true, "aduan-demo");
    assertThat(demo.activeKeyId()).isEqualTo("demo");
    PiiCipher again =
        configuration.piiCipher(new PiiProperties(null, null, null), true, "aduan-demo");
    assertThat(again.decrypt(demo.encrypt("081234567890"))).isEqualTo("081234567890");
  }

  @Test
  void configuredKeysWinEvenInDemoMode() {
    String key = Base64.getEncoder().encodeToString(new byte[32]);
    PiiCipher configured =
        configuration.piiCipher(
            new PiiProperties("2026-01", Map.of("2026-01", key), key), true, "x");
    assertThat(configured.activeKeyId()).isEqualTo("2026-01");
  }

  @Test
  void theSharedPrefixWinsAndTheEarlierCaseServicePrefixIsStillAccepted() {
    String key = Base64.getEncoder().encodeToString(new byte[32]);
    MockEnvironment legacy =
        new MockEnvironment()
            .withProperty("aduan.cases.pii.active-key-id", "old")
            .withProperty("aduan.cases.pii.keys.old", key)
            .withProperty("aduan.cases.pii.lookup-key", key);
    assertThat(configuration.piiCipher(legacy, false, "").activeKeyId()).isEqualTo("old");
    MockEnvironment shared =
        legacy
            .withProperty("aduan.pii.active-key-id", "new")
            .withProperty("aduan.pii.keys.new", key)
            .withProperty("aduan.pii.lookup-key", key);
    assertThat(configuration.piiCipher(shared, false, "").activeKeyId()).isEqualTo("new");
  }
}
