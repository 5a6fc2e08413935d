package id.aduan.email.domain;

import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.CDataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;

/**
 * Reduces mail HTML to plain text. Nothing of the HTML survives (no markup, scripts, styles or
 * remote references), so the text is safe to show anywhere; block elements become line breaks so
 * paragraphs stay readable, and a link keeps its text.
 *
 * <p>The HTML is parsed by jsoup (an HTML5 parser, linear in the input) and never matched with
 * regular expressions: HTML comes from strangers, and a pattern over markup can take quadratic time
 * on input such as a long run of {@code <}, which stalled the mailbox.
 */
public final class HtmlText {

  /** Elements whose content is never text a reader saw. */
  private static final Set<String> DROPPED =
      Set.of("script", "style", "head", "title", "xml", "template", "noscript");

  /** Elements that start and end on their own line. */
  private static final Set<String> BLOCKS =
      Set.of(
          "br",
          "p",
          "div",
          "tr",
          "li",
          "h1",
          "h2",
          "h3",
          "h4",
          "h5",
          "h6",
          "table",
          "blockquote",
          "ul",
          "ol");

  /**
   * Where Gmail and Outlook put the quoted history in their HTML: the text before it is what the
   * citizen wrote now.
   */
  private static final String QUOTED_HISTORY =
      "div[class^=gmail_quote], div#divRplyFwdMsg, div#appendonsend, blockquote[type=cite]";

  private HtmlText() {}

  public static String toText(String html) {
    Document doc = Jsoup.parse(html);
    StringBuilder out = new StringBuilder();
    doc.filter(
        new NodeFilter() {
          @Override
          public FilterResult head(Node node, int depth) {
            if (node instanceof Element e) {
              if (DROPPED.contains(e.normalName())) {
                return FilterResult.SKIP_ENTIRELY;
              }
              if (BLOCKS.contains(e.normalName())) {
                out.append('\n');
              }
            } else if (node instanceof TextNode t && !(node instanceof CDataNode)) {
              out.append(t.getWholeText());
            }
            return FilterResult.CONTINUE;
          }

          @Override
          public FilterResult tail(Node node, int depth) {
            if (node instanceof Element e
                && BLOCKS.contains(e.normalName())
                && !e.normalName().equals("br")) {
              out.append('\n');
            }
            return FilterResult.CONTINUE;
          }
        });
    return tidy(out.toString());
  }

  /** The HTML before the quoted history that mail clients insert below a reply. */
  public static String withoutQuotedHistory(String html) {
    Document doc = Jsoup.parse(html);
    Element quote = doc.selectFirst(QUOTED_HISTORY);
    if (quote == null) {
      return html;
    }
    for (Element at = quote; at != null && at != doc; at = at.parent()) {
      Node next;
      while ((next = at.nextSibling()) != null) {
        next.remove();
      }
    }
    quote.remove();
    return doc.html();
  }

  /** Collapses runs of spaces and blank lines that markup leaves behind. */
  static String tidy(String s) {
    String[] lines =
        s.replace("\r\n", "\n").replace('\r', '\n').replace('\u00a0', ' ').split("\n", -1);
    StringBuilder out = new StringBuilder();
    int blank = 0;
    for (String line : lines) {
      String t = line.replaceAll("[ \\t]+", " ").strip();
      if (t.isEmpty()) {
        blank++;
        continue;
      }
      if (out.length() > 0) {
        out.append(blank > 0 ? "\n\n" : "\n");
      }
      out.append(t);
      blank = 0;
    }
    return out.toString();
  }
}
