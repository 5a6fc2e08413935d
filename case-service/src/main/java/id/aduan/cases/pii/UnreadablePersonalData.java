package id.aduan.cases.pii;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The cases whose personal data this instance could not decrypt when it last read them (a retired
 * key, a damaged value; docs/adr/0025). Counted once per case as it is found ({@code
 * aduan_cases_pii_unreadable_total}, tagged with what could not be read), and shown as a health
 * detail ({@code personalData}): the status stays UP, since everything else about those cases still
 * works, but an administrator sees how many and which tickets.
 */
@Component("personalData")
public class UnreadablePersonalData implements HealthIndicator {

  static final String METRIC = "aduan.cases.pii.unreadable";
  private static final int TICKETS_SHOWN = 20;

  private final MeterRegistry meters;
  private final Map<String, String> ticketsByCase = new ConcurrentHashMap<>();

  UnreadablePersonalData(MeterRegistry meters) {
    this.meters = meters;
  }

  /** A case was read; {@code failed} names the parts that could not be decrypted (none: all). */
  void read(String caseId, String ticket, Set<String> failed) {
    if (failed.isEmpty()) {
      ticketsByCase.remove(caseId);
      return;
    }
    if (ticketsByCase.put(caseId, ticket) == null) {
      for (String part : failed) {
        meters.counter(METRIC, "part", part).increment();
      }
    }
  }

  public int count() {
    return ticketsByCase.size();
  }

  @Override
  public Health health() {
    List<String> tickets = ticketsByCase.values().stream().sorted().limit(TICKETS_SHOWN).toList();
    return Health.up()
        .withDetail("unreadableCases", ticketsByCase.size())
        .withDetail("tickets", tickets)
        .build();
  }
}
