package id.aduan.classification;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.id.IndonesianAnalyzer;
import org.apache.lucene.analysis.id.IndonesianStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Indonesian text as the classifier reads it: informal spellings normalised ({@link Normaliser}),
 * then Lucene's Indonesian analysis (standard tokenizer, lower case, Indonesian stop words, the
 * Indonesian stemmer of Asian and Tala). The features are the stems and pairs of adjacent stems.
 *
 * <p>Negations and question words are kept although Lucene's stop list has them: "belum cair" and
 * "jam berapa" are what tell a complaint from a question about office hours.
 */
public final class TextAnalysis {

  /** Words of Lucene's Indonesian stop list that carry meaning for classification. */
  static final List<String> KEPT =
      List.of(
          "tidak",
          "belum",
          "bukan",
          "tak",
          "enggak",
          "kapan",
          "bagaimana",
          "berapa",
          "apakah",
          "kenapa",
          "mengapa",
          "sudah",
          "masih",
          "harus",
          "lama",
          "boleh",
          "bisa",
          "dapat",
          "ingin",
          "mau",
          "jangan",
          "tolong",
          "sama",
          "lagi",
          "saja",
          "kami",
          "saya",
          "mereka");

  private final Normaliser normaliser;
  private final Analyzer analyzer;

  TextAnalysis(Normaliser normaliser) {
    this.normaliser = normaliser;
    CharArraySet stop = new CharArraySet(64, false);
    for (Object word : IndonesianAnalyzer.getDefaultStopSet()) {
      String w = word instanceof char[] chars ? new String(chars) : String.valueOf(word);
      if (!KEPT.contains(w)) {
        stop.add(w);
      }
    }
    CharArraySet stopWords = CharArraySet.unmodifiableSet(stop);
    this.analyzer =
        new Analyzer() {
          @Override
          protected TokenStreamComponents createComponents(String field) {
            Tokenizer source = new StandardTokenizer();
            TokenStream s = new LowerCaseFilter(source);
            s = new StopFilter(s, stopWords);
            s = new IndonesianStemFilter(s, true);
            return new TokenStreamComponents(source, s);
          }
        };
  }

  /** The bundled normalisation file {@code classification/normalisation.txt}. */
  public static TextAnalysis bundled() {
    String path = "classification/normalisation.txt";
    try (InputStream in = TextAnalysis.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new ClassificationConfigException(path + " is missing from the classpath");
      }
      return new TextAnalysis(Normaliser.read(in, path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static TextAnalysis of(Normaliser normaliser) {
    return new TextAnalysis(normaliser);
  }

  /** The text's stems, in order: normalised, without stop words, stemmed. */
  public List<String> stems(String text) {
    return analyse(text).stems();
  }

  /**
   * A text as analysed: its stems in order, and for each stem the normalised word it came from
   * (what an explanation shows: "terima kasih" rather than the stems "ima kasih").
   */
  public record Analysed(List<String> stems, Map<String, String> words) {

    /** A feature (a stem or a pair of stems) in the words of the text. */
    public String wordsOf(String feature) {
      StringBuilder s = new StringBuilder();
      for (String stem : feature.split(" ")) {
        s.append(s.isEmpty() ? "" : " ").append(words.getOrDefault(stem, stem));
      }
      return s.toString();
    }
  }

  public Analysed analyse(String text) {
    List<String> out = new ArrayList<>();
    Map<String, String> words = new HashMap<>();
    String normalised = normaliser.normalise(text);
    try (TokenStream ts = analyzer.tokenStream("text", normalised)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        String stem = term.toString();
        out.add(stem);
        words.putIfAbsent(stem, normalised.substring(offset.startOffset(), offset.endOffset()));
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Analysed(out, words);
  }

  /** Stems and adjacent pairs of stems ("belum cair"), plus a marker for very short texts. */
  public Set<String> features(List<String> stems) {
    Set<String> f = new LinkedHashSet<>();
    for (int i = 0; i < stems.size(); i++) {
      f.add(stems.get(i));
      if (i > 0) {
        f.add(stems.get(i - 1) + " " + stems.get(i));
      }
    }
    f.add(stems.size() <= 3 ? "#short" : stems.size() <= 12 ? "#medium" : "#long");
    return f;
  }
}
