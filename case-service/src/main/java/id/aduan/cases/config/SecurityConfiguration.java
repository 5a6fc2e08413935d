package id.aduan.cases.config;

import id.aduan.cases.persistence.Officers;
import id.aduan.cases.security.Callers;
import id.aduan.cases.security.Role;
import id.aduan.cases.security.SecurityProperties;
import id.aduan.cases.security.SignInLimiter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Authentication: HTTP Basic against officer accounts in MongoDB (bcrypt) by default, or the JWTs
 * of an OIDC provider with {@code aduan.cases.security.mode=oidc} (docs/adr/0021). Health, metrics,
 * the OpenAPI document and the public status lookup are open; every other actuator endpoint is
 * closed; the officer API needs an officer. What an officer may see and do is decided per request
 * from their role, agency and division ({@code security/Callers}, {@code security/Permissions}).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  @Bean
  SecurityFilterChain api(
      HttpSecurity http,
      SecurityProperties properties,
      Callers callers,
      SignInLimiter signIns,
      ObjectProvider<JwtDecoder> decoders)
      throws Exception {
    http.authorizeHttpRequests(
            auth ->
                auth.requestMatchers(
                        "/actuator/health",
                        "/actuator/health/**",
                        "/actuator/prometheus",
                        "/error",
                        "/v3/api-docs",
                        "/v3/api-docs/**",
                        "/api/v1/public/**")
                    .permitAll()
                    // The officer UI's static files; the data behind it needs an officer.
                    .requestMatchers(
                        "/", "/index.html", "/status", "/status.html", "/assets/**", "/favicon.ico")
                    .permitAll()
                    // The public web complaint form of each agency (docs/adr/0054).
                    .requestMatchers("/lapor/*", "/lapor.html")
                    .permitAll()
                    .requestMatchers("/api/v1/**")
                    .authenticated()
                    .anyRequest()
                    .denyAll())
        .csrf(csrf -> csrf.ignoringRequestMatchers("/api/**"))
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
    if (properties.oidcMode()) {
      JwtDecoder decoder =
          new AudienceCheckedDecoder(
              decoders.getObject(), String.valueOf(properties.oidc().audience()));
      http.oauth2ResourceServer(
          o -> o.jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(tokens(callers))));
    } else {
      http.httpBasic(Customizer.withDefaults())
          .addFilterBefore(signIns.filter(), BasicAuthenticationFilter.class);
    }
    return http.build();
  }

  /** A token's realm roles become {@code ROLE_<ROLE>} authorities; its subject the officer. */
  private static Converter<Jwt, AbstractAuthenticationToken> tokens(Callers callers) {
    return jwt ->
        new JwtAuthenticationToken(
            jwt,
            callers.roles(jwt).stream()
                .map(Role::name)
                .map(r -> new SimpleGrantedAuthority("ROLE_" + r))
                .toList(),
            callers.username(jwt));
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
