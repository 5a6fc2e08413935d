package id.aduan.lapor.domain;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How LAPOR!'s statuses and Aduan's meanings translate, both ways, from configuration ({@code
 * aduan.lapor.status-map}): LAPOR! renames statuses between versions and agencies name them
 * differently, and a table an operator edits beats a release.
 *
 * @param inbound LAPOR! status (lower case) to the Aduan status carried on the complaint
 * @param outbound purpose of an outbound message (REJECTION, RESOLUTION, ...) to the LAPOR! status
 *     to set; purposes without an entry only post a follow-up
 */
public record StatusTable(Map<String, String> inbound, Map<String, String> outbound) {

  public StatusTable {
    inbound =
        inbound.entrySet().stream()
            .collect(
                Collectors.toUnmodifiableMap(
                    e -> e.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue));
    outbound =
        outbound.entrySet().stream()
            .collect(
                Collectors.toUnmodifiableMap(
                    e -> e.getKey().toUpperCase(Locale.ROOT), Map.Entry::getValue));
  }

  /** Empty for a LAPOR! status the table does not know: such a report is dead-lettered. */
  public Optional<String> inbound(String laporStatus) {
    return Optional.ofNullable(inbound.get(laporStatus.toLowerCase(Locale.ROOT)));
  }

  public Optional<String> outbound(String purpose) {
    return Optional.ofNullable(outbound.get(purpose.toUpperCase(Locale.ROOT)));
  }
}
