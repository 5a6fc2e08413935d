package id.aduan.cases.web;

import static org.assertj.core.api.Assertions.assertThat;

import id.aduan.cases.CaseServiceApplication;
import id.aduan.cases.persistence.Cases;
import id.aduan.testsupport.AduanKafka;
import id.aduan.testsupport.AduanService;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The CSV export of the officer list (issue 23) on the started service (in-JVM KRaft broker,
 * MongoDB-protocol server): the list's scope and filters, personal data masked for every role
 * unless one that may read it asks with a purpose (then each exported case's read is audited),
 * anonymous reporters kept anonymous, RFC 4180 quoting, UTF-8 with a byte order mark, and the
 * formula-injection guard.
 */
@AduanKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaseExportApiTest {

  private static final String PASSWORD = "case-export-password";
  private static final String NIK = "3273014101900001";
  private static final String PHONE = "081234567890";

  /** The phone number as the intake keeps it (country code). */
  private static final String PHONE_KEPT = "6281234567890";

  private static final String FORMULA_NAME = "=HYPERLINK(\"http://evil.test\",\"klik\")";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @RegisterExtension
  static final AduanService service =
      AduanService.of(CaseServiceApplication::builder, "case-export")
          .property("aduan.demo.enabled", true)
          .property("aduan.demo.password", PASSWORD)
          .property("aduan.cases.outbox-sweep-interval", "200ms");

  private final HttpClient http = HttpClient.newHttpClient();

  /** BDG, LINJAMSOS, with NIK and phone. */
  private String linjamsos;

  /** BDG, REHSOS, a name a spreadsheet would run as a formula. */
  private String rehsos;

  /** BDG, LINJAMSOS, anonymous. */
  private String anonymous;

  /** BABEL. */
  private String babel;

  @BeforeAll
  void cases() throws Exception {
    linjamsos =
        intake(
            "bdg.loket",
            "Siti Aminah",
            NIK,
            PHONE,
            "Bantuan PKH ibu saya belum cair sejak Januari, mohon dibantu",
            false);
    routeTo("bdg", linjamsos, "LINJAMSOS");
    rehsos =
        intake(
            "bdg.loket",
            FORMULA_NAME,
            null,
            null,
            "Ada lansia terlantar di jembatan dekat pasar butuh rehabilitasi",
            false);
    routeTo("bdg", rehsos, "REHSOS");
    anonymous =
        intake(
            "bdg.loket",
            "Budi Santoso",
            null,
            "081377778888",
            "Petugas bansos meminta uang untuk pencairan bantuan sosial",
            true);
    routeTo("bdg", anonymous, "LINJAMSOS");
    babel =
        intake(
            "babel.admin",
            "Rahmat",
            null,
            null,
            "Bantuan sosial untuk warga desa belum diterima sejak tahun lalu",
            false);
  }

  @Test
  void anOperationsViewerExportsTheAgencysCasesMaskedAsExcelReadsThem() throws Exception {
    int before = reads(linjamsos).size();
    HttpResponse<byte[]> r = export("bdg.ops", "");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("text/csv")
        .contains("UTF-8");
    assertThat(r.headers().firstValue("Content-Disposition").orElseThrow())
        .startsWith("attachment;");
    byte[] body = r.body();
    // UTF-8 byte order mark first: Excel then reads the file as UTF-8.
    assertThat(body).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
    String text = new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
    assertThat(text)
        .contains("\r\n")
        .doesNotContain(NIK, PHONE_KEPT, "Siti Aminah", "Budi Santoso");
    List<List<String>> rows = parse(text);
    assertThat(rows.getFirst()).startsWith("Tiket", "Status").contains("NIK", "Telepon");
    assertThat(rows.stream().map(List::getFirst).toList())
        .contains(linjamsos, rehsos, anonymous)
        .doesNotContain(babel);

    Map<String, String> siti = row(rows, linjamsos);
    assertThat(siti.get("Nama")).isEqualTo("S*** A*****");
    assertThat(siti.get("NIK")).isEqualTo("3273**********01");
    assertThat(siti.get("Telepon")).isEqualTo("6281*******90");
    assertThat(siti.get("Alamat")).isEqualTo("***");
    assertThat(siti.get("Bidang")).isEqualTo("Bidang Perlindungan dan Jaminan Sosial");
    assertThat(row(rows, anonymous).get("Nama")).isEqualTo("Anonim");
    assertThat(row(rows, anonymous).get("Telepon")).isEmpty();
    // Even masked, a value that begins with "=" would be a formula in a spreadsheet.
    assertThat(row(rows, rehsos).get("Nama")).startsWith("'=");

    // Asking for personal data in clear is not this role's to ask.
    assertThat(export("bdg.ops", "personalData=true&purpose=Rekap").statusCode()).isEqualTo(403);
    assertThat(reads(linjamsos)).hasSize(before);
  }

  @Test
  void theExportHasTheListsFiltersAndScope() throws Exception {
    List<String> division = tickets("bdg.rehsos", "");
    assertThat(division).containsExactly(rehsos);
    assertThat(tickets("bdg.ops", "division=LINJAMSOS"))
        .containsExactlyInAnyOrder(linjamsos, anonymous);
    assertThat(tickets("bdg.ops", "q=lansia"))
        .contains(rehsos)
        .containsExactlyInAnyOrderElementsOf(listed("bdg.ops", "q=lansia"));
    assertThat(tickets("bdg.ops", "status=RESOLVED")).isEmpty();
    assertThat(tickets("bdg.ops", "agency=BABEL")).isEmpty();
    assertThat(tickets("babel.admin", "")).containsExactly(babel);
    // The same filters give the same cases as the list.
    assertThat(tickets("bdg.ops", "division=LINJAMSOS"))
        .containsExactlyInAnyOrderElementsOf(listed("bdg.ops", "division=LINJAMSOS"));
    assertThat(export("bdg.ops", "slaState=NOT_A_STATE").statusCode()).isEqualTo(400);
  }

  @Test
  void aRoleThatMayReadPersonalDataGetsItInClearQuotedGuardedAndEveryReadAudited()
      throws Exception {
    assertThat(export("bdg.admin", "personalData=true").statusCode()).isEqualTo(400);
    int before = reads(linjamsos).size();

    HttpResponse<byte[]> r =
        export("bdg.admin", "personalData=true&purpose=" + enc("Rekap bulanan, inspektorat"));

    assertThat(r.statusCode()).isEqualTo(200);
    List<List<String>> rows =
        parse(new String(r.body(), 3, r.body().length - 3, StandardCharsets.UTF_8));
    Map<String, String> siti = row(rows, linjamsos);
    assertThat(siti.get("Nama")).isEqualTo("Siti Aminah");
    assertThat(siti.get("NIK")).isEqualTo(NIK);
    assertThat(siti.get("Telepon")).isEqualTo(PHONE_KEPT);
    assertThat(siti.get("Alamat")).isEqualTo("Jl. Merdeka 1, RT 02");
    // Quoted (comma and quotes inside), quotes doubled, and not a formula.
    assertThat(row(rows, rehsos).get("Nama")).isEqualTo("'" + FORMULA_NAME);
    assertThat(new String(r.body(), StandardCharsets.UTF_8))
        .contains("\"'=HYPERLINK(\"\"http://evil.test\"\",\"\"klik\"\")\"");
    // The admin may read an anonymous reporter's identity: in clear, and audited.
    assertThat(row(rows, anonymous).get("Nama")).isEqualTo("Budi Santoso");

    List<JsonNode> after = reads(linjamsos);
    assertThat(after).hasSize(before + 1);
    JsonNode read = after.getFirst();
    assertThat(read.path("officer").asString()).isEqualTo("bdg.admin");
    assertThat(read.path("purpose").asString()).isEqualTo("CSV export: Rekap bulanan, inspektorat");
    assertThat(read.path("fields").toString()).contains("nik", "phone", "name");
    assertThat(reads(anonymous)).isNotEmpty();
  }

  @Test
  void aDivisionOfficerInClearStillSeesAnAnonymousReporterAsAnonymousAndIsNotAuditedForIt()
      throws Exception {
    int before = reads(anonymous).size();
    HttpResponse<byte[]> r =
        export("bdg.linjamsos", "personalData=true&purpose=" + enc("Tindak lanjut"));
    assertThat(r.statusCode()).isEqualTo(200);
    List<List<String>> rows =
        parse(new String(r.body(), 3, r.body().length - 3, StandardCharsets.UTF_8));
    assertThat(rows.stream().skip(1).map(List::getFirst).toList())
        .containsExactlyInAnyOrder(linjamsos, anonymous);
    assertThat(row(rows, anonymous).get("Nama")).isEqualTo("Anonim");
    assertThat(row(rows, anonymous).get("Telepon")).isEmpty();
    assertThat(row(rows, linjamsos).get("NIK")).isEqualTo(NIK);
    assertThat(reads(anonymous)).hasSize(before);
  }

  @Test
  void theHeadersFollowTheOfficersLanguage() throws Exception {
    HttpResponse<byte[]> r = export("bdg.ops", "lang=en");
    List<List<String>> rows =
        parse(new String(r.body(), 3, r.body().length - 3, StandardCharsets.UTF_8));
    assertThat(rows.getFirst()).startsWith("Ticket", "Status").contains("Phone", "Address");
  }

  @Test
  void cellsAreQuotedAsRfc4180AndFormulasAreDisarmed() {
    assertThat(CaseExportController.Csv.row(List.of("a", "b,c", "d\"e", "f\ng", "")))
        .isEqualTo("a,\"b,c\",\"d\"\"e\",\"f\ng\",\r\n");
    assertThat(CaseExportController.Csv.cell("=1+1")).isEqualTo("'=1+1");
    assertThat(CaseExportController.Csv.cell("+62 812")).isEqualTo("'+62 812");
    assertThat(CaseExportController.Csv.cell("-5")).isEqualTo("'-5");
    assertThat(CaseExportController.Csv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    assertThat(CaseExportController.Csv.cell("\tx")).isEqualTo("'\tx");
    assertThat(CaseExportController.Csv.cell("Jl. A=B")).isEqualTo("Jl. A=B");
  }

  // ----------------------------------------------------------------------------------- helpers

  private List<String> tickets(String user, String query) throws Exception {
    HttpResponse<byte[]> r = export(user, query);
    assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    List<List<String>> rows =
        parse(new String(r.body(), 3, r.body().length - 3, StandardCharsets.UTF_8));
    return rows.stream().skip(1).map(List::getFirst).toList();
  }

  private List<String> listed(String user, String query) throws Exception {
    JsonNode page = json(user, "/api/v1/cases?size=100&" + query);
    List<String> tickets = new ArrayList<>();
    page.path("items").forEach(i -> tickets.add(i.path("ticket").asString()));
    return tickets;
  }

  private List<JsonNode> reads(String ticket) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    json("bdg.admin", "/api/v1/cases/" + ticket + "/personal-data/reads").forEach(out::add);
    return out;
  }

  private static Map<String, String> row(List<List<String>> rows, String ticket) {
    List<String> headers = rows.getFirst();
    List<String> row =
        rows.stream().filter(r -> r.getFirst().equals(ticket)).findFirst().orElseThrow();
    Map<String, String> out = new HashMap<>();
    for (int i = 0; i < headers.size(); i++) {
      out.put(headers.get(i), row.get(i));
    }
    return out;
  }

  /** RFC 4180 read back: quoted fields with doubled quotes, CRLF between records. */
  private static List<List<String>> parse(String csv) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < csv.length(); i++) {
      char ch = csv.charAt(i);
      if (quoted) {
        if (ch == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (ch == '"') {
          quoted = false;
        } else {
          cell.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == ',') {
        row.add(cell.toString());
        cell.setLength(0);
      } else if (ch == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
        row.add(cell.toString());
        cell.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
        i++;
      } else {
        cell.append(ch);
      }
    }
    assertThat(row).as("the last record ends with CRLF").isEmpty();
    assertThat(cell).isEmpty();
    rows.forEach(r -> assertThat(r).hasSameSizeAs(rows.getFirst()));
    return rows;
  }

  private HttpResponse<byte[]> export(String user, String query) throws Exception {
    return http.send(
        request(user, "/api/v1/cases/export?" + query).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private String intake(
      String user,
      String name,
      @Nullable String nik,
      @Nullable String phone,
      String description,
      boolean anonymous)
      throws Exception {
    Map<String, Object> body = new HashMap<>();
    body.put("reference", "ref-" + UUID.randomUUID());
    body.put("mode", "walk-in");
    body.put("receivedAt", Instant.now().minusSeconds(60).toString());
    body.put("description", description);
    body.put("anonymous", anonymous);
    body.put("name", name);
    body.put("address", "Jl. Merdeka 1, RT 02");
    if (nik != null) {
      body.put("nik", nik);
    }
    if (phone != null) {
      body.put("phone", phone);
    }
    HttpResponse<String> r = post(user, "/api/v1/intake", body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return JSON.readTree(r.body()).path("ticket").asString();
  }

  private void routeTo(String agency, String ticket, String division) throws Exception {
    Cases cases = service.bean(Cases.class);
    if (cases.byTicket(ticket).orElseThrow().state().status().name().equals("INCOMPLETE")) {
      ok(
          post(
              agency + ".loket",
              "/api/v1/cases/" + ticket + "/mark-complete",
              Map.of("version", version(ticket), "reason", "KK dan KTP dilihat di loket")));
    }
    ok(
        post(
            agency + ".loket",
            "/api/v1/cases/" + ticket + "/verify",
            Map.of("version", version(ticket))));
    ok(
        post(
            agency + ".koordinator",
            "/api/v1/cases/" + ticket + "/route",
            Map.of("version", version(ticket), "division", division)));
  }

  private long version(String ticket) {
    Long v = service.bean(Cases.class).byTicket(ticket).orElseThrow().version();
    return v == null ? 0 : v;
  }

  private static void ok(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.uri() + ": " + r.body()).isEqualTo(200);
  }

  private JsonNode json(String user, String path) throws Exception {
    HttpResponse<String> r =
        http.send(request(user, path).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.uri() + ": " + r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private HttpResponse<String> post(String user, String path, Map<String, ?> body)
      throws Exception {
    return http.send(
        request(user, path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(String user, String path) {
    return HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
        .header(
            "Authorization",
            "Basic "
                + Base64.getEncoder()
                    .encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
