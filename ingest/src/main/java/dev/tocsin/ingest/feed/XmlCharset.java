package dev.tocsin.ingest.feed;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides the character encoding of an XML feed from its byte-order mark, the HTTP {@code charset}
 * and the XML declaration, and decodes it.
 *
 * <p>Precedence follows RFC 7303: a byte-order mark wins, then the HTTP charset, then the XML
 * declaration, then UTF-8. Servers often send a wrong default charset, so when the HTTP charset and
 * the declaration disagree the bytes decide: the HTTP charset is kept unless the bytes are not
 * valid in it but are in the declared one, or the declared one is UTF-8 and the bytes are valid
 * UTF-8 (multi-byte UTF-8 is practically never valid by accident). Rome's {@code XmlReader} is not
 * used because its lenient mode lets the declaration override the HTTP charset, and its strict mode
 * reads {@code text/xml} without a charset as US-ASCII.
 */
final class XmlCharset {

  private static final Pattern CHARSET_PARAM =
      Pattern.compile("(?i);\\s*charset\\s*=\\s*[\"']?([^\"';\\s]+)");

  private static final Pattern DECLARED_ENCODING =
      Pattern.compile("^\\s*<\\?xml\\s[^>]*?encoding\\s*=\\s*[\"']([A-Za-z][A-Za-z0-9._:-]*)[\"']");

  /** How far into the document the XML declaration is looked for. */
  private static final int PROLOG_WINDOW = 1024;

  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  private XmlCharset() {}

  /** Decodes {@code body}, dropping any byte-order mark. */
  static String decode(byte[] body, String contentType) {
    int bom = bomLength(body);
    return new String(body, bom, body.length - bom, detect(body, contentType));
  }

  /** Returns the charset to decode {@code body} with. */
  static Charset detect(byte[] body, String contentType) {
    Optional<Charset> fromBytes = bomCharset(body).or(() -> sixteenBitFamily(body));
    if (fromBytes.isPresent()) {
      return fromBytes.get();
    }
    Optional<Charset> http = httpCharset(contentType);
    Optional<Charset> declared = declaredCharset(body);
    if (http.isPresent() && declared.isPresent() && !http.get().equals(declared.get())) {
      return arbitrate(body, http.get(), declared.get());
    }
    Charset chosen = http.or(() -> declared).orElse(StandardCharsets.UTF_8);
    // A declaration of Latin-1 over UTF-8 bytes is a common slip of feed generators; multi-byte
    // UTF-8 is practically never valid Latin-1 text by accident.
    if (http.isEmpty()
        && chosen.equals(WINDOWS_1252)
        && !isAscii(body)
        && decodesStrictly(body, StandardCharsets.UTF_8)) {
      return StandardCharsets.UTF_8;
    }
    return chosen;
  }

  /** Returns the charset parameter of an HTTP Content-Type header, if known to this JVM. */
  static Optional<Charset> httpCharset(String contentType) {
    if (contentType == null) {
      return Optional.empty();
    }
    Matcher m = CHARSET_PARAM.matcher(contentType);
    return m.find() ? charset(m.group(1)) : Optional.empty();
  }

  /** Returns the length of the byte-order mark at the start of {@code body}, 0 when none. */
  static int bomLength(byte[] body) {
    if (startsWith(body, 0xEF, 0xBB, 0xBF)) {
      return 3;
    }
    if (startsWith(body, 0xFE, 0xFF) || startsWith(body, 0xFF, 0xFE)) {
      return 2;
    }
    return 0;
  }

  private static Optional<Charset> bomCharset(byte[] body) {
    if (startsWith(body, 0xEF, 0xBB, 0xBF)) {
      return Optional.of(StandardCharsets.UTF_8);
    }
    if (startsWith(body, 0xFE, 0xFF)) {
      return Optional.of(StandardCharsets.UTF_16BE);
    }
    if (startsWith(body, 0xFF, 0xFE)) {
      return Optional.of(StandardCharsets.UTF_16LE);
    }
    return Optional.empty();
  }

  // Without a BOM, "<?" in UTF-16 shows as zero bytes interleaved with ASCII.
  private static Optional<Charset> sixteenBitFamily(byte[] body) {
    if (startsWith(body, 0x00, 0x3C, 0x00, 0x3F)) {
      return Optional.of(StandardCharsets.UTF_16BE);
    }
    if (startsWith(body, 0x3C, 0x00, 0x3F, 0x00)) {
      return Optional.of(StandardCharsets.UTF_16LE);
    }
    return Optional.empty();
  }

  private static Optional<Charset> declaredCharset(byte[] body) {
    String head =
        new String(body, 0, Math.min(body.length, PROLOG_WINDOW), StandardCharsets.ISO_8859_1);
    Matcher m = DECLARED_ENCODING.matcher(head);
    if (!m.find()) {
      return Optional.empty();
    }
    // An 8-bit document that still says UTF-16 was re-encoded: trust the bytes, not the label.
    return charset(m.group(1)).filter(c -> !c.name().startsWith("UTF-16"));
  }

  private static Charset arbitrate(byte[] body, Charset http, Charset declared) {
    boolean validHttp = decodesStrictly(body, http);
    boolean validDeclared = decodesStrictly(body, declared);
    if (!validHttp && validDeclared) {
      return declared;
    }
    if (declared.equals(StandardCharsets.UTF_8) && validDeclared && !isAscii(body)) {
      return declared;
    }
    return http;
  }

  private static Optional<Charset> charset(String label) {
    try {
      String name = label.strip().toLowerCase(Locale.ROOT);
      // As browsers do (WHATWG Encoding): these labels mean windows-1252 on the web.
      if (name.equals("iso-8859-1") || name.equals("latin1") || name.equals("us-ascii")) {
        return Optional.of(WINDOWS_1252);
      }
      return Optional.of(Charset.forName(name));
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      return Optional.empty();
    }
  }

  private static boolean decodesStrictly(byte[] body, Charset charset) {
    try {
      charset
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private static boolean isAscii(byte[] body) {
    for (byte b : body) {
      if (b < 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean startsWith(byte[] body, int... prefix) {
    if (body.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((body[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
