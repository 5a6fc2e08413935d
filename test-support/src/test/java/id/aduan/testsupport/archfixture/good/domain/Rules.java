package id.aduan.testsupport.archfixture.good.domain;

import id.aduan.testsupport.archfixture.shared.PlainWords;

/** Keeps every rule: plain Java and plain classes of ours only. */
public final class Rules {

  private Rules() {}

  public static String decide(String word) {
    return PlainWords.upper(word);
  }
}
