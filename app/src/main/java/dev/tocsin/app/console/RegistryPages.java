package dev.tocsin.app.console;

import dev.tocsin.alerting.mute.AlertMatcher;
import dev.tocsin.alerting.mute.SilenceState;
import dev.tocsin.schemas.EnrichedStory;
import dev.tocsin.schemas.Feed;
import dev.tocsin.schemas.FeedStatus;
import dev.tocsin.schemas.RawStory;
import dev.tocsin.schemas.Silence;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders the feeds, silences and stories pages, with their forms. */
final class RegistryPages {

  private static final int STORIES_SHOWN = 200;

  private final ConsoleView view;
  private final Clock clock;

  RegistryPages(ConsoleView view, Clock clock) {
    this.view = view;
    this.clock = clock;
  }

  /** A message for the page after a form: what was done, or what was wrong. */
  record Notice(String message, boolean error) {
    static final Notice NONE = new Notice(null, false);
  }

  String feeds(String csrf, Notice notice, Map<String, String> form) {
    Html h = new Html();
    h.raw("<h1>Feeds</h1>").notice(notice.message(), notice.error());
    Map<String, FeedStatus> statuses = view.statuses();
    h.raw("<div class=\"overflow-auto\"><table id=\"feeds\"><thead><tr>")
        .raw("<th scope=\"col\">Feed</th><th scope=\"col\">State</th>")
        .raw("<th scope=\"col\">Last success</th><th scope=\"col\">Last error</th>")
        .raw("<th scope=\"col\">Next poll</th><th scope=\"col\">Items a day</th>")
        .raw("<th scope=\"col\">Actions</th></tr></thead><tbody>");
    List<Feed> feeds =
        view.feeds().values().stream().sorted(Comparator.comparing(Feed::getName)).toList();
    for (Feed f : feeds) {
      FeedStatus s = statuses.get(f.getUrl());
      String state =
          !f.getEnabled()
              ? "disabled"
              : s == null ? "pending" : s.getConsecutiveFailures() == 0 ? "ok" : "failing";
      h.raw("<tr data-feed=\"").text(f.getUrl()).raw("\"><td>").link(f.getUrl(), f.getName());
      h.raw("<br><small>").text(f.getOutlet() + " · " + lang(f.getLanguage())).raw("</small></td>");
      h.raw("<td class=\"feed-state\">").text(state).raw("</td>");
      h.element("td", s == null ? null : Html.time(s.getLastSuccessAt()));
      h.element(
          "td",
          s == null || s.getLastError() == null
              ? null
              : s.getErrorKind()
                  + ": "
                  + s.getLastError()
                  + " ("
                  + Html.time(s.getLastErrorAt())
                  + ")");
      h.element("td", s == null ? null : Html.time(s.getNextPollAt()));
      h.element("td", s == null ? null : String.format(Locale.ROOT, "%.1f", s.getItemsPerDay()));
      h.raw("<td class=\"actions\">");
      action(
          h,
          csrf,
          f.getEnabled() ? "/feeds/disable" : "/feeds/enable",
          "url",
          f.getUrl(),
          f.getEnabled() ? "Disable" : "Enable",
          f.getName());
      action(h, csrf, "/feeds/remove", "url", f.getUrl(), "Remove", f.getName());
      h.raw("</td></tr>");
    }
    h.raw("</tbody></table></div>");
    h.raw("<section aria-labelledby=\"add-feed\"><h2 id=\"add-feed\">Add a feed</h2>")
        .raw("<form method=\"post\" action=\"/feeds\">")
        .hidden("csrf", csrf)
        .raw("<label>URL <input type=\"url\" name=\"url\" required value=\"")
        .text(form.getOrDefault("url", ""))
        .raw("\" placeholder=\"https://example.org/feed.rss\"></label>")
        .raw("<div class=\"grid\"><label>Name <input name=\"name\" value=\"")
        .text(form.getOrDefault("name", ""))
        .raw("\"></label><label>Language <input name=\"language\" value=\"")
        .text(form.getOrDefault("language", ""))
        .raw("\" placeholder=\"en\"></label><label>Poll interval <input name=\"interval\"")
        .raw(" value=\"")
        .text(form.getOrDefault("interval", "5m"))
        .raw("\"></label><label>Tags <input name=\"tags\" value=\"")
        .text(form.getOrDefault("tags", ""))
        .raw("\" placeholder=\"state-media:RUS\"></label></div>")
        .raw("<button type=\"submit\">Add feed</button></form></section>");
    return Html.page("Feeds", "Feeds", h.toString());
  }

