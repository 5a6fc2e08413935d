package id.aduan.cases.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The public web complaint form of each agency, without login: {@code /lapor/{agency}} (e.g. {@code
 * /lapor/lbk}) is the one page {@code lapor.html}, which reads the agency from its address and asks
 * {@code WebFormController} what that agency's form offers (docs/adr/0054).
 */
@Configuration(proxyBeanMethods = false)
class WebFormPages implements WebMvcConfigurer {

  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    registry.addViewController("/lapor/{agency}").setViewName("forward:/lapor.html");
  }
}
