package id.aduan.cases.config;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the operations dashboard reads adapter health ({@code aduan.operations.*}).
 *
 * @param scrapeTargets service name to its {@code /actuator/prometheus} URL; the entry named like
 *     this service is read in process
 * @param scrapeTimeout per target; a target that does not answer in time shows as down
 */
@ConfigurationProperties("aduan.operations")
public record OperationsProperties(Map<String, URI> scrapeTargets, Duration scrapeTimeout) {

  public OperationsProperties {
    scrapeTargets = scrapeTargets == null ? Map.of() : Map.copyOf(scrapeTargets);
    scrapeTimeout = scrapeTimeout == null ? Duration.ofSeconds(2) : scrapeTimeout;
  }
}
