package dev.tocsin.alerting.mute;

import dev.tocsin.schemas.EscalationAlert;
import dev.tocsin.schemas.Matcher;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Tests one alert field or label: {@code name=value}, {@code name!=value}, {@code name=~regex} or
 * {@code name!~regex} (the regex must match the whole value), as Alertmanager's matchers do.
 *
 * <p>The names {@code alertKey}, {@code level}, {@code kind}, {@code status}, {@code eventType},
 * {@code profile} and {@code clusterId} name the alert's own fields; any other name is one of its
 * labels. An absent field or label has the empty value. The enum fields ({@code level}, {@code
 * kind}, {@code status}) compare without regard to case, so {@code level=high} matches a HIGH
 * alert.
 */
public final class AlertMatcher {

  private static final Set<String> ENUM_FIELDS = Set.of("level", "kind", "status");
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
  private static final Pattern TEXT =
      Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_.-]*)\\s*(=~|!~|!=|=)\\s*(.*?)\\s*");

  private final String name;
  private final String value;
  private final boolean regex;
  private final boolean equal;
  private final Pattern pattern;

  private AlertMatcher(String name, String value, boolean regex, boolean equal) {
    this.name = Objects.requireNonNull(name, "name");
    this.value = Objects.requireNonNull(value, "value");
    this.regex = regex;
    this.equal = equal;
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("bad matcher name '" + name + "'");
    }
    if (regex) {
      try {
        int flags = ENUM_FIELDS.contains(name) ? Pattern.CASE_INSENSITIVE : 0;
        this.pattern = Pattern.compile(value, flags);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(
            "bad regex in matcher '"
                + this
                + "': "
                + e.getDescription()
                + " near index "
                + e.getIndex(),
            e);
      }
    } else {
      this.pattern = null;
    }
  }

  /** Returns a matcher; {@code regex} for a full-match regex, {@code equal} false to negate. */
  public static AlertMatcher of(String name, String value, boolean regex, boolean equal) {
    return new AlertMatcher(name, value, regex, equal);
  }

  /**
   * Reads {@code name=value}, {@code name!=value}, {@code name=~regex} or {@code name!~regex}; the
   * value may be wrapped in double quotes.
   */
  public static AlertMatcher parse(String text) {
    Objects.requireNonNull(text, "text");
    java.util.regex.Matcher m = TEXT.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "bad matcher '" + text + "': write name=value, name!=value, name=~regex or name!~regex");
    }
    String value = m.group(3);
    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
      value = value.substring(1, value.length() - 1);
    }
    String op = m.group(2);
    return new AlertMatcher(m.group(1), value, op.endsWith("~"), !op.startsWith("!"));
  }

  /** Returns the matcher a {@code Silence} record carries. */
  public static AlertMatcher fromAvro(Matcher matcher) {
    return new AlertMatcher(
        matcher.getName(), matcher.getValue(), matcher.getRegex(), matcher.getEqual());
  }

  /** Returns this matcher as carried in a {@code Silence} record. */
  public Matcher toAvro() {
    return Matcher.newBuilder()
        .setName(name)
        .setValue(value)
        .setRegex(regex)
        .setEqual(equal)
        .build();
  }

  /** Returns whether {@code alert} satisfies this matcher. */
  public boolean matches(EscalationAlert alert) {
    String actual = valueOf(alert, name);
    String v = actual == null ? "" : actual;
    boolean hit;
    if (regex) {
      hit = pattern.matcher(v).matches();
    } else if (ENUM_FIELDS.contains(name)) {
      hit = value.equalsIgnoreCase(v);
    } else {
      hit = value.equals(v);
    }
    return hit == equal;
  }

  /** Returns the value of an alert field or, for other names, label; null when absent. */
  public static String valueOf(EscalationAlert alert, String name) {
    return switch (name) {
      case "alertKey" -> alert.getAlertKey();
      case "level" -> alert.getLevel() == null ? null : alert.getLevel().name();
      case "kind" -> alert.getKind() == null ? null : alert.getKind().name();
      case "status" -> alert.getStatus() == null ? null : alert.getStatus().name();
      case "eventType" -> alert.getEventType();
      case "profile" -> alert.getProfile();
      case "clusterId" -> alert.getClusterId();
      default -> alert.getLabels() == null ? null : alert.getLabels().get(name);
    };
  }

  /** Returns the label or field name. */
  public String name() {
    return name;
  }

  /** Returns the value or regex. */
  public String value() {
    return value;
  }

  /** Returns whether the value is a regex. */
  public boolean regex() {
    return regex;
  }

  /** Returns false for a negated matcher ({@code !=}, {@code !~}). */
  public boolean equal() {
    return equal;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AlertMatcher other
        && name.equals(other.name)
        && value.equals(other.value)
        && regex == other.regex
        && equal == other.equal;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, value, regex, equal);
  }

  /** Returns the matcher as {@code parse} reads it, e.g. {@code eventType=~"munitions.*"}. */
  @Override
  public String toString() {
    String op = (equal ? "=" : "!") + (regex ? "~" : (equal ? "" : "="));
    return name + op + "\"" + value + "\"";
  }
}
