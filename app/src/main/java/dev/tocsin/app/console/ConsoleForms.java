package dev.tocsin.app.console;

import dev.tocsin.alerting.mute.AlertMatcher;
import dev.tocsin.app.console.RegistryPages.Notice;
import dev.tocsin.platform.text.Durations;
import dev.tocsin.schemas.Feed;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.common.KafkaException;

/**
 * Handles the console's forms: checks the input as the CLI does, writes through {@link
 * ConsoleActions}, and answers with the page again and a message saying what was wrong (nothing
 * changed) or a redirect saying what was done.
 */
final class ConsoleForms {

  /** The exchange attribute holding the form, read once when its CSRF token is checked. */
  static final String FORM = "tocsin.console.form";

  private static final Map<String, String> DONE =
      Map.of(
          "feed-added", "Feed added; its status appears after its first poll.",
          "feed-added-unresolved",
              "Feed added; its host does not resolve now, it is polled when it does.",
          "feed-disabled", "Feed disabled.",
          "feed-enabled", "Feed enabled.",
          "feed-removed", "Feed removed.",
          "silence-created", "Silence created.",
          "silence-expired", "Silence expired.");

  private final ConsoleView view;
  private final ConsoleActions actions;
  private final RegistryPages pages;
  private final Clock clock;

  ConsoleForms(ConsoleView view, ConsoleActions actions, RegistryPages pages, Clock clock) {
    this.view = view;
    this.actions = actions;
    this.pages = pages;
    this.clock = clock;
  }

  @SuppressWarnings("unchecked")
  static Map<String, String> form(Exchange x) {
    Object form = x.http().getAttribute(FORM);
    return form == null ? Map.of() : (Map<String, String>) form;
  }

  /** Returns the message a redirect after a form names, if any. */
  static Notice notice(Map<String, String> query) {
    String message = DONE.get(query.getOrDefault("done", ""));
    return message == null ? Notice.NONE : new Notice(message, false);
  }

  void feed(Exchange x, String path, Map<String, String> form, String csrf) throws IOException {
    try {
      String url = form.getOrDefault("url", "").strip();
      switch (path) {
        case "/feeds" -> {
          String warning = actions.addFeed(newFeed(url, form));
          x.redirect("/feeds?done=feed-added" + (warning == null ? "" : "-unresolved"));
        }
        case "/feeds/disable", "/feeds/enable" -> {
          Feed feed = view.feeds().get(url);
          if (feed == null) {
            throw new IllegalArgumentException("No feed " + url + " in the registry.");
          }
          boolean enable = path.endsWith("enable");
          actions.putFeed(Feed.newBuilder(feed).setEnabled(enable).build());
          x.redirect("/feeds?done=" + (enable ? "feed-enabled" : "feed-disabled"));
        }
        case "/feeds/remove" -> {
          if (!actions.removeFeed(url)) {
            throw new IllegalArgumentException("No feed " + url + " in the registry.");
          }
          x.redirect("/feeds?done=feed-removed");
        }
        default -> x.html(404, Html.page("Not found", "", "<h1>Not found</h1>"));
      }
    } catch (IllegalArgumentException | KafkaException e) {
      x.html(
          e instanceof KafkaException ? 503 : 400,
          pages.feeds(csrf, new Notice(message(e), true), form));
    }
  }

  private static Feed newFeed(String url, Map<String, String> form) {
    if (url.isEmpty()) {
      throw new IllegalArgumentException("Give the feed's URL, e.g. https://example.org/feed.rss");
    }
    Duration interval = positive("Poll interval", form.getOrDefault("interval", "5m"));
    String name = form.getOrDefault("name", "").strip();
    String language = form.getOrDefault("language", "").strip();
    List<String> tags =
        Arrays.stream(form.getOrDefault("tags", "").split(","))
            .map(String::strip)
            .filter(t -> !t.isEmpty())
            .toList();
    String host;
    try {
      host = URI.create(url).getHost();
    } catch (IllegalArgumentException e) {
      host = null;
    }
    return Feed.newBuilder()
        .setUrl(url)
        .setName(name.isEmpty() ? url : name)
        .setOutlet(host == null ? url : host)
        .setLanguage(language.isEmpty() ? null : language)
        .setPollIntervalSeconds(Math.max(1, interval.toSeconds()))
        .setFullText(false)
        .setTags(tags)
        .setEnabled(true)
        .build();
  }

  void silence(Exchange x, String path, Map<String, String> form, String csrf) throws IOException {
    try {
      if (path.equals("/silences")) {
        List<AlertMatcher> matchers = new ArrayList<>();
        for (String line : form.getOrDefault("matchers", "").split("\r?\n")) {
          if (line.isBlank()) {
            continue;
          }
          try {
            matchers.add(AlertMatcher.parse(line.strip()));
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                "Bad matcher '" + line.strip() + "': " + e.getMessage(), e);
          }
        }
        if (matchers.isEmpty()) {
          throw new IllegalArgumentException("Give at least one matcher, e.g. level=HIGH");
        }
        Duration duration = positive("Duration", form.getOrDefault("duration", ""));
        actions.addSilence(
            matchers,
            clock.instant().plus(duration),
            form.getOrDefault("author", ""),
            form.getOrDefault("comment", ""));
        x.redirect("/silences?done=silence-created");
      } else if (path.equals("/silences/expire")) {
        String id = form.getOrDefault("id", "");
        if (actions.expireSilence(id).isEmpty()) {
          throw new IllegalArgumentException("No silence " + id + ".");
        }
        x.redirect("/silences?done=silence-expired");
      } else {
        x.html(404, Html.page("Not found", "", "<h1>Not found</h1>"));
      }
    } catch (IllegalArgumentException | KafkaException e) {
      x.html(
          e instanceof KafkaException ? 503 : 400,
          pages.silences(csrf, new Notice(message(e), true), form, null));
    }
  }

  private static Duration positive(String what, String text) {
    Duration d =
        Durations.parse(text.isBlank() ? "?" : text)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        what + " '" + text + "' is not a duration: use e.g. 90m, 12h or 2d"));
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be positive: '" + text.strip() + "'");
    }
    return d;
  }

  private static String message(RuntimeException e) {
    if (e instanceof KafkaException) {
      return "Kafka did not take the change (" + e.getMessage() + "); nothing was changed.";
    }
    return e.getMessage();
  }

  /** Returns the hex HMAC-SHA256 of {@code text} under {@code key}. */
  static String hmac(String key, String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
    }
  }
}
