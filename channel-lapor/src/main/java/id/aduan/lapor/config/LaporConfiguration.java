package id.aduan.lapor.config;

import id.aduan.lapor.domain.ReportNormalizer;
import id.aduan.lapor.domain.StatusTable;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
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

  private static void require(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(name + " is required and has no default");
    }
  }
}
