package id.aduan.cases.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The natural forms of "how is my complaint" on a citizen's channel, and the near misses that must
 * stay complaints (docs/adr/0053).
 */
class StatusRequestTest {

  @ParameterizedTest(name = "\"{0}\" asks about {1}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          cek                                          | -
          Cek status                                   | -
          status?                                      | -
          STATUS                                       | -
          gimana aduan saya?                           | -
          Bagaimana laporan saya                       | -
          bgmn laporan sy min                          | -
          sudah sampai mana laporan saya?              | -
          Selamat pagi pak, mohon info perkembangan pengaduan saya | -
          check                                        | -
          check status                                 | -
          What is the status of my complaint?          | -
          status BDG-2026-000123                       | BDG-2026-000123
          cek bdg-2026-000123                          | BDG-2026-000123
          BDG-2026-000123                              | BDG-2026-000123
          Halo min, cek BDG-2026-000123 ya             | BDG-2026-000123
          Bagaimana tindak lanjut aduan BDG-2026-000123? | BDG-2026-000123
          """)
  void asks(String text, @Nullable String ticket) {
    assertThat(StatusRequest.of(text, "BDG", null))
        .as(text)
        .contains(new StatusRequest.Asked(ticket));
  }

  @ParameterizedTest(name = "\"{0}\" is no status request")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          Status jalan di depan rumah saya masih rusak, belum diperbaiki sejak bulan lalu
          cek bansos saya tidak cair
          Saya mau tanya status bantuan PKH saya
          BDG-2026-000123 lubangnya makin besar
          Sama seperti BDG-2026-000123 dan BDG-2026-000124
          5
          4 cepat ditangani
          terima kasih pak
          ok siap
          saya
          Jalan berlubang di depan SDN 1
          cek BTN-2026-000001
          """)
  void staysAComplaint(String text) {
    assertThat(StatusRequest.of(text, "BDG", null)).as(text).isEmpty();
  }

  @ParameterizedTest(name = "\"{0}\" is no status request")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          '   '
          ''
          """)
  void blankIsNoRequest(String text) {
    assertThat(StatusRequest.of(text, "BDG", null)).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void aLongMessageIsNoRequestEvenIfEveryWordWouldDo() {
    assertThat(StatusRequest.of("cek ".repeat(60), "BDG", null)).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void anEmailAsksAboutTheTicketOfItsSubjectAndItsQuotedLinesDoNotCount() {
    String body =
        """
        status?

        On Tue, 17 Mar 2026 at 09:00, Dinas Sosial <pengaduan@bdg.aduan.test> wrote:
        > Pengaduan Anda telah kami terima dengan nomor tiket BDG-2026-000123.
        > Jalan berlubang di depan SDN 1 sudah lama tidak diperbaiki.
        """;

    assertThat(StatusRequest.of(body, "BDG", "bdg-2026-000123"))
        .isEqualTo(Optional.of(new StatusRequest.Asked("BDG-2026-000123")));
    assertThat(StatusRequest.of("> cek\nJalan masih rusak", "BDG", null)).isEmpty();
  }
}
