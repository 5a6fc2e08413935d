package id.aduan.cases.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The role table written out (A = admin, V = front office/verifier, C = coordinator, D = division
 * officer, H = head, O = operations, P = duty officer, petugas piket): a change of rule needs a
 * change here, in review.
 */
class PermissionsTest {

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "read,                      AVCDHOP",
    "intake,                    AVP",
    "verify,                    AV",
    "mark-complete,             AV",
    "request-information,       AVCD",
    "classify,                  AVC",
    "route,                     AVCHP",
    "assign,                    ACDHP",
    "disposition,               AH",
    "note,                      AVCDH",
    "reply,                     AVCD",
    "start-progress,            ACD",
    "answer,                    ACD",
    "resolve,                   ACDH",
    "reject,                    AVCH",
    "merge,                     AVC",
    "reopen,                    ACH",
    "archive,                   AC",
    "extend-deadline,           ACH",
    "advance-ppid,              ACDH",
    "field-investigation,       ACD",
    "consequence-test,          ACDH",
    "grant-information,         ACD",
    "refuse-information,        ACH",
    "read-personal-data,        AVCD",
    "read-anonymous-identity,   AV",
    "read-citizen-profile,      AVC",
    "merge-citizens,            AV",
    "read-audit,                AH"
  })
  void eachRoleMayTakeExactlyItsActions(String action, String roles) {
    StringBuilder allowed = new StringBuilder();
    for (Role role : Role.values()) {
      if (Permissions.allows(role, action)) {
        allowed.append(
            switch (role) {
              case DIVISION_OFFICER -> 'D';
              case DUTY_OFFICER -> 'P';
              default -> role.name().charAt(0);
            });
      }
    }
    assertThat(allowed.toString()).isEqualTo(roles.strip());
  }

  @ParameterizedTest
  @CsvSource({
    "aduan-front-office, VERIFIER",
    "ADMIN,              ADMIN",
    "division-officer,   DIVISION_OFFICER",
    "aduan-head,         HEAD",
    "petugas-piket,      DUTY_OFFICER",
    "duty-officer,       DUTY_OFFICER"
  })
  void realmRoleNamesAreRead(String name, Role role) {
    assertThat(Role.parse(name)).hasValue(role);
  }

  @org.junit.jupiter.api.Test
  void anActionWithoutARuleIsAProgrammingError() {
    assertThatThrownBy(() -> Permissions.allows(Role.ADMIN, "launch"))
        .hasMessageContaining("launch");
    assertThat(Role.parse("superuser")).isEmpty();
  }
}
