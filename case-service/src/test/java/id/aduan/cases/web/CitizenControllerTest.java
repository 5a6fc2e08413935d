package id.aduan.cases.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import id.aduan.cases.application.VersionedCase;
import id.aduan.cases.persistence.Citizens;
import id.aduan.cases.pii.PersonalDataAudit;
import id.aduan.cases.security.Caller;
import id.aduan.cases.security.Role;
import id.aduan.contracts.Channel;
import id.aduan.testsupport.InJvmMongo;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The citizen profile of a case: matched only within the caller's agency, with no identity hash in
 * the answer, and every read audited. Against the in-JVM MongoDB-protocol server; the officer's
 * sign-in is replaced by a fixed caller.
 */
class CitizenControllerTest {

  private static final Instant AT = StoredCases.AT;
  private static final Caller CALLER = new Caller("verifier-bdg", "BDG", Role.VERIFIER, null);
  private static final Principal PRINCIPAL = () -> "verifier-bdg";

  private MongoClient client;
  private Citizens citizens;
  private PersonalDataAudit audit;
  private CitizenController controller;

  @BeforeEach
  void start() {
    String uri = InJvmMongo.freshDatabaseUri("citizens");
    client = MongoClients.create(uri);
    MongoTemplate mongo =
        new MongoTemplate(client, uri.substring(uri.lastIndexOf('/') + 1).replaceAll("\\?.*", ""));
    citizens = new Citizens(mongo);
    audit =
        new PersonalDataAudit(mongo, new SimpleMeterRegistry(), Clock.fixed(AT, ZoneOffset.UTC));
    controller = new CitizenController(citizens, signedIn(), audit);
  }

  @AfterEach
  void stop() {
    client.close();
  }

  @Test
  void theProfileShowsOnlyTheAgencysMatchesNoHashesAndIsAudited() throws Exception {
    citizens.record(
        "BDG",
        "citizen:wa",
        Channel.WHATSAPP,
        "Siti",
        List.of("citizen:wa", "phone:p1"),
        "c-1",
        AT);
    Citizens.Profile lapor =
        citizens.record(
            "BDG",
            "citizen:lapor",
            Channel.LAPOR,
            null,
            List.of("citizen:lapor", "phone:p1"),
            "c-2",
            AT);
    citizens.record(
        "PSR", "citizen:x", Channel.EMAIL, null, List.of("citizen:x", "phone:p1"), "c-3", AT);

    CitizenController.ProfileView view = controller.citizenOf("BDG-2026-000001", PRINCIPAL);

    assertThat(view.mergeCandidates())
        .extracting(CitizenController.Candidate::profileId)
        .containsExactly(lapor.id());
    assertThat(view.mergeCandidates().getFirst().shared()).containsExactly("phone");
    String json = JsonMapper.builder().build().writeValueAsString(view);
    assertThat(json).doesNotContain("citizen:").doesNotContain("p1");
    assertThat(audit.of("BDG", "BDG-2026-000001", 10))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.officer()).isEqualTo("verifier-bdg");
              assertThat(a.fields()).containsExactly("citizenProfile");
            });
  }

  @Test
  void aProfileOfAnotherAgencyCannotBeMerged() {
    Citizens.Profile ours =
        citizens.record(
            "BDG", "citizen:wa", Channel.WHATSAPP, null, List.of("citizen:wa"), "c-1", AT);
    Citizens.Profile theirs =
        citizens.record("PSR", "citizen:x", Channel.EMAIL, null, List.of("citizen:x"), "c-3", AT);
    assertThatThrownBy(
            () ->
                controller.merge(
                    new CitizenController.Merge(List.of(ours.id(), theirs.id())), PRINCIPAL))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(citizens.byId("PSR", theirs.id()).personId()).isEqualTo(theirs.id());
  }

  /** The verifier of Bandung, seeing a case whose reporter is "citizen:wa". */
  private static Officer signedIn() {
    return new Officer(null, null, null, new SimpleMeterRegistry()) {
      @Override
      Caller allowed(Principal principal, String action) {
        return CALLER;
      }

      @Override
      VersionedCase visible(Caller caller, String ticket) {
        return StoredCases.routed(ticket, "citizen:wa", false).versioned();
      }

      @Override
      id.aduan.agency.Agency agencyOf(Caller caller) {
        return id.aduan.agency.AgencyCatalog.load(java.util.Optional.empty())
            .byCode("BDG")
            .orElseThrow();
      }
    };
  }
}
