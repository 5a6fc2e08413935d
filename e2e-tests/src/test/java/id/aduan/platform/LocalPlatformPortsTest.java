package id.aduan.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The ports of platforms created in one JVM (no platform is started here): the run's shared
 * platform and {@code KafkaClusterPlatformTest}'s run side by side, so a port chosen for one must
 * never be chosen for another, even after the sockets that held it while choosing are closed.
 */
class LocalPlatformPortsTest {

  private final List<LocalPlatform> created = new ArrayList<>();

  @AfterEach
  void deleteHomes() throws IOException {
    for (LocalPlatform platform : created) {
      try (Stream<Path> files = Files.walk(platform.home())) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  @Test
  void noTwoPlatformsOfOneJvmShareAPort() {
    // 40 platforms of 18 to 22 ports each: drawn independently from the ~22,000 ports below the
    // ephemeral range, some two of them would almost surely meet.
    Map<Integer, String> owner = new HashMap<>();
    List<String> shared = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      LocalPlatform platform = LocalPlatform.create(i % 2 == 0 ? 1 : 3);
      created.add(platform);
      String name = "platform " + i;
      assertThat(platform.ports()).hasSizeGreaterThanOrEqualTo(15);
      platform
          .ports()
          .forEach(
              (variable, port) -> {
                String before = owner.putIfAbsent(port, name + " " + variable);
                if (before != null) {
                  shared.add(port + ": " + before + " and " + name + " " + variable);
                }
              });
    }
    assertThat(shared).isEmpty();
  }
}
