package id.aduan.agency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code notifications} section: what the notification service reads per agency. */
class AgencyNotificationsTest {

  private static final String HEAD =
      """
      code: XYZ
      name: Test
      timeZone: Asia/Jakarta
      standard: {file: x.txt}
      channels: {}
      """;

  @Test
  void everyBundledAgencyHasQuietHoursContactsForItsChainAndTheNotificationTexts() {
    for (Agency agency : AgencyCatalog.bundled().all()) {
      Agency.Notifications n = agency.rules().notifications();
      assertThat(n.quietHours()).as(agency.code()).isNotNull();
      assertThat(n.maxAutomaticPerDay()).as(agency.code()).isPositive();
      for (String role : agency.rules().escalation()) {
        assertThat(n.contacts().role(role)).as(agency.code() + " " + role).isNotEmpty();
      }
      for (Agency.Division d : agency.rules().divisions()) {
        assertThat(n.contacts().division(d.code())).as(agency.code() + " " + d.code()).isNotEmpty();
      }
      assertThat(agency.rules().templates())
          .as(agency.code())
          .containsKeys("routed", "inProgress", "survey", "slaBreached", "digest");
      assertThat(agency.rules().templates().get("survey").in("id")).contains("1", "5");
    }
  }

  @Test
  void aFullSectionReadsAsWritten() {
    Agency a =
        AgencyCatalog.parse(
            "x.yaml",
            HEAD
                + """
                escalation: [COORDINATOR]
                notifications:
                  statusUrl: https://aduan.example/status
                  quietHours: {from: "22:00", to: "05:30"}
                  maxAutomaticPerDay: 2
                  surveyDelay: PT3H
                  digestAt: "06:45"
                  contacts:
                    roles: {COORDINATOR: [k@x.test]}
                    divisions: {REHSOS: [r@x.test, s@x.test]}
                    officers: {budi: budi@x.test}
                  whatsappTemplates:
                    SURVEY: {name: survei, language: en, parameters: [ticket]}
                """);

    Agency.Notifications n = a.rules().notifications();
    assertThat(n.statusUrl()).isEqualTo("https://aduan.example/status");
    assertThat(n.quietHours())
        .isEqualTo(new Agency.QuietHours(LocalTime.of(22, 0), LocalTime.of(5, 30)));
    assertThat(n.maxAutomaticPerDay()).isEqualTo(2);
    assertThat(n.surveyDelay()).isEqualTo(Duration.ofHours(3));
    assertThat(n.digestAt()).isEqualTo(LocalTime.of(6, 45));
    assertThat(n.contacts().role("COORDINATOR")).containsExactly("k@x.test");
    assertThat(n.contacts().division("REHSOS")).containsExactly("r@x.test", "s@x.test");
    assertThat(n.contacts().officers()).containsEntry("budi", "budi@x.test");
    assertThat(n.whatsappTemplates().get("SURVEY"))
        .isEqualTo(new Agency.WhatsAppTemplate("survei", "en", List.of("ticket")));
  }

  @Test
  void withoutTheSectionTheDefaultsApply() {
    assertThat(AgencyCatalog.parse("x.yaml", HEAD).rules().notifications())
        .isEqualTo(Agency.Notifications.DEFAULTS);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "21:00, 06:00, 23:30, true",
    "21:00, 06:00, 05:59, true",
    "21:00, 06:00, 06:00, false",
    "21:00, 06:00, 12:00, false",
    "12:00, 13:00, 12:30, true",
    "12:00, 13:00, 13:00, false"
  })
  void quietHoursMaySpanMidnight(LocalTime from, LocalTime to, LocalTime at, boolean quiet) {
    assertThat(new Agency.QuietHours(from, to).contains(at)).isEqualTo(quiet);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "unknown key | 'notifications: {quietHour: x}' | x.yaml:6: notifications.quietHour: unknown key",
        "bad time | 'notifications: {quietHours: {from: late, to: \"06:00\"}}' | x.yaml:6: notifications.quietHours.from: 'late' is not a time",
        "zero limit | 'notifications: {maxAutomaticPerDay: 0}' | x.yaml:6: notifications.maxAutomaticPerDay: must be at least 1",
        "bad address | 'notifications: {contacts: {roles: {HEAD: [nobody]}}}' | x.yaml:6: notifications.contacts.roles.HEAD[0]: 'nobody' is not an email address",
        "unknown role | 'notifications: {contacts: {roles: {BOSS: [a@b.test]}}}' | x.yaml:6: notifications.contacts.roles.BOSS: unknown role 'BOSS'",
        "unknown purpose | 'notifications: {whatsappTemplates: {HELLO: {name: x}}}' | x.yaml:6: notifications.whatsappTemplates.HELLO: unknown purpose",
        "unknown parameter | 'notifications: {whatsappTemplates: {SURVEY: {name: x, parameters: [nik]}}}' | x.yaml:6: notifications.whatsappTemplates.SURVEY.parameters[0]: unknown placeholder 'nik'",
        "bad url | 'notifications: {statusUrl: status}' | x.yaml:6: notifications.statusUrl: must be an http(s) URL"
      })
  void aBadSectionNamesFilePathLineAndReason(String name, String yaml, String expected) {
    assertThatThrownBy(() -> AgencyCatalog.parse("x.yaml", HEAD + yaml))
        .isInstanceOf(AgencyConfigException.class)
        .hasMessageStartingWith(expected);
  }
}
