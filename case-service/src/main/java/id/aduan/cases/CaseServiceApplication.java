package id.aduan.cases;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class CaseServiceApplication {

  /** The service reads {@code case-service.yaml}, so several services can share a JVM in tests. */
  public static SpringApplicationBuilder builder() {
    return new SpringApplicationBuilder(CaseServiceApplication.class)
        .properties("spring.config.name=case-service");
  }

  public static void main(String[] args) {
    builder().run(args);
  }
}
