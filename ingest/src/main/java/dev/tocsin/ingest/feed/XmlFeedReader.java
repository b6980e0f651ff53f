package dev.tocsin.ingest.feed;

import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.module.DCModule;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.impl.DateParser;
import com.rometools.rome.io.impl.XmlFixerReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.JDOMException;
import org.jdom2.Namespace;
import org.jdom2.input.JDOMParseException;
import org.xml.sax.SAXParseException;

/**
 * Reads RSS 0.9x, 1.0 and 2.0 and Atom 0.3 and 1.0 documents: decoded by {@link XmlCharset}, parsed
 * by {@link SecureXmlParser}, interpreted by Rome.
 *
 * <p>Rome gives the format, dates ({@code pubDate}, then {@code dc:date}, Atom {@code published},
 * then {@code updated}), text and authors. Guids, {@code xml:base} and {@code xml:lang} are read
 * from the document itself, since Rome does not resolve relative links by default (and its switch
 * for that is JVM-global) and falls back to the link where an item has no guid.
 */
final class XmlFeedReader {

  private static final Namespace RDF =
      Namespace.getNamespace("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#");

  private static final int SNIPPET_LENGTH = 40;

  private XmlFeedReader() {}

  /** Reads the XML feed in {@code body}. */
  static ParsedFeed read(byte[] body, String contentType, URI feedUrl) throws FeedParseException {
    String text = XmlCharset.decode(body, contentType);
    rejectNonXml(text, feedUrl);
    Document document = parse(text, contentType, feedUrl);
    FeedRepair.repair(document);
    Element root = document.getRootElement();
    if (root.getName().equalsIgnoreCase("html")) {
      throw htmlPage(feedUrl);
    }
    SyndFeed feed = rome(document, feedUrl);
    String format = format(feed.getFeedType(), feedUrl);

    URI documentBase = xmlBase(root, feedUrl).orElse(feedUrl);
    String feedLink = ItemFields.absoluteLink(documentBase, siteLink(feed));
    if (feedLink == null) {
      feedLink = ItemFields.absoluteLink(documentBase, atomAlternate(root));
    }
    URI linkBase = feedLink == null ? feedUrl : ItemFields.base(feedUrl, feedLink).orElse(feedUrl);
    String feedLanguage =
        Optional.ofNullable(ItemFields.language(feed.getLanguage())).orElseGet(() -> xmlLang(root));

    List<SyndEntry> entries = feed.getEntries();
    List<Element> elements = itemElements(root);
    boolean aligned = elements.size() == entries.size();
    List<ParsedItem> items = new ArrayList<>(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      Element element = aligned ? elements.get(i) : null;
      items.add(item(entries.get(i), element, format, feedUrl, linkBase, feedLanguage));
    }
    boolean atom = format.startsWith("atom");
    String title = feed.getTitleEx() != null ? text(feed.getTitleEx(), atom) : null;
    if (atom) {
      title = atomTitle(firstChild(root, "title"), title);
    }
    if (title == null || title.isEmpty()) {
      Element channel = root.getName().equals("rss") ? firstChild(root, "channel") : null;
      Element head = channel != null ? channel : firstChild(root, "channel");
      title = extensionText(head != null ? head : root, "title");
    }
    return new ParsedFeed(
        format, title != null ? title : "", feedLink, feedLanguage, List.copyOf(items));
  }