  String silences(String csrf, Notice notice, Map<String, String> form, String alertKey) {
    Instant now = clock.instant();
    Html h = new Html();
    h.raw("<h1>Silences</h1>").notice(notice.message(), notice.error());
    String matchers =
        form.getOrDefault(
            "matchers", alertKey == null || alertKey.isBlank() ? "" : "alertKey=" + alertKey);
    h.raw("<section aria-labelledby=\"new-silence\"><h2 id=\"new-silence\">New silence</h2>")
        .raw("<form method=\"post\" action=\"/silences\">")
        .hidden("csrf", csrf)
        .raw("<label>Matchers, one a line (all must match) <textarea name=\"matchers\" rows=\"2\"")
        .raw(" required>")
        .text(matchers)
        .raw("</textarea><small>name=value, name!=value, name=~regex or name!~regex; names:")
        .raw(" alertKey, level, kind, status, eventType, profile, clusterId or a label</small>")
        .raw("</label><div class=\"grid\"><label>Duration <input name=\"duration\" required")
        .raw(" value=\"")
        .text(form.getOrDefault("duration", "12h"))
        .raw("\"></label><label>Author <input name=\"author\" required value=\"")
        .text(form.getOrDefault("author", ""))
        .raw("\"></label></div><label>Comment <input name=\"comment\" required value=\"")
        .text(form.getOrDefault("comment", ""))
        .raw("\"></label><button type=\"submit\">Create silence</button></form></section>");
    h.raw("<section aria-labelledby=\"all-silences\"><h2 id=\"all-silences\">All silences</h2>")
        .raw("<div class=\"overflow-auto\"><table id=\"silences\"><thead><tr>")
        .raw("<th scope=\"col\">State</th><th scope=\"col\">Matchers</th>")
        .raw("<th scope=\"col\">Starts</th><th scope=\"col\">Ends</th>")
        .raw("<th scope=\"col\">Author</th><th scope=\"col\">Comment</th>")
        .raw("<th scope=\"col\">Actions</th></tr></thead><tbody>");
    for (Silence s : view.silences()) {
      SilenceState state = SilenceState.of(s, now);
      h.raw("<tr data-silence=\"").text(s.getId()).raw("\">");
      h.raw("<td class=\"silence-state\">")
          .text(state.name().toLowerCase(Locale.ROOT))
          .raw("</td>");
      h.raw("<td><code>")
          .text(
              s.getMatchers().stream()
                  .map(AlertMatcher::fromAvro)
                  .map(AlertMatcher::toString)
                  .collect(Collectors.joining(", ")))
          .raw("</code></td>");
      h.element("td", Html.time(s.getStartsAt())).element("td", Html.time(s.getEndsAt()));
      h.element("td", s.getCreatedBy()).element("td", s.getComment()).raw("<td>");
      if (state != SilenceState.EXPIRED) {
        action(h, csrf, "/silences/expire", "id", s.getId(), "Expire", s.getComment());
      }
      h.raw("</td></tr>");
    }
    h.raw("</tbody></table></div></section>");
    return Html.page("Silences", "Silences", h.toString());
  }

  String stories(Map<String, String> query) {
    boolean onWatch = "on".equals(query.get("watch"));
    String language = query.getOrDefault("language", "").strip().toLowerCase(Locale.ROOT);
    String text = query.getOrDefault("q", "").strip().toLowerCase(Locale.ROOT);
    List<EnrichedStory> shown =
        view.stories().stream()
            .filter(s -> !onWatch || s.getRelevance().getRelevant())
            .filter(s -> language.isEmpty() || language.equals(s.getLanguage()))
            .filter(s -> text.isEmpty() || matches(s.getStory(), text))
            .limit(STORIES_SHOWN)
            .toList();
    Html h = new Html();
    h.raw("<h1>Stories</h1><form method=\"get\" action=\"/stories\" role=\"search\"")
        .raw(" class=\"filters\"><label><input type=\"checkbox\" name=\"watch\" value=\"on\"")
        .raw(onWatch ? " checked" : "")
        .raw("> On the watch only</label><label>Language <input name=\"language\" size=\"4\"")
        .raw(" value=\"")
        .text(language)
        .raw("\"></label><label>Text <input type=\"search\" name=\"q\" value=\"")
        .text(text)
        .raw("\"></label><button type=\"submit\">Filter</button></form>")
        .raw("<div class=\"overflow-auto\"><table id=\"stories\" class=\"cards\"><caption>")
        .text(shown.size() + " stories shown, the latest first (at most " + STORIES_SHOWN + ")")
        .raw("</caption><thead><tr><th scope=\"col\">Received</th>")
        .raw("<th scope=\"col\">Watch</th><th scope=\"col\">Headline</th>")
        .raw("<th scope=\"col\">Outlet</th><th scope=\"col\">Lang</th>")
        .raw("<th scope=\"col\">Verdict</th></tr></thead><tbody>");
    for (EnrichedStory s : shown) {
      RawStory story = s.getStory();
      h.raw("<tr data-story=\"").text(story.getId()).raw("\">");
      h.element("td data-label=\"Received\"", Html.time(story.getFetchedAt()));
      h.element(
          "td data-label=\"Watch\"",
          (s.getRelevance().getRelevant() ? "on " : "off ")
              + String.format(Locale.ROOT, "%.2f", s.getRelevance().getScore()));
      h.raw("<td class=\"headline\">").link(story.getUrl(), story.getTitle()).raw("</td>");
      h.element("td data-label=\"Outlet\"", story.getOutlet());
      h.element("td data-label=\"Language\"", lang(s.getLanguage()));
      h.element(
          "td data-label=\"Verdict\"",
          s.getDedup().getStatus().name().toLowerCase(Locale.ROOT)
              + (s.getDedup().getMethod() == null
                  ? ""
                  : " (" + s.getDedup().getMethod().name().toLowerCase(Locale.ROOT) + ")"));
      h.raw("</tr>");
    }
    h.raw("</tbody></table></div>");
    return Html.page("Stories", "Stories", h.toString());
  }

  private static boolean matches(RawStory story, String text) {
    return story.getTitle().toLowerCase(Locale.ROOT).contains(text)
        || (story.getSummary() != null
            && story.getSummary().toLowerCase(Locale.ROOT).contains(text));
  }

  private static void action(
      Html h, String csrf, String path, String field, String value, String label, String what) {
    h.raw("<form method=\"post\" action=\"")
        .raw(path)
        .raw("\" class=\"inline\">")
        .hidden("csrf", csrf)
        .hidden(field, value)
        .raw("<button type=\"submit\" class=\"secondary outline\" aria-label=\"")
        .text(label + " " + what)
        .raw("\">")
        .text(label)
        .raw("</button></form>");
  }

  private static String lang(String language) {
    return language == null ? "?" : language;
  }
}
