package id.aduan.cases.web;

import static org.assertj.core.api.Assertions.assertThat;

import id.aduan.cases.persistence.FileKind;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What a file is comes from its bytes; the name a sender chose is reduced to a harmless one. */
class FileServingTest {

  static final byte[] PNG = bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D);
  static final byte[] SVG =
      ("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\">"
              + "<script>document.title='x'</script></svg>")
          .getBytes(StandardCharsets.UTF_8);

  @Test
  void passiveImagesAreRecognisedByTheirMagicNumbersAndNothingElseIsPreviewable() {
    assertThat(FileKind.sniff(PNG)).isEqualTo(FileKind.PNG);
    assertThat(FileKind.sniff(bytes(0xFF, 0xD8, 0xFF, 0xE0))).isEqualTo(FileKind.JPEG);
    assertThat(FileKind.sniff(ascii("GIF89a..."))).isEqualTo(FileKind.GIF);
    assertThat(FileKind.sniff(ascii("GIF87a..."))).isEqualTo(FileKind.GIF);
    assertThat(FileKind.sniff(ascii("RIFF\0\0\0\0WEBPVP8 "))).isEqualTo(FileKind.WEBP);
    assertThat(FileKind.sniff(ascii("%PDF-1.7\n"))).isEqualTo(FileKind.PDF);
    assertThat(FileKind.PNG.previewable()).isTrue();
    assertThat(FileKind.WEBP.previewable()).isTrue();
    // PDF can carry script, forms and links: a download, as is everything not recognised.
    assertThat(FileKind.PDF.previewable()).isFalse();
    assertThat(FileKind.sniff(SVG)).isEqualTo(FileKind.OTHER);
    assertThat(FileKind.sniff(ascii("<html><script>alert(1)</script>"))).isEqualTo(FileKind.OTHER);
    assertThat(FileKind.sniff(ascii("RIFF\0\0\0\0AVI "))).isEqualTo(FileKind.OTHER);
    assertThat(FileKind.sniff(new byte[0])).isEqualTo(FileKind.OTHER);
    assertThat(FileKind.sniff(bytes(0x89, 'P', 'N'))).isEqualTo(FileKind.OTHER);
    assertThat(FileKind.OTHER.mediaType()).isEqualTo("application/octet-stream");
  }

  @Test
  void declaredActiveTypesAreRecognisedForTheMetric() {
    assertThat(FileServing.declaredActive("image/svg+xml")).isTrue();
    assertThat(FileServing.declaredActive("TEXT/HTML; charset=utf-8")).isTrue();
    assertThat(FileServing.declaredActive("application/xhtml+xml")).isTrue();
    assertThat(FileServing.declaredActive("image/png")).isFalse();
    assertThat(FileServing.declaredActive(null)).isFalse();
  }

  @Test
  void aSendersFileNameLosesPathsQuotesControlsAndLength() {
    assertThat(FileServing.safeFileName("../../etc/passwd")).isEqualTo("passwd");
    assertThat(FileServing.safeFileName("C:\\Users\\x\\ktp.jpg")).isEqualTo("ktp.jpg");
    assertThat(FileServing.safeFileName("a\"; filename=evil.html"))
        .isEqualTo("a__ filename=evil.html");
    assertThat(FileServing.safeFileName("foto\r\nSet-Cookie: x.png")).doesNotContain("\r", "\n");
    assertThat(FileServing.safeFileName("gambar\u202Egpj.svg")).isEqualTo("gambar_gpj.svg");
    assertThat(FileServing.safeFileName("...hidden")).isEqualTo("hidden");
    assertThat(FileServing.safeFileName("  ")).isEqualTo("lampiran");
    assertThat(FileServing.safeFileName(null)).isEqualTo("lampiran");
    assertThat(FileServing.safeFileName("x".repeat(500))).hasSize(120);
  }

  @Test
  void theContentDispositionCarriesAnAsciiNameAndTheExactNameAsUtf8() {
    assertThat(FileServing.contentDisposition(false, "Surat Ke Lurah é.pdf"))
        .isEqualTo(
            "attachment; filename=\"Surat Ke Lurah _.pdf\";"
                + " filename*=UTF-8''Surat%20Ke%20Lurah%20%C3%A9.pdf");
    assertThat(FileServing.contentDisposition(true, "foto.png"))
        .isEqualTo("inline; filename=\"foto.png\"; filename*=UTF-8''foto.png");
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }
}
