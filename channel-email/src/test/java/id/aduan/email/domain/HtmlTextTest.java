package id.aduan.email.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HtmlTextTest {

  @Test
  void blockElementsBreakLinesAndLinksKeepTheirText() {
    String html =
        "<html><head><title>t</title><style>p{color:red}</style></head><body>"
            + "<p>Jalan <b>rusak</b> di&nbsp;RT&nbsp;03 &amp; 04</p>"
            + "<div>Lihat <a href=\"https://example.test/x\">foto di sini</a>.</div>"
            + "Baris satu<br>baris dua"
            + "<ul><li>satu</li><li>dua</li></ul>"
            + "<script>alert('x')</script><!-- hidden --></body></html>";

    assertThat(HtmlText.toText(html))
        .isEqualTo(
            "Jalan rusak di RT 03 & 04\n\nLihat foto di sini.\nBaris satu\nbaris dua\n\n"
                + "satu\n\ndua");
  }

  @Test
  void theQuotedHistoryOfGmailAndOutlookIsCutOff() {
    String gmail =
        "<div>Sudah saya kirim.</div><div class=\"gmail_quote\"><div>On Mon wrote:</div>"
            + "<blockquote>lama</blockquote></div><div>after</div>";
    String outlook =
        "<p>Terima kasih</p><div id=\"divRplyFwdMsg\"><b>From:</b> dinas</div><p>old text</p>";

    assertThat(HtmlText.toText(HtmlText.withoutQuotedHistory(gmail)))
        .isEqualTo("Sudah saya kirim.");
    assertThat(HtmlText.toText(HtmlText.withoutQuotedHistory(outlook))).isEqualTo("Terima kasih");
    assertThat(HtmlText.withoutQuotedHistory("<p>no quote</p>")).isEqualTo("<p>no quote</p>");
  }

  /**
   * A stranger's mail of 200,000 {@code <} (and as many unclosed {@code <div}): the regular
   * expressions this replaced took quadratic time on it and stalled the mailbox for minutes. The
   * bound is generous; jsoup parses it in well under a second.
   */
  @Test
  void aLongRunOfAngleBracketsIsTextNotAStall() {
    String brackets = "a" + "<".repeat(200_000) + " b";
    String divs = "x" + "<div class=\"".repeat(50_000);

    String text =
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> HtmlText.toText(brackets));
    String fresh =
        assertTimeoutPreemptively(
            Duration.ofSeconds(20), () -> HtmlText.withoutQuotedHistory(divs));

    assertThat(text.length()).isEqualTo(200_003);
    assertThat(text.startsWith("a<<<") && text.endsWith("< b")).isTrue();
    assertThat(fresh.equals(divs)).isTrue();
  }
}
