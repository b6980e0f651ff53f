package dev.tocsin.ingest.feed;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the dates feeds write that Rome's date parser does not: ISO dates with a space for the
 * {@code T} and a numeric offset ({@code 2006-01-11 16:43:22 -0800}), RFC 822 dates with a 12-hour
 * clock ({@code Mon, 21 Jan 2008 8:56 am PST}), and ISO dates with a two-digit year ({@code
 * 20-04-10T05:00:00+00:00}, read as 2020, as feedparser does), and ISO dates with any number of
 * fraction digits.
 */
final class FeedDates {

  /** North American zone abbreviations RFC 822 names, and the universal ones. */
  private static final Map<String, ZoneOffset> ZONES =
      Map.ofEntries(
          Map.entry("UT", ZoneOffset.UTC),
          Map.entry("UTC", ZoneOffset.UTC),
          Map.entry("GMT", ZoneOffset.UTC),
          Map.entry("Z", ZoneOffset.UTC),
          Map.entry("EST", ZoneOffset.ofHours(-5)),
          Map.entry("EDT", ZoneOffset.ofHours(-4)),
          Map.entry("CST", ZoneOffset.ofHours(-6)),
          Map.entry("CDT", ZoneOffset.ofHours(-5)),
          Map.entry("MST", ZoneOffset.ofHours(-7)),
          Map.entry("MDT", ZoneOffset.ofHours(-6)),
          Map.entry("PST", ZoneOffset.ofHours(-8)),
          Map.entry("PDT", ZoneOffset.ofHours(-7)));

  private static final Pattern TWELVE_HOUR =
      Pattern.compile(
          "(?i)^(?:[a-z]{3},\\s*)?(\\d{1,2})\\s+([a-z]{3})[a-z]*\\s+(\\d{4})\\s+(\\d{1,2}):(\\d{2})"
              + "(?::(\\d{2}))?\\s*([ap])\\.?m\\.?\\s*([a-z]+|[+-]\\d{4})?$");

  private static final List<DateTimeFormatter> ISO_LIKE =
      List.of(
          new DateTimeFormatterBuilder()
              .appendPattern("uuuu-MM-dd[' ']['T']HH:mm[:ss]")
              .optionalStart()
              .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
              .optionalEnd()
              .appendPattern("[' ']")
              .optionalStart()
              .appendOffset("+HHMM", "Z")
              .optionalEnd()
              .optionalStart()
              .appendOffset("+HH:MM", "Z")
              .optionalEnd()
              .toFormatter(Locale.ROOT),
          new DateTimeFormatterBuilder()
              .appendValueReduced(ChronoField.YEAR, 2, 2, 2000)
              .appendPattern("-MM-dd'T'HH:mm[:ss]")
              .appendOffset("+HH:MM", "Z")
              .toFormatter(Locale.ROOT));

  private static final List<String> MONTHS =
      List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");

  private FeedDates() {}

  /** Returns the instant {@code text} names in one of the forms above, else empty. */
  static Optional<Instant> parse(String text) {
    String value = ItemFields.blankToNull(text);
    if (value == null) {
      return Optional.empty();
    }
    Matcher m = TWELVE_HOUR.matcher(value);
    if (m.matches()) {
      return twelveHour(m);
    }
    for (DateTimeFormatter format : ISO_LIKE) {
      try {
        var parsed = format.parse(value);
        LocalDateTime local = LocalDateTime.from(parsed);
        ZoneOffset offset =
            parsed.isSupported(ChronoField.OFFSET_SECONDS)
                ? ZoneOffset.ofTotalSeconds(parsed.get(ChronoField.OFFSET_SECONDS))
                : ZoneOffset.UTC;
        return Optional.of(OffsetDateTime.of(local, offset).toInstant());
      } catch (DateTimeException e) {
        // not this form; try the next
      }
    }
    return Optional.empty();
  }

  private static Optional<Instant> twelveHour(Matcher m) {
    int month = MONTHS.indexOf(m.group(2).toLowerCase(Locale.ROOT)) + 1;
    if (month == 0) {
      return Optional.empty();
    }
    int hour = Integer.parseInt(m.group(4)) % 12;
    if (m.group(7).equalsIgnoreCase("p")) {
      hour += 12;
    }
    ZoneId zone = ZoneOffset.UTC;
    String name = m.group(8);
    if (name != null) {
      if (name.startsWith("+") || name.startsWith("-")) {
        zone = ZoneOffset.of(name.substring(0, 3) + ":" + name.substring(3));
      } else if (ZONES.containsKey(name.toUpperCase(Locale.ROOT))) {
        zone = ZONES.get(name.toUpperCase(Locale.ROOT));
      } else {
        return Optional.empty();
      }
    }
    try {
      return Optional.of(
          ZonedDateTime.of(
                  Integer.parseInt(m.group(3)),
                  month,
                  Integer.parseInt(m.group(1)),
                  hour,
                  Integer.parseInt(m.group(5)),
                  m.group(6) == null ? 0 : Integer.parseInt(m.group(6)),
                  0,
                  zone)
              .toInstant());
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }
}
