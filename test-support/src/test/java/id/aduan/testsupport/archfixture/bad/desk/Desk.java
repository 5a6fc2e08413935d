package id.aduan.testsupport.archfixture.bad.desk;

/** A sibling package whose name is none of the usual layers'. */
public final class Desk {

  private Desk() {}

  public static String stamp(String text) {
    return "[" + text + "]";
  }
}
