package id.aduan.email;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class EmailChannelApplication {

  /** The service reads {@code channel-email.yaml}, so several services can share a JVM in tests. */
  public static SpringApplicationBuilder builder() {
    return new SpringApplicationBuilder(EmailChannelApplication.class)
        .properties("spring.config.name=channel-email");
  }

  public static void main(String[] args) {
    builder().run(args);
  }
}
