package id.aduan.sla.config;

import id.aduan.sla.domain.DueSchedule;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param defaultWorkingDays the completion deadline when an agency's configuration sets none
 * @param calendar where the national holiday calendar comes from
 * @param warnings the fractions of the allowed office time at which a warning fires
 * @param escalation the chain after a breach while agencies' files set none: who, how long after
 * @param scan how due moments are found
 */
@ConfigurationProperties("aduan.sla")
public record SlaProperties(
    @DefaultValue("5") int defaultWorkingDays,
    @DefaultValue Calendar calendar,
    @DefaultValue({"0.5", "0.8"}) List<Double> warnings,
    @Nullable List<Step> escalation,
    @DefaultValue Scan scan) {

  public SlaProperties {
    escalation =
        escalation == null
            ? List.of(new Step("coordinator", Duration.ZERO), new Step("head", Duration.ofDays(1)))
            : List.copyOf(escalation);
  }

  /** The defaults, with {@code calendar}: what the bundled configuration file sets. */
  public static SlaProperties defaults(Calendar calendar) {
    return new SlaProperties(
        5,
        calendar,
        List.of(0.5, 0.8),
        null,
        new Scan(Duration.ofSeconds(1), Duration.ofSeconds(10)));
  }

  public List<DueSchedule.Escalation> chain() {
    return escalation.stream().map(s -> new DueSchedule.Escalation(s.role(), s.after())).toList();
  }

  /**
   * @param file an operator's calendar file; empty means the calendar bundled with this release
   * @param reloadInterval how often the file is checked for changes
   */
  public record Calendar(@Nullable Path file, @DefaultValue("1m") Duration reloadInterval) {}

  public record Step(String role, Duration after) {}

  /**
   * @param interval how often the scan runs; a breach fires at most this much (plus the scan's own
   *     time) after its deadline
   * @param bucket the width of the time slots due moments are filed under
   */
  public record Scan(@DefaultValue("1s") Duration interval, @DefaultValue("10s") Duration bucket) {}
}
