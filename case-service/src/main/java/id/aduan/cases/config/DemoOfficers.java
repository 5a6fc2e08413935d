package id.aduan.cases.config;

import id.aduan.agency.Agency;
import id.aduan.agency.AgencyCatalog;
import id.aduan.cases.persistence.Officers;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Demo officer accounts for the local platform only ({@code aduan.demo.enabled=true}, never in
 * production defaults), password from {@code aduan.demo.password}. For each agency: {@code
 * <code>.admin}, {@code <code>.loket} (front office and verifier), {@code <code>.koordinator},
 * {@code <code>.kepala} (head), {@code <code>.ops} (operations viewer), and one division officer
 * per division, {@code <code>.<division>} (e.g. {@code bdg.linjamsos}); where the agency times the
 * walk-in reception (Buton), {@code <code>.piket}, the duty officer.
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
      add(prefix + ".admin", hash, agency, "ADMIN", null);
      add(prefix + ".loket", hash, agency, "VERIFIER", null);
      add(prefix + ".koordinator", hash, agency, "COORDINATOR", null);
      add(prefix + ".kepala", hash, agency, "HEAD", null);
      add(prefix + ".ops", hash, agency, "OPERATIONS", null);
      if (hasWalkInReception(agency)) {
        // The duty officer (petugas piket) of an agency that promises walk-ins an officer within
        // a time of their own (Buton: 1 hour): btn.piket.
        add(prefix + ".piket", hash, agency, "DUTY_OFFICER", null);
      }
      for (Agency.Division division : agency.rules().divisions()) {
        add(
            prefix + "." + division.code().toLowerCase(Locale.ROOT),
            hash,
            agency,
            "DIVISION_OFFICER",
            division.code());
      }
    }
  }

  private static boolean hasWalkInReception(Agency agency) {
    return agency.rules().slaClasses().stream().anyMatch(c -> c.stage("reception").isPresent());
  }

  private void add(
      String username, String hash, Agency agency, String role, @Nullable String division) {
    officers.addIfAbsent(
        new Officers.Officer(
            username,
            hash,
            agency.code(),
            role,
            division,
            role + (division == null ? "" : " " + division) + " " + agency.code()));
  }
}
