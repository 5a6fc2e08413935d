package id.aduan.email.domain;

import static org.assertj.core.api.Assertions.assertThat;

import id.aduan.contracts.Channel;
import id.aduan.contracts.OutboundMessage;
import id.aduan.contracts.ReplyAddress;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class ReplyComposerTest {

  private static OutboundMessage message(String text, @Nullable String html) {
    return new OutboundMessage(
        "evt-1",
        Instant.parse("2026-03-17T03:00:00Z"),
        "BTN",
        "c-1",
        "BTN-2026-000001",
        new ReplyAddress(Channel.EMAIL, "pengaduan@btn.aduan.test", "warga@example.test"),
        "ACKNOWLEDGEMENT",
        "id",
        "Pengaduan Anda",
        text,
        null,
        null,
        List.of(),
        List.of(),
        true,
        html,
        null);
  }

  @Test
  void theSendersHtmlPartIsSentAsTheHtmlAlternative() {
    OutgoingMail mail =
        ReplyComposer.compose(
            message("Nomor tiket BTN-2026-000001", "<p>Nomor tiket <b>BTN-2026-000001</b></p>"),
            "Dinas Sosial Kab. Buton");

    assertThat(mail.html()).isEqualTo("<p>Nomor tiket <b>BTN-2026-000001</b></p>");
    assertThat(mail.text()).isEqualTo("Nomor tiket BTN-2026-000001");
    assertThat(mail.subject()).isEqualTo("[BTN-2026-000001] Pengaduan Anda");
  }

  @Test
  void withoutOneTheTextIsEscapedIntoParagraphs() {
    OutgoingMail mail =
        ReplyComposer.compose(message("Baris <satu>\n\nBaris dua", null), "Dinas Sosial");

    assertThat(mail.html())
        .isEqualTo(
            "<!DOCTYPE html><html><body><p>Baris &lt;satu&gt;</p><p>Baris dua</p></body></html>");
  }
}
