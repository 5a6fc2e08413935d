package id.aduan.lapor.domain;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * How LAPOR!'s statuses and Aduan's meanings translate, both ways, from configuration ({@code
 * aduan.lapor.status-map}): LAPOR! renames statuses between versions and agencies name them
 * differently, and a table an operator edits beats a release.
 *
 * @param inbound LAPOR! status (lower case) to the Aduan status carried on the complaint
 * @param outbound purpose of an outbound message (REJECTION, RESOLUTION, ...), or purpose and
 *     reason code ({@code REJECTION/NOT_AUTHORITY}), to the LAPOR! status to set; the entry with
 *     the reason wins over the purpose's; purposes without an entry only post a follow-up
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

  /**
   * The status for a purpose and its reason ({@code REJECTION} and {@code NOT_AUTHORITY}): the
   * entry {@code <purpose>/<reason>}, else the purpose's own. A blank status in the table means "no
   * status change" (an operator can so switch a purpose's default off for one reason).
   */
  public Optional<String> outbound(String purpose, @Nullable String reasonCode) {
    String key = purpose.toUpperCase(Locale.ROOT);
    String status =
        reasonCode != null && outbound.containsKey(key + "/" + reasonCode.toUpperCase(Locale.ROOT))
            ? outbound.get(key + "/" + reasonCode.toUpperCase(Locale.ROOT))
            : outbound.get(key);
    return Optional.ofNullable(status).filter(s -> !s.isBlank());
  }
}
