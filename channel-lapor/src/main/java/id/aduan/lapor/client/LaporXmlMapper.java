package id.aduan.lapor.client;

import id.aduan.lapor.domain.LaporGateway;
import java.io.IOException;
import java.io.StringReader;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads LAPOR!'s XML answers, one mapper per {@code api_version} attribute of the root element.
 * Version 1 is the same contract as JSON version 1 (docs/lapor.md, "XML"): one element per field,
 * lists as a container of singular elements. It turns the document into the JSON tree of that
 * contract and lets {@link LaporJsonMapper.V1} read it, so both formats are read by the same rules
 * and cannot drift apart.
 *
 * <p>The parser refuses DOCTYPEs and external entities: a LAPOR! answer never needs them, and they
 * are how an XML answer reads files or calls hosts it should not (XXE).
 */
sealed interface LaporXmlMapper permits LaporXmlMapper.V1 {

  String version();

  /** The document as the JSON tree of the corresponding JSON version. */
  JsonNode toTree(Element root);

  /** The {@link LaporJsonMapper} that reads {@link #toTree}'s result. */
  LaporJsonMapper json();

  static LaporXmlMapper forVersion(Element root) {
    String version = root.getAttribute("api_version");
    return switch (version) {
      case "1" -> V1.INSTANCE;
      default ->
          throw new LaporProtocolException("unsupported LAPOR! api_version '" + version + "'");
    };
  }

  /** Reads any XML answer into a tree, for answers without a version (a follow-up's id). */
  static JsonNode anyTree(String raw) {
    return V1.INSTANCE.toTree(parse(raw));
  }

  static LaporGateway.Page readPage(String raw) {
    return read(raw, (json, tree) -> json.page(tree, raw));
  }

  static LaporGateway.Topics readTopics(String raw) {
    return read(raw, (json, tree) -> json.topics(tree, raw));
  }

  /** Parses, picks the version, and lets the corresponding JSON mapper read the tree. */
  private static <T> T read(String raw, BiFunction<LaporJsonMapper, JsonNode, T> reader) {
    Element root = parse(raw);
    return LaporProtocolException.reading(
        raw,
        () -> {
          LaporXmlMapper mapper = forVersion(root);
          return reader.apply(mapper.json(), mapper.toTree(root));
        });
  }

  /**
   * Parses with DOCTYPEs, external entities and XInclude off.
   *
   * @throws LaporProtocolException naming the line and column, never the content
   */
  static Element parse(String raw) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      factory.setNamespaceAware(false);
      DocumentBuilder builder = factory.newDocumentBuilder();
      // The default handler prints to stderr, with the content; stay silent and throw.
      builder.setErrorHandler(new DefaultHandler());
      Document document = builder.parse(new InputSource(new StringReader(raw)));
      return document.getDocumentElement();
    } catch (SAXParseException e) {
      throw new LaporProtocolException(
          "the XML answer is not well-formed (line "
              + e.getLineNumber()
              + ", column "
              + e.getColumnNumber()
              + ")",
          raw);
    } catch (SAXException | IOException e) {
      throw new LaporProtocolException("the XML answer cannot be read", raw);
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK's XML parser lacks a safety feature", e);
    }
  }

  /** Version 1: the JSON version 1 contract, one element per field. */
  final class V1 implements LaporXmlMapper {

    static final V1 INSTANCE = new V1();

    /** Containers and the name of the element each of their entries has. */
    private static final Map<String, String> LISTS =
        Map.of(
            "data", "",
            "tags", "tag",
            "attachments", "attachment",
            "dispositions", "disposition",
            "follow_ups", "follow_up");

    private static final Set<String> LONGS = Set.of("version", "size");
    private static final Set<String> DOUBLES = Set.of("lat", "lng");
    private static final Set<String> BOOLEANS = Set.of("anonymous", "confidential");

    /** Fields whose element holds fields of its own rather than text. */
    private static final Set<String> OBJECTS =
        Set.of(
            "category",
            "reporter",
            "location",
            "report",
            "topic",
            "attachment",
            "disposition",
            "follow_up");

    @Override
    public String version() {
      return "1";
    }

    @Override
    public LaporJsonMapper json() {
      return LaporJsonMapper.V1.INSTANCE;
    }

    @Override
    public JsonNode toTree(Element root) {
      ObjectNode tree = object(root);
      if (root.hasAttribute("api_version")) {
        tree.put("api_version", root.getAttribute("api_version"));
      }
      return tree;
    }

    private static ObjectNode object(Element element) {
      ObjectNode node = JsonNodeFactory.instance.objectNode();
      for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
        if (child instanceof Element field) {
          // Unknown fields are kept in the tree and ignored by the JSON mapper, as in JSON.
          node.set(field.getTagName(), value(field));
        }
      }
      return node;
    }

    private static JsonNode value(Element field) {
      String name = field.getTagName();
      JsonNodeFactory nodes = JsonNodeFactory.instance;
      if (LISTS.containsKey(name)) {
        ArrayNode list = nodes.arrayNode();
        String entry = LISTS.get(name);
        for (Node child = field.getFirstChild(); child != null; child = child.getNextSibling()) {
          if (child instanceof Element item
              && (entry.isEmpty() || entry.equals(item.getTagName()))) {
            list.add(
                hasElements(item) || OBJECTS.contains(item.getTagName())
                    ? object(item)
                    : nodes.stringNode(item.getTextContent().strip()));
          }
        }
        return list;
      }
      if (OBJECTS.contains(name) || hasElements(field)) {
        return object(field);
      }
      String text = field.getTextContent().strip();
      if (text.isEmpty() || "true".equals(field.getAttribute("nil"))) {
        return nodes.nullNode();
      }
      try {
        if (LONGS.contains(name)) {
          return nodes.numberNode(Long.parseLong(text));
        }
        if (DOUBLES.contains(name)) {
          return nodes.numberNode(Double.parseDouble(text));
        }
      } catch (NumberFormatException e) {
        // Left as text: the JSON mapper then reports the field as missing or wrong, per report.
        return nodes.stringNode(text);
      }
      if (BOOLEANS.contains(name)) {
        return switch (text) {
          case "true", "1" -> nodes.booleanNode(true);
          case "false", "0" -> nodes.booleanNode(false);
          default -> nodes.stringNode(text);
        };
      }
      return nodes.stringNode(text);
    }

    private static boolean hasElements(Element element) {
      for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
        if (child instanceof Element) {
          return true;
        }
      }
      return false;
    }
  }
}
