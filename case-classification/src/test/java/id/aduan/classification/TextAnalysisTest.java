package id.aduan.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextAnalysisTest {

  static final TextAnalysis ANALYSIS = TextAnalysis.bundled();

  @ParameterizedTest(name = "{0} reads as {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "PKH sy udh 3 bln gak cair | pkh saya sudah 3 bulan tidak cair",
        "bansosnya blm masuk | bantuan sosial belum masuk",
        "anak2 ngemis di jalan | anak mengemis di jalan",
        "Makasih min | terima kasih admin",
        "kartu kks keblokir | kartu kks kartu keluarga sejahtera blokir",
        "Kades kami | kepala desa kami"
      })
  void informalSpellingsAndAbbreviationsAreNormalised(String text, String normalised) {
    assertThat(
            Normaliser.read(
                    getClass()
                        .getClassLoader()
                        .getResourceAsStream("classification/normalisation.txt"),
                    "normalisation.txt")
                .normalise(text))
        .isEqualTo(normalised);
  }

  @Test
  void luceneStemsIndonesianWordsAndDropsStopWordsButKeepsNegations() {
    // "bantuan" -> "bantu", "dicairkan" -> "cair"; "yang", "di" are stop words; "belum" is kept.
    assertThat(ANALYSIS.stems("Bantuan yang belum dicairkan di desa"))
        .containsExactly("bantu", "belum", "cair", "desa");
    assertThat(ANALYSIS.stems("gak cair")).containsExactly("tidak", "cair");
  }

  @Test
  void featuresAreStemsPairsAndALengthMarker() {
    assertThat(ANALYSIS.features(ANALYSIS.stems("PKH belum cair")))
        .containsExactlyInAnyOrder("pkh", "belum", "cair", "pkh belum", "belum cair", "#short");
  }

  @Test
  void anExplanationShowsTheWordsOfTheTextNotTheStems() {
    TextAnalysis.Analysed a = ANALYSIS.analyse("Terima kasih banyak");
    assertThat(a.stems()).contains("ima");
    assertThat(a.wordsOf("ima kasih")).isEqualTo("terima kasih");
  }

  @Test
  void aBrokenNormalisationLineNamesTheFileAndLine() {
    String file = "# ok\ngak = tidak\nbroken line\n";
    assertThatThrownBy(
            () ->
                Normaliser.read(
                    new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)), "mine.txt"))
        .isInstanceOf(ClassificationConfigException.class)
        .hasMessageContaining("mine.txt:3");
    String twice = "gak = tidak\ngak = tak\n";
    assertThatThrownBy(
            () ->
                Normaliser.read(
                    new ByteArrayInputStream(twice.getBytes(StandardCharsets.UTF_8)), "mine.txt"))
        .hasMessageContaining("mine.txt:2")
        .hasMessageContaining("twice");
  }
}
