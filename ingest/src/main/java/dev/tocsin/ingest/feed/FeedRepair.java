package dev.tocsin.ingest.feed;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jdom2.Content;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.jdom2.output.Format;
import org.jdom2.output.XMLOutputter;

/**
 * Repairs, in a parsed feed tree, the habits of real feeds that Rome would otherwise misread, the
 * way feedparser and gofeed read them:
 *
 * <ul>
 *   <li>an RSS document without a {@code <channel>} is an empty feed (Rome would fail), and RSS in
 *       a namespace (Userland's drafts) is read as RSS 2.0;
 *   <li>an Atom {@code <feed>} in no namespace or an unknown one is read as Atom;
 *   <li>base64 text constructs (Atom 0.3 {@code mode="base64"}, Atom 1.0 non-text media types) are
 *       decoded, where Rome would fail or pass the encoded text through;
 *   <li>markup left unescaped inside titles, descriptions and ids ({@code <title>A
 *       <b>B</b></title>}) is kept as markup text, where Rome would keep only the text before the
 *       first tag.
 * </ul>
 */
final class FeedRepair {

  static final Namespace ATOM_10 = Namespace.getNamespace("http://www.w3.org/2005/Atom");
  static final Namespace ATOM_03 = Namespace.getNamespace("http://purl.org/atom/ns#");

  /** Elements that hold text (possibly escaped HTML), in RSS, RDF and Atom. */
  private static final Set<String> TEXT_ELEMENTS =
      Set.of(
          "title",
          "description",
          "summary",
          "subtitle",
          "tagline",
          "guid",
          "id",
          "rights",
          "copyright");

  private static final XMLOutputter MARKUP = new XMLOutputter(Format.getRawFormat());

  private FeedRepair() {}

  /** Repairs {@code document} in place. */
  static void repair(Document document) {
    Element root = document.getRootElement();
    if (root.getName().equals("feed")) {
      Namespace ns = root.getNamespace();
      if (!ns.equals(ATOM_10) && !ns.equals(ATOM_03)) {
        Namespace atom = "0.3".equals(root.getAttributeValue("version")) ? ATOM_03 : ATOM_10;
        moveNamespace(root, ns.getURI(), atom);
      }
    }
    if (root.getName().equals("rss") && !root.getNamespaceURI().isEmpty()) {
      // RSS 2.0 has no namespace; Userland's drafts gave it one that Rome does not know.
      moveNamespace(root, root.getNamespaceURI(), Namespace.NO_NAMESPACE);
    }
    if ((root.getName().equals("rss") || root.getName().equals("RDF"))
        && root.getChildren().stream().noneMatch(child -> child.getName().equals("channel"))) {
      // An RSS document without a channel is an empty feed, not a crash in Rome.
      Namespace ns = root.getName().equals("rss") ? root.getNamespace() : rdfChannelNamespace(root);
      root.addContent(0, new Element("channel", ns));
    }
    boolean atom = root.getName().equals("feed");
    List<Element> stack = new ArrayList<>();
    stack.add(root);
    while (!stack.isEmpty()) {
      Element element = stack.remove(stack.size() - 1);
      if (TEXT_ELEMENTS.contains(element.getName()) && isFeedNamespace(element.getNamespace())) {
        repairText(element, atom);
        continue;
      }
      stack.addAll(element.getChildren());
    }
  }

  /** Returns the RSS 1.0 (or 0.90) namespace an RDF document's items use. */
  private static Namespace rdfChannelNamespace(Element root) {
    for (Element child : root.getChildren()) {
      if (child.getName().equals("item")) {
        return child.getNamespace();
      }
    }
    return Namespace.getNamespace("http://purl.org/rss/1.0/");
  }

  private static boolean isFeedNamespace(Namespace ns) {
    String uri = ns.getURI();
    return uri.isEmpty()
        || ns.equals(ATOM_10)
        || ns.equals(ATOM_03)
        || uri.equals("http://purl.org/rss/1.0/")
        || uri.equals("http://my.netscape.com/rdf/simple/0.9/")
        || uri.startsWith("http://backend.userland.com/");
  }

  private static void moveNamespace(Element root, String from, Namespace to) {
    List<Element> stack = new ArrayList<>();
    stack.add(root);
    while (!stack.isEmpty()) {
      Element element = stack.remove(stack.size() - 1);
      if (element.getNamespaceURI().equals(from)) {
        element.setNamespace(to);
      }
      stack.addAll(element.getChildren());
    }
  }

  private static void repairText(Element element, boolean atom) {
    String type = element.getAttributeValue("type", "").strip().toLowerCase(Locale.ROOT);
    if (atom && (type.equals("xhtml") || type.equals("application/xhtml+xml"))) {
      return;
    }
    String mode = element.getAttributeValue("mode", "");
    if (atom && (mode.equalsIgnoreCase("base64") || isBase64Type(type))) {
      decodeBase64(element, mode.equalsIgnoreCase("base64"));
      return;
    }
    if (!element.getChildren().isEmpty()) {
      // Unescaped markup: keep it as markup text; the text cleaning downstream reads it as HTML.
      String markup = MARKUP.outputString(new ArrayList<Content>(element.getContent()));
      element.setText(markup);
      if (atom && !type.equals("html") && !type.equals("text/html")) {
        // Atom 0.3 names media types in full; Rome's 0.3 reader takes "html" for plain text.
        element.setAttribute("type", element.getNamespace().equals(ATOM_03) ? "text/html" : "html");
      }
    }
  }

  /** Returns true for an Atom 1.0 media type whose content RFC 4287 says is base64. */
  private static boolean isBase64Type(String type) {
    return type.contains("/")
        && !type.startsWith("text/")
        && !type.endsWith("+xml")
        && !type.endsWith("/xml");
  }

  private static void decodeBase64(Element element, boolean atom03) {
    String encoded = element.getTextTrim().replaceAll("\\s+", "");
    try {
      // Only text that decodes to text was base64: an unknown type over plain words stays words.
      String decoded =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(Base64.getMimeDecoder().decode(encoded)))
              .toString();
      element.setText(decoded);
      if (atom03) {
        element.removeAttribute("mode");
        // Atom 0.3's default type is text/plain, but decoded markup is what feeds mean by it.
        if (element.getAttribute("type") == null) {
          boolean markup = decoded.indexOf('<') >= 0 || decoded.indexOf('&') >= 0;
          element.setAttribute("type", markup ? "text/html" : "text/plain");
        }
      } else {
        element.setAttribute("type", "html");
      }
    } catch (IllegalArgumentException | CharacterCodingException e) {
      element.removeAttribute("mode");
      if (!atom03) {
        element.setAttribute("type", "text");
      }
    }
  }
}
