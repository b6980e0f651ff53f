package dev.tocsin.app.console;

import dev.tocsin.schemas.ClusterMember;
import dev.tocsin.schemas.DedupVerdict;
import dev.tocsin.schemas.DeliveryReceipt;
import dev.tocsin.schemas.EnrichedStory;
import dev.tocsin.schemas.EscalationAlert;
import dev.tocsin.schemas.Reason;
import dev.tocsin.schemas.StoryCluster;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Renders the alert list (and its live rows) and an alert's detail. */
final class AlertPages {

  private final ConsoleView view;

  AlertPages(ConsoleView view) {
    this.view = view;
  }

  /** The filter of the alert list: a level and a state, "" meaning any. */
  record Filter(String level, String state) {
    static Filter of(Map<String, String> query) {
      return new Filter(
          upper(query.getOrDefault("level", "")), upper(query.getOrDefault("state", "")));
    }

    boolean accepts(EscalationAlert a) {
      return (level.isEmpty() || a.getLevel().name().equals(level))
          && (state.isEmpty() || a.getStatus().name().equals(state));
    }

    String query() {
      return "level=" + Html.url(level) + "&state=" + Html.url(state);
    }

    private static String upper(String s) {
      return s.strip().toUpperCase(Locale.ROOT);
    }
  }

  String list(Filter filter) {
    Html h = new Html();
    h.raw("<h1>Alerts</h1>")
        .raw("<form method=\"get\" action=\"/\" class=\"filters\" role=\"search\">")
        .raw("<label>Level <select name=\"level\">")
        .options(filter.level(), "", "INFO", "ELEVATED", "HIGH", "CRITICAL")
        .raw("</select></label><label>State <select name=\"state\">")
        .options(filter.state(), "", "FIRING", "UPDATED", "RESOLVED")
        .raw("</select></label><button type=\"submit\">Filter</button></form>")
        .raw("<div class=\"overflow-auto\"><table class=\"striped cards\"><caption>")
        .raw("Updated live; newest change first.</caption><thead><tr>")
        .raw("<th scope=\"col\">Level</th><th scope=\"col\">State</th>")
        .raw("<th scope=\"col\">Score</th><th scope=\"col\">Alert</th>")
        .raw("<th scope=\"col\">First</th><th scope=\"col\">Last update</th>")
        .raw("<th scope=\"col\">Independent sources</th></tr></thead>")
        .raw("<tbody id=\"alert-rows\" hx-ext=\"sse\" sse-connect=\"/events/alerts?")
        .text(filter.query())
        .raw("\" sse-swap=\"alerts\">")
        .raw(rows(filter))
        .raw("</tbody></table></div>");
    return Html.page("Alerts", "Alerts", h.toString());
  }

  /** Returns the table rows of the alerts {@code filter} accepts. */
  String rows(Filter filter) {
    Html h = new Html();
    List<EscalationAlert> alerts = view.alerts().stream().filter(filter::accepts).toList();
    if (alerts.isEmpty()) {
      h.raw("<tr><td colspan=\"7\">No alerts in the window.</td></tr>");
    }
    for (EscalationAlert a : alerts) {
      h.raw("<tr data-alert=\"")
          .text(a.getAlertKey())
          .raw("\"><td data-label=\"Level\"><mark class=\"level-")
          .text(a.getLevel().name().toLowerCase(Locale.ROOT))
          .raw("\">")
          .text(a.getLevel())
          .raw("</mark></td>")
          .element("td data-label=\"State\"", a.getStatus())
          .element("td data-label=\"Score\"", score(a.getScore()))
          .raw("<td data-label=\"Alert\">")
          .link("/alerts/" + Html.url(a.getAlertKey()), a.getTitle())
          .raw("</td>")
          .element("td data-label=\"First\"", Html.time(a.getFiredAt()))
          .element("td data-label=\"Last update\"", Html.time(a.getUpdatedAt()))
          .element("td data-label=\"Independent sources\"", a.getEvidence().getIndependentSources())
          .raw("</tr>");
    }
    return h.toString();
  }

