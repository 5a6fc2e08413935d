package id.aduan.testsupport.archfixture.bad.domain;

import id.aduan.testsupport.archfixture.bad.desk.Desk;
import id.aduan.testsupport.archfixture.shared.SpringWords;

/** Breaks both domain rules: it reaches Spring through a shared class, and uses a sibling. */
public final class Rules {

  private Rules() {}

  public static String decide(String word) {
    return Desk.stamp(SpringWords.capitalized(word));
  }
}
