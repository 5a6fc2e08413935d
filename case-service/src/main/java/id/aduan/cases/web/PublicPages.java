package id.aduan.cases.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Pages for citizens, without login: {@code /status} is where the acknowledgement sends them to
 * follow their complaint by its ticket number (the agency file's {@code notifications.statusUrl}).
 */
@Configuration(proxyBeanMethods = false)
class PublicPages implements WebMvcConfigurer {

  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    registry.addViewController("/status").setViewName("forward:/status.html");
  }
}
