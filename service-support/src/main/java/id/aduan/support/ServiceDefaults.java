package id.aduan.support;

import id.aduan.agency.AgencyCatalog;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Beans every service needs the same way: the clock every rule takes (tests replace it), and the
 * agency catalogue, from {@code aduan.agencies.dir} when set, else the bundled demo agencies.
 */
@AutoConfiguration
public class ServiceDefaults {

  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  @ConditionalOnMissingBean
  AgencyCatalog agencyCatalog(@Value("${aduan.agencies.dir:}") String dir) {
    return AgencyCatalog.load(Optional.of(dir).filter(d -> !d.isBlank()).map(Path::of));
  }
}
