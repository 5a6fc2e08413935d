package id.aduan.whatsapp;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class WhatsAppApplication {

  /**
   * The service reads {@code channel-whatsapp.yaml}, so several services can share a JVM in tests.
   */
  public static SpringApplicationBuilder builder() {
    return new SpringApplicationBuilder(WhatsAppApplication.class)
        .properties("spring.config.name=channel-whatsapp");
  }

  public static void main(String[] args) {
    builder().run(args);
  }
}
