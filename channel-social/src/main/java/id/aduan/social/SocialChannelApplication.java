package id.aduan.social;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class SocialChannelApplication {

  /**
   * The service reads {@code channel-social.yaml}, so several services can share a JVM in tests.
   */
  public static SpringApplicationBuilder builder() {
    return new SpringApplicationBuilder(SocialChannelApplication.class)
        .properties("spring.config.name=channel-social");
  }

  public static void main(String[] args) {
    builder().run(args);
  }
}
