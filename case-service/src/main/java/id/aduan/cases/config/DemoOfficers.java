package id.aduan.cases.config;

import id.aduan.agency.Agency;
import id.aduan.agency.AgencyCatalog;
import id.aduan.cases.persistence.Officers;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Demo officer accounts for the local platform only ({@code aduan.demo.enabled=true}, never in
 * production defaults): {@code <code>.admin} for each agency, password from {@code
 * aduan.demo.password}.
 */
@Component
@ConditionalOnProperty(name = "aduan.demo.enabled", havingValue = "true")
class DemoOfficers implements ApplicationRunner {

  private final Officers officers;
  private final AgencyCatalog agencies;
  private final PasswordEncoder passwords;
  private final String password;

  DemoOfficers(
      Officers officers,
      AgencyCatalog agencies,
      PasswordEncoder passwords,
      @Value("${aduan.demo.password}") String password) {
    this.officers = officers;
    this.agencies = agencies;
    this.passwords = passwords;
    this.password = password;
  }

  @Override
  public void run(ApplicationArguments args) {
    String hash = passwords.encode(password);
    for (Agency agency : agencies.all()) {
      String prefix = agency.code().toLowerCase(Locale.ROOT);
      officers.addIfAbsent(
          new Officers.Officer(
              prefix + ".admin", hash, agency.code(), "ADMIN", null, "Admin " + agency.code()));
    }
  }
}
