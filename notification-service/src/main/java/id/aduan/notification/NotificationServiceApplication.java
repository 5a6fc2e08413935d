package id.aduan.notification;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class NotificationServiceApplication {

  /**
   * The service reads {@code notification-service.yaml}, so several services can share a JVM in
   * tests.
   */
  public static SpringApplicationBuilder builder() {
    return new SpringApplicationBuilder(NotificationServiceApplication.class)
        .properties("spring.config.name=notification-service");
  }

  public static void main(String[] args) {
    builder().run(args);
  }
}
