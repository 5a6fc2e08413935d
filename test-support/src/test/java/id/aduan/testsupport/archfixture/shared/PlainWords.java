package id.aduan.testsupport.archfixture.shared;

import java.util.Locale;

/** A class of ours in plain Java: any domain may use it. */
public final class PlainWords {

  private PlainWords() {}

  public static String upper(String word) {
    return word.toUpperCase(Locale.ROOT);
  }
}
