package id.aduan.sla;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class SlaServiceApplication {

  /** The service reads {@code sla-service.yaml}, so several services can share a JVM in tests. */
  public static SpringApplicationBuilder builder() {
    return new SpringApplicationBuilder(SlaServiceApplication.class)
        .properties("spring.config.name=sla-service");
  }

  public static void main(String[] args) {
    builder().run(args);
  }
}
