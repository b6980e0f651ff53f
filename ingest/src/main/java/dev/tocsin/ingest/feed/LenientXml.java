package dev.tocsin.ingest.feed;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.jdom2.Attribute;
import org.jdom2.CDATA;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.IllegalDataException;
import org.jdom2.IllegalNameException;
import org.jdom2.Namespace;
import org.jdom2.Text;
import org.jdom2.Verifier;
import org.jsoup.Jsoup;
import org.jsoup.nodes.CDataNode;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Reads malformed XML the way browsers and feedparser's loose mode do, for the feeds a strict
 * parser refuses: a bare {@code &}, an HTML entity, an undeclared namespace prefix, a truncated
 * end, a control character.
 *
 * <p>It is safe by construction: jsoup's XML parser keeps a DOCTYPE as an inert node, so no entity
 * is ever declared, expanded or fetched; undeclared prefixes of well-known feed extensions get
 * their usual namespaces, others a placeholder.
 */
final class LenientXml {

  /** The namespaces feeds most often use without declaring them. */
  private static final Map<String, String> KNOWN_PREFIXES =
      Map.of(
          "atom", "http://www.w3.org/2005/Atom",
          "dc", "http://purl.org/dc/elements/1.1/",
          "dcterms", "http://purl.org/dc/terms/",
          "content", "http://purl.org/rss/1.0/modules/content/",
          "media", "http://search.yahoo.com/mrss/",
          "itunes", "http://www.itunes.com/dtds/podcast-1.0.dtd",
          "rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
          "slash", "http://purl.org/rss/1.0/modules/slash/",
          "georss", "http://www.georss.org/georss");

  private LenientXml() {}

  /** Parses {@code text} leniently; returns null when it holds no element at all. */
  static Document parse(String text) {
    org.jsoup.nodes.Document source = Jsoup.parse(text, "", Parser.xmlParser());
    Builder builder = new Builder();
    NodeTraversor.traverse(builder, source);
    return builder.root == null ? null : new Document(builder.root);
  }

  /** Copies jsoup's tree into JDOM, resolving namespace prefixes along the way. */
  private static final class Builder implements NodeVisitor {
    private final Deque<Element> open = new ArrayDeque<>();
    private final Deque<Map<String, String>> scopes = new ArrayDeque<>();
    private Element root;

    @Override
    public void head(Node node, int depth) {
      if (node instanceof org.jsoup.nodes.Element source
          && !(node instanceof org.jsoup.nodes.Document)) {
        Map<String, String> scope = new HashMap<>(scopes.isEmpty() ? Map.of() : scopes.peek());
        for (org.jsoup.nodes.Attribute attribute : source.attributes()) {
          String key = attribute.getKey();
          if (key.equals("xmlns")) {
            scope.put("", namespaceUri(attribute.getValue()));
          } else if (key.startsWith("xmlns:")) {
            scope.put(key.substring(6), namespaceUri(attribute.getValue()));
          }
        }
        scopes.push(scope);
        Element element = element(source.tagName(), scope);
        for (org.jsoup.nodes.Attribute attribute : source.attributes()) {
          String key = attribute.getKey();
          if (!key.equals("xmlns") && !key.startsWith("xmlns:")) {
            attribute(element, key, attribute.getValue(), scope);
          }
        }
        if (open.isEmpty()) {
          if (root == null) {
            root = element;
          }
        } else {
          open.peek().addContent(element);
        }
        open.push(element);
      } else if (!open.isEmpty() && node instanceof CDataNode cdata) {
        open.peek()
            .addContent(
                new CDATA(
                    Verifier.checkCharacterData(cdata.text()) == null
                        ? cdata.text()
                        : clean(cdata.text())));
      } else if (!open.isEmpty() && node instanceof TextNode textNode) {
        open.peek().addContent(new Text(clean(textNode.getWholeText())));
      }
    }

    @Override
    public void tail(Node node, int depth) {
      if (node instanceof org.jsoup.nodes.Element && !(node instanceof org.jsoup.nodes.Document)) {
        open.pop();
        scopes.pop();
      }
    }

    /** Returns a namespace URI JDOM accepts: stripped, else a placeholder. */
    private static String namespaceUri(String uri) {
      String stripped = uri.strip();
      return Verifier.checkNamespaceURI(stripped) == null ? stripped : "urn:invalid-namespace";
    }

    private static Element element(String qualified, Map<String, String> scope) {
      int colon = qualified.indexOf(':');
      String prefix = colon < 0 ? "" : qualified.substring(0, colon);
      String local = safeName(colon < 0 ? qualified : qualified.substring(colon + 1));
      String uri = scope.get(prefix);
      if (uri == null) {
        uri =
            prefix.isEmpty()
                ? ""
                : KNOWN_PREFIXES.getOrDefault(
                    prefix.toLowerCase(Locale.ROOT), "urn:undeclared:" + prefix);
      }
      Namespace ns =
          prefix.isEmpty() || Verifier.checkNamespacePrefix(prefix) != null
              ? Namespace.getNamespace(uri)
              : Namespace.getNamespace(prefix, uri);
      return new Element(local, ns);
    }

    private static void attribute(
        Element element, String qualified, String value, Map<String, String> scope) {
      int colon = qualified.indexOf(':');
      String prefix = colon < 0 ? "" : qualified.substring(0, colon);
      String local = colon < 0 ? qualified : qualified.substring(colon + 1);
      if (Verifier.checkAttributeName(local) != null) {
        return;
      }
      try {
        if (prefix.equals("xml")) {
          element.setAttribute(new Attribute(local, clean(value), Namespace.XML_NAMESPACE));
        } else if (prefix.isEmpty() || Verifier.checkNamespacePrefix(prefix) != null) {
          element.setAttribute(local, clean(value));
        } else {
          String uri =
              scope.getOrDefault(
                  prefix, KNOWN_PREFIXES.getOrDefault(prefix, "urn:undeclared:" + prefix));
          element.setAttribute(local, clean(value), Namespace.getNamespace(prefix, uri));
        }
      } catch (IllegalNameException | IllegalDataException e) {
        // An attribute JDOM cannot hold is dropped, as a browser would ignore it.
      }
    }

    private static String safeName(String name) {
      return Verifier.checkElementName(name) == null
          ? name
          : "_" + name.replaceAll("[^\\w.-]", "_");
    }

    /** Drops characters XML cannot hold (control characters, lone surrogates). */
    private static String clean(String text) {
      if (Verifier.checkCharacterData(text) == null) {
        return text;
      }
      StringBuilder out = new StringBuilder(text.length());
      text.codePoints().filter(Verifier::isXMLCharacter).forEach(out::appendCodePoint);
      return out.toString();
    }
  }
}
