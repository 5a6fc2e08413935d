package id.aduan.lapor.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.aduan.lapor.domain.LaporGateway;
import id.aduan.lapor.domain.LaporReport;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class LaporJsonMapperTest {

  private final JsonMapper json = JsonMapper.builder().build();

  @Test
  void givenAVersion1Page_thenEveryFieldOfTheReportIsRead() {
    String raw =
        """
        {"api_version":"1","next_cursor":"2","data":[{"tracking_id":"LAPOR-1","transaction_id":"TRX-1",
         "version":3,"title":"Judul","content":"Isi","classification":"pengaduan",
         "category":{"id":"101","name":"Bantuan Sosial"},"tags":["pkh","bpnt"],"status":"disposisi",
         "created_at":"2026-03-02T01:00:00Z","updated_at":"2026-03-05T03:00:00Z",
         "anonymous":false,"confidential":true,
         "reporter":{"id":"u-1","name":"Nama","phone":"62812","email":"a@b.test"},
         "location":{"lat":-5.4,"lng":122.6,"address":"Pasarwajo"},
         "attachments":[{"id":"f1","file_name":"ktp.jpg","mime_type":"image/jpeg","size":10,"url":"http://x/f1"}],
         "dispositions":[{"from":"Admin","to":"Dinsos","at":"2026-03-03T00:00:00Z","note":"mohon ditindaklanjuti"}],
         "follow_ups":[{"id":"FU-1","author":"agency","at":"2026-03-04T00:00:00Z","text":"sedang diproses"}]}]}
        """;

    LaporGateway.Page page = read(raw);

    assertThat(page.nextCursor()).isEqualTo("2");
    assertThat(page.raw()).isEqualTo(raw);
    assertThat(page.unreadable()).isEmpty();
    LaporReport r = page.reports().getFirst();
    assertThat(r.trackingId()).isEqualTo("LAPOR-1");
    assertThat(r.transactionId()).isEqualTo("TRX-1");
    assertThat(r.version()).isEqualTo(3);
    assertThat(r.category()).isEqualTo(new LaporReport.Category("101", "Bantuan Sosial"));
    assertThat(r.tags()).containsExactly("pkh", "bpnt");
    assertThat(r.updatedAt()).isEqualTo(Instant.parse("2026-03-05T03:00:00Z"));
    assertThat(r.confidential()).isTrue();
    assertThat(r.reporter().phone()).isEqualTo("62812");
    assertThat(r.location().latitude()).isEqualTo(-5.4);
    assertThat(r.attachments())
        .singleElement()
        .extracting(LaporReport.Attachment::url)
        .isEqualTo("http://x/f1");
    assertThat(r.dispositions())
        .singleElement()
        .extracting(LaporReport.Disposition::note)
        .isEqualTo("mohon ditindaklanjuti");
    assertThat(r.followUps())
        .singleElement()
        .extracting(LaporReport.FollowUp::text)
        .isEqualTo("sedang diproses");
  }

  @Test
  void givenOneBrokenReport_thenItIsSetAsideAndTheOthersAreRead() {
    LaporGateway.Page page =
        read(
            """
            {"api_version":"1","next_cursor":null,"data":[
             {"tracking_id":"LAPOR-OK","version":1,"status":"disposisi","created_at":"2026-03-02T01:00:00Z","updated_at":"2026-03-02T01:00:00Z"},
             {"tracking_id":"LAPOR-BAD","version":1,"status":"disposisi","created_at":"kemarin","updated_at":"2026-03-02T01:00:00Z"}]}
            """);

    assertThat(page.reports()).extracting(LaporReport::trackingId).containsExactly("LAPOR-OK");
    assertThat(page.unreadable())
        .singleElement()
        .satisfies(u -> assertThat(u.json()).contains("LAPOR-BAD"));
    assertThat(page.nextCursor()).isNull();
  }

  @Test
  void givenAnApiVersionNoMapperKnows_thenAClearError() {
    assertThatThrownBy(() -> read("{\"api_version\":\"2\",\"data\":[]}"))
        .isInstanceOf(LaporProtocolException.class)
        .hasMessageContaining("api_version '2'");
  }

  @Test
  void givenTheTopicTree_thenParentsAreKept() {
    JsonNode root =
        json.readTree(
            "{\"api_version\":\"1\",\"data\":[{\"id\":\"100\",\"name\":\"Sosial\",\"parent_id\":null},{\"id\":\"101\",\"name\":\"Bansos\",\"parent_id\":\"100\"}]}");

    assertThat(LaporJsonMapper.forVersion(root).topics(root, "").topics())
        .containsExactly(
            new LaporGateway.Topic("100", "Sosial", null),
            new LaporGateway.Topic("101", "Bansos", "100"));
  }

  private LaporGateway.Page read(String raw) {
    JsonNode root = json.readTree(raw);
    return LaporJsonMapper.forVersion(root).page(root, raw);
  }
}
