package id.aduan.lapor.client;

import id.aduan.lapor.domain.LaporGateway;
import java.util.List;

/** The request bodies of XML version 1 (docs/lapor.md, "XML"), escaped by hand: two shapes only. */
final class LaporXmlWriter {

  private LaporXmlWriter() {}

  static String followUp(String text, List<LaporGateway.OutgoingAttachment> attachments) {
    StringBuilder xml = new StringBuilder("<follow_up>");
    element(xml, "text", text);
    xml.append("<attachments>");
    for (LaporGateway.OutgoingAttachment a : attachments) {
      xml.append("<attachment>");
      element(xml, "file_name", a.fileName());
      element(xml, "url", String.valueOf(a.url()));
      xml.append("</attachment>");
    }
    return xml.append("</attachments></follow_up>").toString();
  }

  static String statusChange(String status, String note) {
    StringBuilder xml = new StringBuilder("<status_change>");
    element(xml, "status", status);
    element(xml, "note", note);
    return xml.append("</status_change>").toString();
  }

  private static void element(StringBuilder xml, String name, String text) {
    xml.append('<')
        .append(name)
        .append('>')
        .append(escape(text))
        .append("</")
        .append(name)
        .append('>');
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        default -> {
          // Characters XML 1.0 cannot carry at all (control characters) are dropped.
          if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
