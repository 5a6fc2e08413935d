package id.aduan.lapor.config;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the SP4N-LAPOR! integration ({@code aduan.lapor.*}; base URL and token fixed by
 * CONTRACT.md, the rest documented in docs/configuration.md).
 *
 * @param baseUrl the agency API, version included (e.g. {@code http://127.0.0.1:8090/api/v1})
 * @param token the agency's API token, sent as {@code Authorization: Token <token>}
 * @param pollInterval pause between two polls of every agency
 * @param overlap how far before the watermark each poll asks again
 * @param pageSize reports per page asked for
 * @param maxPagesPerPoll bound on pages read in one poll of one agency (the rest comes next time)
 * @param topicSyncInterval how often the category tree is synchronised
 * @param requestTimeout connect and read timeout of one call
 * @param retry attempts (first included) and first back-off of a failing call
 * @param statusMap LAPOR! statuses to Aduan's, and outbound purposes to LAPOR! statuses
 * @param categoryDivisions agency code to (LAPOR! category id to the agency's division)
 * @param format the format asked for (Accept) and sent (request bodies) by default
 * @param formats the format per LAPOR! agency id, where one agency's endpoint differs
 * @param attachments downloads of report attachments
 * @param recheckPerPoll bound on the open reports read again one by one in one poll of one agency,
 *     to see those LAPOR! dispositioned away (the listing no longer shows them); the least recently
 *     read first
 */
@ConfigurationProperties("aduan.lapor")
public record LaporProperties(
    String baseUrl,
    String token,
    @DefaultValue("30s") Duration pollInterval,
    @DefaultValue("10m") Duration overlap,
    @DefaultValue("50") int pageSize,
    @DefaultValue("20") int maxPagesPerPoll,
    @DefaultValue("6h") Duration topicSyncInterval,
    @DefaultValue("10s") Duration requestTimeout,
    @DefaultValue Retry retry,
    @DefaultValue StatusMap statusMap,
    Map<String, Map<String, String>> categoryDivisions,
    @DefaultValue("JSON") Format format,
    Map<String, Format> formats,
    @DefaultValue Attachments attachments,
    @DefaultValue("20") int recheckPerPoll) {

  public LaporProperties {
    categoryDivisions = categoryDivisions == null ? Map.of() : Map.copyOf(categoryDivisions);
    formats = formats == null ? Map.of() : Map.copyOf(formats);
  }

  /** The format to ask the reports of {@code laporAgencyId} in. */
  public Format formatOf(String laporAgencyId) {
    return formats.getOrDefault(laporAgencyId, format);
  }

  /** LAPOR!'s wire formats; answers are read by their Content-Type whatever was asked. */
  public enum Format {
    JSON,
    XML
  }

  /**
   * @param maxSize larger attachments are not stored (status TOO_LARGE, not retried)
   * @param retryInterval how often failed downloads are tried again
   * @param maxAttempts attempts (first included) before a download is given up
   */
  public record Attachments(
      @DefaultValue("25MB") DataSize maxSize,
      @DefaultValue("1m") Duration retryInterval,
      @DefaultValue("10") int maxAttempts) {}

  public record Retry(
      @DefaultValue("3") int maxAttempts,
      @DefaultValue("200ms") Duration backoff,
      @DefaultValue("50") int failureRateThreshold,
      @DefaultValue("30s") Duration openFor) {}

  public record StatusMap(Map<String, String> inbound, Map<String, String> outbound) {
    public StatusMap {
      inbound = inbound == null ? Map.of() : Map.copyOf(inbound);
      outbound = outbound == null ? Map.of() : Map.copyOf(outbound);
    }
  }
}