  /** Returns the detail page of alert {@code key}, or empty when the view does not hold it. */
  Optional<String> detail(String key) {
    List<EscalationAlert> versions = view.versions(key);
    if (versions.isEmpty()) {
      return Optional.empty();
    }
    EscalationAlert a = versions.get(versions.size() - 1);
    Html h = new Html();
    h.raw("<hgroup><h1>").text(a.getTitle()).raw("</h1><p>");
    h.raw("<mark class=\"level-")
        .text(a.getLevel().name().toLowerCase(Locale.ROOT))
        .raw("\">")
        .text(a.getLevel())
        .raw("</mark> ")
        .text(a.getStatus() + " · score " + score(a.getScore()) + " · " + a.getKind())
        .text(" · profile " + a.getProfile())
        .raw("</p></hgroup>");
    h.raw("<p>")
        .text(a.getSummary())
        .raw("</p><p><a role=\"button\" href=\"/silences?alert=")
        .text(Html.url(a.getAlertKey()))
        .raw("\">Silence this alert</a></p>");
    h.raw("<dl><dt>Alert key</dt><dd><code>")
        .text(a.getAlertKey())
        .raw("</code></dd><dt>First fired</dt>")
        .element("dd", Html.time(a.getFiredAt()))
        .raw("<dt>Last update</dt>")
        .element("dd", Html.time(a.getUpdatedAt()))
        .raw("<dt>Independent sources</dt>")
        .element("dd", a.getEvidence().getIndependentSources())
        .raw("<dt>Event</dt>")
        .element(
            "dd",
            a.getEventType() == null
                ? null
                : a.getEventType()
                    + " (CAMEO "
                    + a.getCameoCode()
                    + (a.getGoldstein() == null
                        ? ""
                        : String.format(Locale.ROOT, ", Goldstein %+.1f", a.getGoldstein()))
                    + ")")
        .raw("<dt>Actors</dt>")
        .element("dd", a.getActors().isEmpty() ? null : String.join(" → ", a.getActors()))
        .raw("</dl>");
    reasons(h, a.getReasons());
    timeline(h, versions);
    reports(h, a);
    notifications(h, view.deliveries(key));
    return Optional.of(Html.page(a.getTitle(), "Alerts", h.toString()));
  }

  private static void reasons(Html h, List<Reason> reasons) {
    h.raw("<section aria-labelledby=\"why\"><h2 id=\"why\">Why it fired</h2>")
        .raw("<div class=\"overflow-auto\"><table id=\"reasons\"><thead><tr>")
        .raw("<th scope=\"col\">Weight</th><th scope=\"col\">Reason</th>")
        .raw("<th scope=\"col\">Detail</th></tr></thead><tbody>");
    for (Reason r : reasons) {
      h.raw("<tr>")
          .element("td", String.format(Locale.ROOT, "%+.3f", r.getWeight()))
          .raw("<td><code>")
          .text(r.getCode())
          .raw("</code></td>")
          .element("td", r.getDetail())
          .raw("</tr>");
    }
    h.raw("</tbody></table></div></section>");
  }

  private static void timeline(Html h, List<EscalationAlert> versions) {
    h.raw("<section aria-labelledby=\"timeline\"><h2 id=\"timeline\">Timeline</h2><ol>");
    for (EscalationAlert v : versions) {
      h.raw("<li>")
          .text(
              Html.time(v.getUpdatedAt())
                  + " · version "
                  + v.getVersion()
                  + " · "
                  + v.getStatus()
                  + " · "
                  + v.getLevel()
                  + " · score "
                  + score(v.getScore()))
          .raw("</li>");
    }
    h.raw("</ol></section>");
  }