  private static ParsedItem item(
      SyndEntry entry,
      Element element,
      String format,
      URI feedUrl,
      URI linkBase,
      String feedLanguage) {
    boolean atom = format.startsWith("atom");
    String rawLink;
    URI base = linkBase;
    if (element != null) {
      Element linkElement = linkElement(element);
      rawLink = linkElement == null ? null : href(linkElement);
      base = xmlBase(linkElement != null ? linkElement : element, feedUrl).orElse(linkBase);
      if (rawLink == null) {
        Element permalink = permalink(element);
        if (permalink != null) {
          rawLink = permalink.getTextTrim();
          base = xmlBase(permalink, feedUrl).orElse(feedUrl);
        }
      }
    } else {
      rawLink = rawLink(entry);
    }
    String summary =
        entry.getDescription() == null
            ? null
            : ItemFields.blankToNull(text(entry.getDescription(), atom));
    String content = null;
    for (SyndContent candidate : entry.getContents()) {
      content = ItemFields.blankToNull(blocks(candidate, atom));
      if (content != null) {
        break;
      }
    }
    String title = entry.getTitleEx() != null ? text(entry.getTitleEx(), atom) : null;
    if (atom && element != null) {
      title = atomTitle(firstChild(element, "title"), title);
    }
    if ((title == null || title.isEmpty()) && element != null) {
      title = extensionText(element, "title");
    }
    Date date = published(entry);
    if (date != null && date.toInstant().isBefore(EARLIEST_DATE)) {
      date = null; // a two-digit year Rome read as the first century
    }
    if (date != null && element != null) {
      date = longFraction(element).orElse(date);
    }
    if (date == null && element != null) {
      date = extensionDate(element);
    }
    String language = null;
    if (entry.getModule(DCModule.URI) instanceof DCModule dc) {
      language = ItemFields.language(dc.getLanguage());
    }
    if (language == null && element != null) {
      language = xmlLang(element);
    }
    return new ParsedItem(
        element != null ? guid(element) : ItemFields.blankToNull(entry.getUri()),
        ItemFields.absoluteLink(base, rawLink),
        ItemFields.title(title, summary, content),
        summary,
        content,
        Optional.ofNullable(author(entry))
            .orElseGet(() -> element == null ? null : extensionAuthor(element)),
        date == null ? null : date.toInstant(),
        language != null ? language : feedLanguage);
  }

  /** Fails fast, with a reason a person can act on, for documents that are plainly not XML. */
  private static void rejectNonXml(String text, URI feedUrl) throws FeedParseException {
    int at = skipSpace(text, 0);
    if (at == text.length()) {
      throw new FeedParseException(feedUrl, "empty document");
    }
    if (text.charAt(at) != '<') {
      String start = HtmlText.collapse(text.substring(at, Math.min(text.length(), at + 200)));
      if (start.length() > SNIPPET_LENGTH) {
        start = start.substring(0, SNIPPET_LENGTH).strip() + "\u2026";
      }
      throw new FeedParseException(
          feedUrl, "not a feed: plain text, neither XML nor JSON (starts with \"" + start + "\")");
    }
    if ("html".equalsIgnoreCase(rootName(text, at))) {
      throw htmlPage(feedUrl);
    }
  }

  /** Returns the DOCTYPE name or root element name, skipping declarations and comments. */
  private static String rootName(String text, int from) {
    int at = from;
    while (at < text.length() && text.charAt(at) == '<') {
      if (text.startsWith("<?", at)) {
        at = after(text, "?>", at);
      } else if (text.startsWith("<!--", at)) {
        at = after(text, "-->", at);
      } else if (text.regionMatches(true, at, "<!DOCTYPE", 0, 9)) {
        return name(text, skipSpace(text, at + 9));
      } else {
        return name(text, at + 1);
      }
      if (at < 0) {
        return null;
      }
      at = skipSpace(text, at);
    }
    return null;
  }

  private static int after(String text, String end, int from) {
    int found = text.indexOf(end, from);
    return found < 0 ? -1 : found + end.length();
  }

  private static String name(String text, int from) {
    int end = from;
    while (end < text.length()
        && (Character.isLetterOrDigit(text.charAt(end)) || ":_-.".indexOf(text.charAt(end)) >= 0)) {
      end++;
    }
    return text.substring(from, end);
  }

  private static int skipSpace(String text, int from) {
    int at = from;
    while (at < text.length()
        && (Character.isWhitespace(text.charAt(at)) || text.charAt(at) == '\uFEFF')) {
      at++;
    }
    return at;
  }

  private static FeedParseException htmlPage(URI feedUrl) {
    return new FeedParseException(feedUrl, "not a feed: HTML page (<html> root)");
  }

