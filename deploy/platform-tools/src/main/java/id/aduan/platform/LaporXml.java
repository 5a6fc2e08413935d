package id.aduan.platform;

import java.io.StringReader;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The XML form of the simulated LAPOR! contract (docs/lapor.md, "XML"): the JSON document with one
 * element per field, lists as containers of singular elements, {@code api_version} as an attribute
 * of the root element {@code response}.
 */
final class LaporXml {

  /** List fields and the name of their entries; {@code data} takes the caller's. */
  private static final Map<String, String> ENTRIES =
      Map.of(
          "tags", "tag",
          "attachments", "attachment",
          "dispositions", "disposition",
          "follow_ups", "follow_up",
          "status_history", "status_change");

  private LaporXml() {}

  static String write(ObjectNode document, String dataEntry) {
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<response");
    if (document.has("api_version")) {
      xml.append(" api_version=\"")
          .append(escape(document.get("api_version").asString()))
          .append('"');
    }
    xml.append('>');
    for (var field : document.properties()) {
      if (!field.getKey().equals("api_version")) {
        element(xml, field.getKey(), field.getValue(), dataEntry);
      }
    }
    return xml.append("</response>\n").toString();
  }

  private static void element(StringBuilder xml, String name, JsonNode value, String dataEntry) {
    xml.append('<').append(name).append('>');
    if (value.isArray()) {
      String entry = name.equals("data") ? dataEntry : ENTRIES.getOrDefault(name, "item");
      for (JsonNode item : value) {
        element(xml, entry, item, dataEntry);
      }
    } else if (value.isObject()) {
      for (var field : value.properties()) {
        element(xml, field.getKey(), field.getValue(), dataEntry);
      }
    } else if (!value.isNull()) {
      xml.append(escape(value.asString()));
    }
    xml.append("</").append(name).append('>');
  }

  /** Reads a request body (flat: text, status, note, attachments) into a JSON tree. */
  static JsonNode read(String xml) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      Element root =
          factory
              .newDocumentBuilder()
              .parse(new InputSource(new StringReader(xml)))
              .getDocumentElement();
      return object(root);
    } catch (Exception e) {
      throw new IllegalArgumentException("not a readable XML body");
    }
  }

  private static ObjectNode object(Element element) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element field) {
        if (field.getTagName().equals("attachments")) {
          var list = node.putArray("attachments");
          for (Node a = field.getFirstChild(); a != null; a = a.getNextSibling()) {
            if (a instanceof Element item) {
              list.add(object(item));
            }
          }
        } else {
          node.put(field.getTagName(), field.getTextContent());
        }
      }
    }
    return node;
  }

  static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
