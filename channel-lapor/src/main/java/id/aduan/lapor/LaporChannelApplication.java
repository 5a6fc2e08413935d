package id.aduan.lapor;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class LaporChannelApplication {

  /** The service reads {@code channel-lapor.yaml}, so several services can share a JVM in tests. */
  public static SpringApplicationBuilder builder() {
    return new SpringApplicationBuilder(LaporChannelApplication.class)
        .properties("spring.config.name=channel-lapor");
  }

  public static void main(String[] args) {
    builder().run(args);
  }
}