  private static Document parse(String text, String contentType, URI feedUrl)
      throws FeedParseException {
    // XmlFixerReader is Rome's "healer": it turns HTML entities such as &nbsp;, which feeds use
    // without declaring, into character references. It reads a character at a time (and rewrites
    // references inside CDATA too), so only documents that need it go through it.
    try (Reader reader =
        needsHealing(text)
            ? new XmlFixerReader(new StringReader(text))
            : new StringReader(text.substring(skipSpace(text, 0)))) {
      return SecureXmlParser.parse(reader);
    } catch (JDOMParseException e) {
      String reason = describe(e, contentType);
      Document lenient = isRecoverable(e) ? lenient(text) : null;
      if (lenient == null) {
        throw new FeedParseException(feedUrl, reason, e);
      }
      return lenient;
    } catch (JDOMException e) {
      throw new FeedParseException(feedUrl, "unreadable XML: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new FeedParseException(feedUrl, "cannot read the document: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      // JDOM refuses some names the XML parser let through (e.g. a namespace URI with spaces).
      Document lenient = lenient(text);
      if (lenient == null) {
        throw new FeedParseException(feedUrl, "unreadable XML: " + e.getMessage(), e);
      }
      return lenient;
    }
  }

  /** The entities XML itself defines. */
  private static final Set<String> XML_ENTITIES = Set.of("amp", "lt", "gt", "quot", "apos");

  /**
   * Returns true when {@code text} has an {@code &} that is neither a character reference nor one
   * of XML's five entities (an HTML entity, a DOCTYPE's own, or a bare ampersand), or something
   * before its XML declaration.
   */
  static boolean needsHealing(String text) {
    // The healer also drops comments before an XML declaration, which the parser refuses.
    if (!text.startsWith("<?xml", skipSpace(text, 0)) && text.contains("<?xml")) {
      return true;
    }
    for (int at = text.indexOf('&'); at >= 0; at = text.indexOf('&', at + 1)) {
      int end = at + 1;
      if (end < text.length() && text.charAt(end) == '#') {
        continue;
      }
      while (end < text.length() && end - at <= 8 && Character.isLetterOrDigit(text.charAt(end))) {
        end++;
      }
      if (end >= text.length()
          || text.charAt(end) != ';'
          || !XML_ENTITIES.contains(text.substring(at + 1, end))) {
        return true;
      }
    }
    return false;
  }

  /** Returns the lenient reading of {@code text}, or null when even that fails. */
  private static Document lenient(String text) {
    try {
      return LenientXml.parse(text);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * Returns true for the local slips real feeds make (a bare {@code &}, an undeclared entity or
   * namespace prefix, a control character), which a lenient reading recovers; never for a refused
   * DOCTYPE, a processing limit or a truncated document.
   */
  private static boolean isRecoverable(JDOMParseException e) {
    String message = e.getCause() instanceof SAXParseException sax ? sax.getMessage() : null;
    if (message == null || message.startsWith("JAXP0001") || text(message).contains("doctype")) {
      return false;
    }
    String lower = text(message);
    return lower.contains("is not bound")
        || lower.contains("was referenced, but not declared")
        || lower.contains("must immediately follow the '&'")
        || lower.contains("must end with the ';' delimiter")
        || lower.contains("invalid xml character")
        || lower.contains("a decimal representation must immediately follow")
        || lower.contains("a hexadecimal representation must immediately follow")
        || lower.contains("character reference")
        || lower.contains("must be followed by either attribute specifications")
        || lower.contains("open quote is expected")
        || lower.contains("must be terminated by the matching end-tag");
  }

  private static String text(String message) {
    return message.toLowerCase(Locale.ROOT);
  }

  private static String describe(JDOMParseException e, String contentType) {
    String message = e.getCause() instanceof SAXParseException sax ? sax.getMessage() : null;
    if (message == null) {
      message = e.getMessage();
    }
    // The JDK's limit messages are coded JAXP0001nnnn.
    if (message.startsWith("JAXP0001")) {
      return message.toLowerCase(Locale.ROOT).contains("entit")
          ? "DOCTYPE with entity expansion refused: " + message
          : "XML processing limit exceeded: " + message;
    }
    String servedAs =
        contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("text/html")
            ? " (served as text/html)"
            : "";
    return "malformed XML at line "
        + e.getLineNumber()
        + ", column "
        + e.getColumnNumber()
        + ": "
        + message
        + servedAs;
  }

  private static SyndFeed rome(Document document, URI feedUrl) throws FeedParseException {
    try {
      SyndFeedInput input = new SyndFeedInput();
      // Keeps Rome's Atom entries, which know the Atom 0.3 "issued" date the Synd view drops.
      input.setPreserveWireFeed(true);
      return input.build(document);
    } catch (IllegalArgumentException e) {
      throw new FeedParseException(
          feedUrl,
          "not a feed: unsupported root element <"
              + document.getRootElement().getQualifiedName()
              + ">",
          e);
    } catch (FeedException e) {
      throw new FeedParseException(feedUrl, "not a readable feed: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      // Rome's module parsers throw unchecked exceptions on odd input; bad input is data here.
      throw new FeedParseException(feedUrl, "not a readable feed: " + e, e);
    }
  }

  /** Maps Rome's feed type ({@code rss_0.91U}, {@code atom_1.0}, ...) to {@link ParsedFeed}'s. */
  static String format(String romeType, URI feedUrl) throws FeedParseException {
    if (romeType != null && romeType.startsWith("rss_0.9")) {
      return "rss_0.9x";
    }
    if (romeType != null && ParsedFeed.FORMATS.contains(romeType)) {
      return romeType;
    }
    throw new FeedParseException(feedUrl, "not a feed: unsupported format " + romeType);
  }

  /** Returns the item elements in document order, as Rome lists its entries. */
  private static List<Element> itemElements(Element root) {
    return switch (root.getName()) {
      case "feed" -> children(root, "entry");
      case "RDF" -> children(root, "item");
      case "rss" -> {
        Element channel = firstChild(root, "channel");
        yield channel == null ? List.of() : children(channel, "item");
      }
      default -> List.of();
    };
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> found = new ArrayList<>();
    for (Element child : parent.getChildren()) {
      if (child.getName().equals(name)) {
        found.add(child);
      }
    }
    return found;
  }

  private static Element firstChild(Element parent, String name) {
    for (Element child : parent.getChildren()) {
      if (child.getName().equals(name)) {
        return child;
      }
    }
    return null;
  }

  /**
   * Returns the item's own id: Atom {@code id}, RSS {@code guid}, else RSS 1.0 {@code rdf:about}.
   */
  private static String guid(Element item) {
    boolean atom = item.getName().equals("entry");
    Element id = firstChild(item, atom ? "id" : "guid");
    if (id == null && !atom) {
      id = firstChild(item, "id"); // RSS items written with Atom's element names
    }
    if (id != null && !id.getTextTrim().isEmpty()) {
      return id.getTextTrim();
    }
    return ItemFields.blankToNull(item.getAttributeValue("about", RDF));
  }

  private static String rawLink(SyndEntry entry) {
    if (entry.getLink() != null && !entry.getLink().isBlank()) {
      return entry.getLink();
    }
    for (SyndLink link : entry.getLinks()) {
      if (link.getHref() != null && !link.getHref().isBlank()) {
        return link.getHref();
      }
    }
    return null;
  }

  /** The Atom link types that name a page a reader opens; an absent type means HTML. */
  private static final Set<String> PAGE_TYPES =
      Set.of("text/html", "application/xhtml+xml", "html", "xhtml");

  /**
   * Returns the element that gives the item's link, whose own {@code xml:base} applies to it. Atom:
   * the first {@code rel="alternate"} link (the default rel) of an HTML type, else of any type;
   * never an enclosure, "self" or "related" link. RSS: its last {@code <link>} with text (as
   * feedparser and gofeed read repeated links), else an {@code atom:link rel="alternate"}.
   */
  private static Element linkElement(Element item) {
    boolean atom = item.getName().equals("entry");
    Element anyType = null;
    Element last = null;
    Element atomAlternate = null;
    for (Element child : item.getChildren()) {
      if (!child.getName().equals("link") || href(child) == null) {
        continue;
      }
      boolean sameNamespace = child.getNamespaceURI().equals(item.getNamespaceURI());
      boolean alternate = "alternate".equals(child.getAttributeValue("rel", "alternate").strip());
      if (atom || !sameNamespace) {
        if (!alternate || (!atom && !child.getNamespaceURI().equals(FeedRepair.ATOM_10.getURI()))) {
          continue;
        }
        String type = child.getAttributeValue("type");
        if (atom && (type == null || PAGE_TYPES.contains(type.strip().toLowerCase(Locale.ROOT)))) {
          return child;
        }
        anyType = anyType == null ? child : anyType;
        atomAlternate = atomAlternate == null ? child : atomAlternate;
      } else if (alternate) {
        last = child;
      }
    }
    if (atom) {
      return anyType;
    }
    return last != null ? last : atomAlternate;
  }

  /** Returns a link element's target: its {@code href}, else (Atom 0.3 slips) its text. */
  private static String href(Element link) {
    String href = ItemFields.blankToNull(link.getAttributeValue("href"));
    return href != null ? href : ItemFields.blankToNull(link.getTextTrim());
  }

  /**
   * Returns the item's id element when it may stand in for a missing link: an RSS {@code guid} not
   * marked {@code isPermaLink="false"} or an Atom {@code id}, holding an http(s) URL of its own or
   * under an {@code xml:base}. Ids that are not URLs ({@code tag:}, {@code urn:}, bare numbers)
   * never become links.
   */
  private static Element permalink(Element item) {
    boolean atom = item.getName().equals("entry");
    Element id = firstChild(item, atom ? "id" : "guid");
    if (id == null || id.getTextTrim().isEmpty()) {
      return null;
    }
    String isPermaLink = id.getAttributeValue("isPermaLink");
    if (!atom && isPermaLink != null && isPermaLink.strip().equalsIgnoreCase("false")) {
      return null;
    }
    String value = id.getTextTrim().toLowerCase(Locale.ROOT);
    boolean url = value.startsWith("http://") || value.startsWith("https://");
    boolean underBase = !value.contains(":") && xmlBase(id, URI.create("urn:none")).isPresent();
    return url || underBase ? id : null;
  }

  /**
   * Returns an Atom title as the text it is where Rome misreads it: markup that {@link FeedRepair}
   * marked as HTML (Rome's Atom 0.3 reader takes it as plain text), and media types that are not
   * text, HTML or XHTML (text, as a text construct has no other kind); else {@code romeTitle}.
   */
  private static String atomTitle(Element title, String romeTitle) {
    if (title == null || title.getAttribute("mode") != null) {
      return romeTitle;
    }
    String type = title.getAttributeValue("type", "text").strip().toLowerCase(Locale.ROOT);
    if (type.equals("html") || type.equals("text/html")) {
      return HtmlText.clean(title.getText());
    }
    if (!type.equals("text") && !type.equals("text/plain") && !PAGE_TYPES.contains(type)) {
      return HtmlText.collapse(title.getValue());
    }
    return romeTitle;
  }

  /**
   * Returns the base URI in scope at {@code element} when an {@code xml:base} applies to it: every
   * {@code xml:base} from the root down, each resolved against the one above, the first against the
   * document's own URL.
   */
  static Optional<URI> xmlBase(Element element, URI documentUrl) {
    Deque<String> bases = new ArrayDeque<>();
    for (Element e = element; e != null; e = e.getParentElement()) {
      String base = e.getAttributeValue("base", Namespace.XML_NAMESPACE);
      if (base != null && !base.isBlank()) {
        bases.push(base);
      }
    }
    if (bases.isEmpty()) {
      return Optional.empty();
    }
    URI current = documentUrl;
    for (String base : bases) {
      current = ItemFields.base(current, base).orElse(current);
    }
    return Optional.of(current);
  }

  private static String xmlLang(Element element) {
    for (Element e = element; e != null; e = e.getParentElement()) {
      String lang = ItemFields.language(e.getAttributeValue("lang", Namespace.XML_NAMESPACE));
      if (lang != null) {
        return lang;
      }
    }
    return null;
  }

  private static String author(SyndEntry entry) {
    Set<String> names = new LinkedHashSet<>();
    for (SyndPerson person : entry.getAuthors()) {
      String name = ItemFields.blankToNull(person.getName());
      if (name == null) {
        name = ItemFields.blankToNull(person.getEmail());
      }
      if (name != null) {
        names.add(HtmlText.clean(name));
      }
    }
    if (names.isEmpty() && entry.getAuthor() != null) {
      return ItemFields.blankToNull(HtmlText.clean(entry.getAuthor()));
    }
    return names.isEmpty() ? null : String.join(", ", names);
  }

  /**
   * Returns the one-line text of a Rome text construct. Only Atom's {@code type="text"} is taken at
   * its word: RSS text elements are plain text by their specs but carry HTML in practice (Rome
   * labels RSS 0.91 descriptions {@code text/plain}).
   */
  private static String text(SyndContent content, boolean atom) {
    if (content.getValue() == null) {
      return null;
    }
    return atom && isPlain(content.getType())
        ? HtmlText.collapse(content.getValue())
        : HtmlText.clean(content.getValue());
  }

  private static String blocks(SyndContent content, boolean atom) {
    if (content.getValue() == null) {
      return null;
    }
    return atom && isPlain(content.getType())
        ? HtmlText.plainBlocks(content.getValue())
        : HtmlText.cleanBlocks(content.getValue());
  }

  /**
   * Returns when the entry was published: Atom {@code published} (1.0) or {@code issued} or {@code
   * created} (0.3), else its update time; for RSS Rome's date ({@code pubDate}, else {@code
   * dc:date}).
   */
  private static Date published(SyndEntry entry) {
    if (entry.getWireEntry() instanceof Entry atom) {
      for (Date date :
          Arrays.asList(
              atom.getPublished(),
              atom.getIssued(),
              atom.getCreated(),
              atom.getUpdated(),
              atom.getModified())) {
        if (date != null) {
          return date;
        }
      }
    }
    return entry.getPublishedDate() != null ? entry.getPublishedDate() : entry.getUpdatedDate();
  }

  /** Returns an RSS channel's {@code atom:link rel="alternate"}, for feeds with no own link. */
  private static String atomAlternate(Element root) {
    Element channel = firstChild(root, "channel");
    if (channel == null) {
      return null;
    }
    for (Element child : channel.getChildren("link", FeedRepair.ATOM_10)) {
      if ("alternate".equals(child.getAttributeValue("rel", "alternate"))) {
        return ItemFields.blankToNull(child.getAttributeValue("href"));
      }
    }
    return null;
  }

  /** Dates before this are misreadings (a two-digit year), not news. */
  private static final Instant EARLIEST_DATE = Instant.parse("1000-01-01T00:00:00Z");

  /** Element names, in any namespace, that date an item when Rome found no date. */
  private static final List<String> DATE_ELEMENTS =
      List.of("pubDate", "published", "issued", "created", "date", "updated", "modified");

  /**
   * Returns the clean text of the first child named {@code name} in another namespace (Dublin Core,
   * Media RSS, iTunes...), for feeds whose own element is missing; null when there is none.
   */
  private static String extensionText(Element parent, String name) {
    for (Element child : parent.getChildren()) {
      if (child.getName().equalsIgnoreCase(name) && !child.getNamespaceURI().isEmpty()) {
        String text = ItemFields.blankToNull(HtmlText.clean(child.getValue()));
        if (text != null) {
          return text;
        }
      }
    }
    return null;
  }

  private static final Pattern LONG_FRACTION = Pattern.compile(":\\d\\d\\.\\d{4,}");

  /**
   * Returns the item's first date re-read when it has a fraction of a second of more than three
   * digits, which Rome takes for milliseconds (".39885" as 39.885 s); else empty.
   */
  private static Optional<Date> longFraction(Element item) {
    for (String name : DATE_ELEMENTS) {
      for (Element child : item.getChildren()) {
        if (child.getName().equals(name)) {
          String text = child.getTextTrim();
          return LONG_FRACTION.matcher(text).find()
              ? FeedDates.parse(text).map(Date::from)
              : Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Returns the author an item names in another vocabulary when Rome found none: {@code
   * itunes:author}, {@code dc:creator} or {@code dc:author}, or an {@code atom:author}'s name or
   * email; null when there is none.
   */
  private static String extensionAuthor(Element item) {
    for (Element child : item.getChildren()) {
      String name = child.getName();
      if (child.getNamespaceURI().isEmpty() || !(name.equals("author") || name.equals("creator"))) {
        continue;
      }
      Element person = firstChild(child, "name");
      if (person == null) {
        person = firstChild(child, "email");
      }
      String text =
          ItemFields.blankToNull(
              HtmlText.clean(person != null ? person.getValue() : child.getValue()));
      if (text != null) {
        return text;
      }
    }
    return null;
  }

  /** Returns the first parseable date among the item's dating children, in any namespace. */
  private static Date extensionDate(Element item) {
    for (String name : DATE_ELEMENTS) {
      for (Element child : item.getChildren()) {
        if (child.getName().equals(name)) {
          Date date = DateParser.parseDate(child.getTextTrim(), Locale.US);
          if (date != null && !date.toInstant().isBefore(EARLIEST_DATE)) {
            return date;
          }
          Optional<Instant> ours = FeedDates.parse(child.getTextTrim());
          if (ours.isPresent()) {
            return Date.from(ours.get());
          }
        }
      }
    }
    return null;
  }

  /** Returns the feed's site link: Atom's first alternate link (Rome may pick "self"). */
  private static String siteLink(SyndFeed feed) {
    for (SyndLink link : feed.getLinks()) {
      String rel = link.getRel();
      if ((rel == null || rel.equals("alternate")) && link.getHref() != null) {
        return link.getHref();
      }
    }
    return feed.getLink();
  }

  private static boolean isPlain(String type) {
    return type != null && (type.equalsIgnoreCase("text") || type.equalsIgnoreCase("text/plain"));
  }
}
