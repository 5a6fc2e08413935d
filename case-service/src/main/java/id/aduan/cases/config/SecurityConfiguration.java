package id.aduan.cases.config;

import id.aduan.cases.persistence.Officers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The local default: HTTP Basic against officer accounts in MongoDB (bcrypt). Health and metrics
 * are open; every other actuator endpoint is closed; the API needs an officer.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  @Bean
  SecurityFilterChain api(HttpSecurity http) throws Exception {
    return http.authorizeHttpRequests(
            auth ->
                auth.requestMatchers("/actuator/health/**", "/actuator/prometheus", "/error")
                    .permitAll()
                    // The officer UI's static files; the data behind it needs an officer.
                    .requestMatchers("/", "/index.html", "/assets/**", "/favicon.ico")
                    .permitAll()
                    .requestMatchers("/api/v1/**")
                    .authenticated()
                    .anyRequest()
                    .denyAll())
        .httpBasic(Customizer.withDefaults())
        .csrf(csrf -> csrf.ignoringRequestMatchers("/api/**"))
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .build();
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    return new BCryptPasswordEncoder();
  }

  @Bean
  UserDetailsService officerAccounts(Officers officers) {
    return username ->
        officers
            .byUsername(username)
            .map(
                o ->
                    User.withUsername(o.username())
                        .password(o.passwordHash())
                        .roles(o.role())
                        .build())
            .orElseThrow(() -> new UsernameNotFoundException("no such officer"));
  }
}
