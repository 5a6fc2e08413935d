package id.aduan.notification.domain;

import static id.aduan.notification.domain.Fixtures.agency;
import static org.assertj.core.api.Assertions.assertThat;

import id.aduan.contracts.CaseStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DigestsTest {

  private static final Instant NOW = Instant.parse("2026-11-20T00:30:00Z");

  private static CaseView c(
      String ticket, CaseStatus status, String division, String deadline, boolean late) {
    return new CaseView(
        "c-" + ticket,
        ticket,
        "BDG",
        "id",
        status,
        division,
        null,
        null,
        List.of(),
        null,
        deadline == null ? null : Instant.parse(deadline),
        late);
  }

  @Test
  void eachDivisionGetsItsOpenCasesWithTheLateOnesMarked() {
    List<CaseView> cases =
        List.of(
            c("BDG-2026-000003", CaseStatus.IN_PROGRESS, "REHSOS", "2026-11-19T09:00:00Z", false),
            c("BDG-2026-000001", CaseStatus.ROUTED, "REHSOS", "2026-11-25T09:00:00Z", false),
            c("BDG-2026-000002", CaseStatus.RESOLVED, "REHSOS", null, false),
            c("BDG-2026-000004", CaseStatus.ROUTED, "LINJAMSOS", null, true),
            c("BDG-2026-000005", CaseStatus.RECEIVED, null, null, false));

    List<Digests.DivisionDigest> digests = Digests.of(agency("BDG"), cases);

    assertThat(digests)
        .extracting(Digests.DivisionDigest::division)
        .containsExactly("REHSOS", "LINJAMSOS", Digests.UNROUTED);
    Digests.DivisionDigest rehsos = digests.getFirst();
    assertThat(rehsos.to()).containsExactly("rehsos@bdg.aduan.test");
    assertThat(rehsos.open())
        .extracting(CaseView::ticket)
        .containsExactly("BDG-2026-000001", "BDG-2026-000003");
    assertThat(digests.get(2).to()).containsExactly("koordinator@bdg.aduan.test");

    Rendering.Rendered mail = Digests.render(rehsos, agency("BDG"), NOW, "id");
    assertThat(mail.subject())
        .isEqualTo("Rekap harian pengaduan: Bidang Rehabilitasi Sosial (2026-11-20)");
    assertThat(mail.text())
        .isEqualTo(
            """
            Rekap harian Bidang Rehabilitasi Sosial per 2026-11-20: 2 pengaduan terbuka, 1 terlambat.

            - BDG-2026-000001 | ROUTED | 2026-11-25 16:00 WIB
            - BDG-2026-000003 | IN_PROGRESS | 2026-11-19 16:00 WIB | TERLAMBAT""");
    assertThat(mail.html()).contains("<td>BDG-2026-000003</td>", "<strong>TERLAMBAT</strong>");
  }
}
