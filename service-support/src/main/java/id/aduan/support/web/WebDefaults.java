package id.aduan.support.web;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.web.filter.OncePerRequestFilter;

/** What every servlet service gets: request bodies bounded while they stream. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(OncePerRequestFilter.class)
@EnableConfigurationProperties(BodyLimitProperties.class)
public class WebDefaults {

  @Bean
  @ConditionalOnMissingBean
  BodyLimitFilter bodyLimitFilter(
      BodyLimitProperties limits, ObjectProvider<MeterRegistry> meters) {
    return new BodyLimitFilter(limits, meters);
  }
}
