package id.aduan.sla.config;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param defaultWorkingDays the completion deadline when an agency's configuration sets none
 * @param calendar where the national holiday calendar comes from
 */
@ConfigurationProperties("aduan.sla")
public record SlaProperties(
    @DefaultValue("5") int defaultWorkingDays, @DefaultValue Calendar calendar) {

  /**
   * @param file an operator's calendar file; empty means the calendar bundled with this release
   * @param reloadInterval how often the file is checked for changes
   */
  public record Calendar(@Nullable Path file, @DefaultValue("1m") Duration reloadInterval) {}
}
