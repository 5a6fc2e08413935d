package id.aduan.lapor.config;

import id.aduan.lapor.domain.ReportNormalizer;
import id.aduan.lapor.domain.StatusTable;
import id.aduan.support.ProcessedKeys;
import id.aduan.support.messaging.OutboundRetryConfiguration;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;

@Configuration(proxyBeanMethods = false)
@Import(OutboundRetryConfiguration.class)
class LaporConfiguration {

  @Bean
  StatusTable statusTable(LaporProperties properties) {
    require(properties.baseUrl(), "aduan.lapor.base-url (ADUAN_LAPOR_BASEURL)");
    require(properties.token(), "aduan.lapor.token (ADUAN_LAPOR_TOKEN)");
    if (properties.statusMap().inbound().isEmpty()) {
      throw new IllegalStateException(
          "aduan.lapor.status-map.inbound is empty: every LAPOR! report would be dead-lettered");
    }
    return new StatusTable(properties.statusMap().inbound(), properties.statusMap().outbound());
  }

  @Bean
  ReportNormalizer reportNormalizer(StatusTable statuses, LaporProperties properties, Clock clock) {
    return new ReportNormalizer(statuses, properties.categoryDivisions(), clock);
  }

  /**
   * {@code version:<tracking id>/v<n>} and {@code report:<tracking id>}, kept for good: a report is
   * polled again whenever it changes, months later, and must still be recognised.
   */
  @Bean
  ProcessedKeys reportKeys(MongoTemplate mongo) {
    return new ProcessedKeys(mongo, "lapor_report_keys", null);
  }

  /** {@code step:<outbound event id>/<step>}: calls made to LAPOR!, kept 8 days. */
  @Bean
  ProcessedKeys stepKeys(MongoTemplate mongo) {
    return new ProcessedKeys(mongo, "lapor_step_keys", Duration.ofDays(8));
  }

  private static void require(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(name + " is required and has no default");
    }
  }
}
