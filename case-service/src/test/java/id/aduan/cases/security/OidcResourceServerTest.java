package id.aduan.cases.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import id.aduan.testsupport.AduanKafka;
import id.aduan.testsupport.AduanService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

/**
 * Production authentication: the service as an OAuth2 resource server taking JWTs of an OIDC
 * provider (Keycloak's shape: realm roles in {@code realm_access.roles}, agency and division as
 * claims), verified with a locally generated key, no network. Also production's personal-data keys
 * (no demo mode).
 */
@AduanKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OidcResourceServerTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static final String AUDIENCE = OidcTestService.AUDIENCE;

  private final HttpClient http = HttpClient.newHttpClient();
  private static final KeyPair provider = OidcTestService.rsaKeyPair();
  private static final KeyPair stranger = OidcTestService.rsaKeyPair();

  @RegisterExtension static final AduanService service = OidcTestService.service("oidc", provider);

  @Test
  void realmRolesAgencyAndDivisionClaimsScopeWhatATokenSees() throws Exception {
    String frontOffice = token(provider, "siti", "BDG", List.of("aduan-front-office"), null, 300);
    HttpResponse<String> created =
        send(
            "POST",
            "/api/v1/intake",
            frontOffice,
            Map.of(
                "reference", "oidc-1",
                "mode", "walk-in",
                "receivedAt", Instant.now().minusSeconds(30).toString(),
                "description", "Bantuan PKH belum cair sejak awal tahun mohon dicek"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String ticket = JSON.readTree(created.body()).path("ticket").asText();
    String path = "/api/v1/cases/" + ticket;

    HttpResponse<String> own = send("GET", path, frontOffice, null);
    assertThat(own.statusCode()).isEqualTo(200);
    // The token's username is the actor of the audit trail.
    assertThat(JSON.readTree(own.body()).path("timeline").toString()).contains("siti");

    String otherAgency = token(provider, "rahmat", "BABEL", List.of("admin"), null, 300);
    assertThat(send("GET", path, otherAgency, null).statusCode()).isEqualTo(404);
    String otherDivision =
        token(provider, "andi", "BDG", List.of("division-officer"), "REHSOS", 300);
    assertThat(send("GET", path, otherDivision, null).statusCode()).isEqualTo(404);
    assertThat(
            JSON.readTree(send("GET", "/api/v1/cases", otherDivision, null).body())
                .path("total")
                .asLong())
        .isZero();
    String operations = token(provider, "ops", "BDG", List.of("operations"), null, 300);
    assertThat(
            send("POST", path + "/notes", operations, Map.of("version", 0, "text", "x"))
                .statusCode())
        .isEqualTo(403);
  }

  /**
   * The inbox, the workspace and the operations summary take the officer from the token: no local
   * account exists for these officers, and none is consulted.
   */
  @Test
  void inboxWorkspaceAndOperationsSummaryTakeTheCallerFromTheToken() throws Exception {
    String division = token(provider, "dewi", "BDG", List.of("division-officer"), "REHSOS", 300);
    String head = token(provider, "kepala.oidc", "BABEL", List.of("aduan-head"), null, 300);
    String operations = token(provider, "ops.oidc", "BDG", List.of("operations"), null, 300);

    HttpResponse<String> inbox = send("GET", "/api/v1/inbox?division=LINJAMSOS", division, null);
    HttpResponse<String> workspace = send("GET", "/api/v1/workspace", head, null);
    HttpResponse<String> summary = send("GET", "/api/v1/operations/summary", operations, null);
    HttpResponse<String> headSummary = send("GET", "/api/v1/operations/summary", head, null);

    assertThat(inbox.statusCode()).as(inbox.body()).isEqualTo(200);
    // A division officer's inbox is their token's division, whatever they ask for.
    assertThat(JSON.readTree(inbox.body()).path("role").asText()).isEqualTo("DIVISION_OFFICER");
    assertThat(JSON.readTree(inbox.body()).path("division").asText()).isEqualTo("REHSOS");
    assertThat(workspace.statusCode()).as(workspace.body()).isEqualTo(200);
    var ws = JSON.readTree(workspace.body());
    assertThat(ws.path("username").asText()).isEqualTo("kepala.oidc");
    assertThat(ws.path("role").asText()).isEqualTo("HEAD");
    assertThat(ws.path("agency").path("code").asText()).isEqualTo("BABEL");
    assertThat(summary.statusCode()).as(summary.body()).isEqualTo(200);
    assertThat(headSummary.statusCode()).as(headSummary.body()).isEqualTo(200);
    assertThat(JSON.readTree(headSummary.body()).path("cases").path("agencies").toString())
        .isEqualTo("[\"BABEL\"]");
    assertThat(JSON.readTree(summary.body()).path("cases").path("agencies").size())
        .isGreaterThan(1);
  }

  @Test
  void tokensThatAreNotTheProvidersOrIncompleteAreRefused() throws Exception {
    String path = "/api/v1/cases";
    assertThat(send("GET", path, null, null).statusCode()).isEqualTo(401);
    assertThat(
            send("GET", path, token(stranger, "eve", "BDG", List.of("admin"), null, 300), null)
                .statusCode())
        .isEqualTo(401);
    assertThat(
            send("GET", path, token(provider, "old", "BDG", List.of("admin"), null, -60), null)
                .statusCode())
        .isEqualTo(401);
    // Valid signature, but no agency, or a division officer without a division: not an officer.
    assertThat(
            send("GET", path, token(provider, "x", null, List.of("admin"), null, 300), null)
                .statusCode())
        .isEqualTo(403);
    assertThat(
            send(
                    "GET",
                    path,
                    token(provider, "y", "BDG", List.of("division-officer"), null, 300),
                    null)
                .statusCode())
        .isEqualTo(403);
    // HTTP Basic is off in this mode.
    HttpResponse<String> basic =
        http.send(
            HttpRequest.newBuilder(uri(path))
                .header(
                    "Authorization",
                    "Basic "
                        + Base64.getEncoder()
                            .encodeToString(
                                "bdg.admin:aduan-demo".getBytes(StandardCharsets.UTF_8)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(basic.statusCode()).isEqualTo(401);
  }

  /**
   * A token of the right provider issued for another client of the realm (Keycloak's {@code
   * account}, or none at all) opens nothing; one naming this service among others does.
   */
  @Test
  void onlyTokensWhoseAudienceNamesThisServiceAreAccepted() throws Exception {
    String path = "/api/v1/cases";
    String otherClient =
        token(provider, "siti", "BDG", List.of("admin"), null, 300, List.of("account"));
    HttpResponse<String> refused = send("GET", path, otherClient, null);
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.headers().firstValue("WWW-Authenticate"))
        .get()
        .asString()
        .contains("invalid_token");
    String noAudience = token(provider, "siti", "BDG", List.of("admin"), null, 300, List.of());
    assertThat(send("GET", path, noAudience, null).statusCode()).isEqualTo(401);
    String both =
        token(provider, "siti", "BDG", List.of("admin"), null, 300, List.of("account", AUDIENCE));
    assertThat(send("GET", path, both, null).statusCode()).isEqualTo(200);
  }

  /**
   * The UI's first calls take the officer from the token too: no local account exists for these
   * officers, and the workspace, inbox and operations summary answer from their claims.
   */
  @Test
  void theWorkspaceInboxAndOperationsSummaryTakeTheCallerFromTheToken() throws Exception {
    String division = token(provider, "dewi", "BDG", List.of("division-officer"), "REHSOS", 300);
    HttpResponse<String> workspace = send("GET", "/api/v1/workspace", division, null);
    assertThat(workspace.statusCode()).as(workspace.body()).isEqualTo(200);
    var view = JSON.readTree(workspace.body());
    assertThat(view.path("username").asText()).isEqualTo("dewi");
    assertThat(view.path("role").asText()).isEqualTo("DIVISION_OFFICER");
    assertThat(view.path("division").asText()).isEqualTo("REHSOS");
    assertThat(view.path("agency").path("code").asText()).isEqualTo("BDG");
    assertThat(send("GET", "/api/v1/inbox", division, null).statusCode()).isEqualTo(200);
    String operations = token(provider, "ops", "BDG", List.of("operations"), null, 300);
    HttpResponse<String> summary = send("GET", "/api/v1/operations/summary", operations, null);
    assertThat(summary.statusCode()).as(summary.body()).isEqualTo(200);
  }

  @Test
  void oidcModeWithoutAnAudienceDoesNotStart() {
    assertThatThrownBy(() -> new SecurityProperties("oidc", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("aduan.cases.security.oidc.audience");
  }

  private static String token(
      KeyPair key,
      String username,
      @Nullable String agency,
      List<String> roles,
      @Nullable String division,
      long validSeconds)
      throws Exception {
    return token(key, username, agency, roles, division, validSeconds, List.of(AUDIENCE));
  }

  private static String token(
      KeyPair key,
      String username,
      @Nullable String agency,
      List<String> roles,
      @Nullable String division,
      long validSeconds,
      List<String> audience)
      throws Exception {
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .subject("sub-" + username)
            .issuer("https://keycloak.test/realms/aduan")
            .issueTime(Date.from(Instant.now().minusSeconds(120)))
            .expirationTime(Date.from(Instant.now().plusSeconds(validSeconds)))
            .claim("preferred_username", username)
            .claim("realm_access", Map.of("roles", roles));
    if (!audience.isEmpty()) {
      claims.audience(audience);
    }
    if (agency != null) {
      claims.claim("agency", agency);
    }
    if (division != null) {
      claims.claim("division", division);
    }
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims.build());
    jwt.sign(new RSASSASigner((RSAPrivateKey) key.getPrivate()));
    return jwt.serialize();
  }

  private HttpResponse<String> send(
      String method, String path, @Nullable String token, @Nullable Map<String, ?> body)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create(service.baseUrl() + path);
  }
}