  private void reports(Html h, EscalationAlert a) {
    h.raw("<section aria-labelledby=\"reports\"><h2 id=\"reports\">Reports</h2>");
    Optional<StoryCluster> cluster = view.cluster(a.getClusterId());
    if (cluster.isEmpty()) {
      h.raw("<p>No cluster in the window; the alert's links:</p><ul>");
      a.getEvidence().getLinks().forEach(l -> h.raw("<li>").link(l, l).raw("</li>"));
      h.raw("</ul></section>");
      return;
    }
    Map<String, List<ClusterMember>> copies =
        cluster.get().getMembers().stream()
            .filter(m -> m.getDuplicateOf() != null)
            .collect(Collectors.groupingBy(ClusterMember::getDuplicateOf));
    h.raw("<ul id=\"reports-list\">");
    for (ClusterMember m : cluster.get().getMembers()) {
      if (m.getDuplicateOf() != null
          && cluster.get().getMembers().stream()
              .anyMatch(o -> o.getStoryId().equals(m.getDuplicateOf()))) {
        continue;
      }
      h.raw("<li class=\"report\" data-story=\"").text(m.getStoryId()).raw("\">");
      member(h, m);
      List<ClusterMember> own = copies.getOrDefault(m.getStoryId(), List.of());
      if (!own.isEmpty()) {
        h.raw("<ul class=\"copies\" aria-label=\"Copies\">");
        for (ClusterMember c : own) {
          h.raw("<li class=\"copy\" data-story=\"").text(c.getStoryId()).raw("\">copy: ");
          member(h, c);
          view.story(c.getStoryId())
              .map(s -> s.getDedup())
              .filter(d -> d.getMethod() != null)
              .ifPresent(d -> h.raw(" <small>").text(method(d)).raw("</small>"));
          h.raw("</li>");
        }
        h.raw("</ul>");
      }
      h.raw("</li>");
    }
    h.raw("</ul></section>");
  }

  private void member(Html h, ClusterMember m) {
    String headline =
        view.story(m.getStoryId()).map(EnrichedStory::getStory).map(s -> s.getTitle()).orElse(null);
    h.raw("<strong>")
        .link(m.getUrl(), headline != null ? headline : "story " + m.getStoryId())
        .raw("</strong> <small>")
        .text(
            m.getOutlet()
                + " · "
                + (m.getLanguage() == null ? "?" : m.getLanguage())
                + " · "
                + Html.time(m.getPublishedAt()))
        .raw("</small>");
    if (m.getStateMedia() != null) {
      h.raw(" <mark class=\"state-media\">state media (").text(m.getStateMedia()).raw(")</mark>");
    }
  }

  private static String method(DedupVerdict d) {
    return d.getMethod().name().toLowerCase(Locale.ROOT)
        + String.format(Locale.ROOT, " %.2f", d.getScore());
  }

  private static void notifications(Html h, List<DeliveryReceipt> receipts) {
    h.raw("<section aria-labelledby=\"sent\"><h2 id=\"sent\">Notifications</h2>");
    if (receipts.isEmpty()) {
      h.raw("<p>None sent for it in the window.</p></section>");
      return;
    }
    h.raw("<div class=\"overflow-auto\"><table><thead><tr><th scope=\"col\">Time</th>")
        .raw("<th scope=\"col\">Sink</th><th scope=\"col\">Outcome</th>")
        .raw("<th scope=\"col\">Version</th><th scope=\"col\">Error</th></tr></thead><tbody>");
    for (DeliveryReceipt r : receipts) {
      h.raw("<tr>")
          .element("td", Html.time(r.getAt()))
          .element("td", r.getSink())
          .element(
              "td", r.getOutcome() + (r.getAttempt() > 1 ? " (try " + r.getAttempt() + ")" : ""))
          .element("td", r.getAlertVersion())
          .element("td", r.getError())
          .raw("</tr>");
    }
    h.raw("</tbody></table></div></section>");
  }

  private static String score(double score) {
    return String.format(Locale.ROOT, "%.2f", score);
  }
}
