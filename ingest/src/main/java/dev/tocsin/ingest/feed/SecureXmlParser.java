package dev.tocsin.ingest.feed;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.jdom2.Document;
import org.jdom2.JDOMException;
import org.jdom2.input.SAXBuilder;
import org.jdom2.input.sax.XMLReaderJDOMFactory;
import org.xml.sax.EntityResolver;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * Parses untrusted XML into a JDOM document with DOCTYPEs allowed but nothing external ever read
 * and entity expansion bounded.
 *
 * <p>Rome 2.1's own {@code WireFeedInput} refuses every DOCTYPE unless {@code
 * setAllowDoctypes(true)} is called, and then relies on the SAX implementation that happens to be
 * on the class path: it switches external entities and external DTD loading off only where that
 * implementation recognizes the features (silently ignoring the rest), its entity resolver blanks
 * only system ids ending in {@code .dtd}, and it sets no expansion limits of its own. So the
 * document is built here and handed to Rome as a JDOM tree:
 *
 * <ul>
 *   <li>the JDK's built-in parser ({@link SAXParserFactory#newDefaultInstance()}), whatever else is
 *       on the class path, so every setting below is known to be honoured;
 *   <li>secure processing on; external general entities, external parameter entities and external
 *       DTD loading off; {@code accessExternalDTD} and {@code accessExternalSchema} empty, so an
 *       external fetch would fail rather than connect;
 *   <li>an entity resolver that answers every external id with an empty document, a last line of
 *       defence should any of the above be bypassed;
 *   <li>tight JDK entity limits ({@link #LIMITS}): a billion-laughs or quadratic-blowup document
 *       fails within milliseconds;
 *   <li>JDOM's {@code setExpandEntities(false)}: in JDOM 2 that flag <em>is</em> the SAX feature
 *       {@code external-general-entities}, re-applied to the reader after the factory's settings,
 *       so {@code true} would switch external entities back on.
 * </ul>
 */
final class SecureXmlParser {

  /** JDK entity limits; ordinary feeds declare few entities, if any. */
  static final Map<String, String> LIMITS =
      Map.of(
          "jdk.xml.entityExpansionLimit", "2000",
          "jdk.xml.totalEntitySizeLimit", "1000000",
          "jdk.xml.maxGeneralEntitySizeLimit", "100000",
          "jdk.xml.maxParameterEntitySizeLimit", "100000",
          "jdk.xml.entityReplacementLimit", "1000000",
          // JDOM checks each new child against all its ancestors: very deep nesting is quadratic.
          "jdk.xml.maxElementDepth", "1000");

  private static final EntityResolver NOTHING_EXTERNAL =
      (publicId, systemId) -> {
        InputSource empty = new InputSource(new StringReader(""));
        empty.setPublicId(publicId);
        empty.setSystemId(systemId);
        return empty;
      };

  private static final XMLReaderJDOMFactory HARDENED_READERS =
      new XMLReaderJDOMFactory() {
        @Override
        public XMLReader createXMLReader() {
          return hardenedReader();
        }

        @Override
        public boolean isValidating() {
          return false;
        }
      };

  private SecureXmlParser() {}

  /**
   * One builder per thread: creating and hardening a JDK parser costs more than parsing a typical
   * feed, and the builder re-arms the same reader (settings and limits intact) for every document.
   */
  private static final ThreadLocal<SAXBuilder> BUILDERS =
      ThreadLocal.withInitial(
          () -> {
            SAXBuilder builder = new SAXBuilder(HARDENED_READERS);
            builder.setExpandEntities(false);
            builder.setEntityResolver(NOTHING_EXTERNAL);
            builder.setReuseParser(true);
            return builder;
          });

  /** Parses {@code reader} into a document. */
  static Document parse(Reader reader) throws JDOMException, IOException {
    return BUILDERS.get().build(reader);
  }

  private static XMLReader hardenedReader() {
    try {
      SAXParserFactory factory = SAXParserFactory.newDefaultInstance();
      factory.setNamespaceAware(true);
      factory.setValidating(false);
      factory.setXIncludeAware(false);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      XMLReader reader = factory.newSAXParser().getXMLReader();
      reader.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      reader.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      for (Map.Entry<String, String> limit : LIMITS.entrySet()) {
        reader.setProperty(limit.getKey(), limit.getValue());
      }
      return reader;
    } catch (ParserConfigurationException | SAXException e) {
      // The JDK's own parser knows all of these: failing here is a broken runtime, not bad input.
      throw new IllegalStateException("the JDK XML parser refused a security setting: " + e, e);
    }
  }
}
