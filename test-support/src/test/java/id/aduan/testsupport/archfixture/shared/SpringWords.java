package id.aduan.testsupport.archfixture.shared;

import org.springframework.util.StringUtils;

/** A class of ours that reaches Spring: a domain using it reaches Spring too. */
public final class SpringWords {

  private SpringWords() {}

  public static String capitalized(String word) {
    return StringUtils.capitalize(word);
  }
}
