package dev.tocsin.app.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tocsin.alerting.mute.AlertMatcher;
import dev.tocsin.platform.health.ManagementServer;
import dev.tocsin.schemas.AlertLevel;
import dev.tocsin.schemas.Feed;
import dev.tocsin.schemas.Silence;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The console's pages, forms and live stream over real HTTP, on a view fed by hand. */
class ConsoleHandlerTest {

  private static final Instant NOW = Instant.parse("2026-11-27T08:00:00Z");
  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private final ConsoleView view = new ConsoleView(Duration.ofDays(7), 100);
  private final RecordingActions actions = new RecordingActions();
  private final HttpClient http = HttpClient.newHttpClient();
  private ManagementServer server;
  private String base;

  private void start(String token) {
    server =
        ManagementServer.start(
            new InetSocketAddress("127.0.0.1", 0),
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    ConsoleSettings settings = new ConsoleSettings(token, Duration.ofDays(7), 100);
    server.handle("/", new ConsoleHandler(view, actions, settings, clock));
    base = "http://127.0.0.1:" + server.address().getPort();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void shouldRenderHostileHeadlinesAsTextWhenListingStories() throws Exception {
    start(null);
    view.story(
        ConsoleFixtures.story(
            "s-1",
            "<script>window.pwned=1</script> troops <img src=x onerror=\"window.pwned=2\">",
            "javascript:window.pwned=3",
            true,
            NOW));

    HttpResponse<String> page = get("/stories");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("&lt;script&gt;window.pwned=1&lt;/script&gt; troops &lt;img src=x")
        .contains("onerror=&quot;window.pwned=2&quot;&gt;")
        .contains("Example &lt;i&gt;News&lt;/i&gt;")
        .doesNotContain("<script>window")
        .doesNotContain("<img")
        .doesNotContain("href=\"javascript:");
    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .hasValue(Exchange.CONTENT_SECURITY_POLICY);
  }

  @Test
  void shouldEscapeAlertFieldsAndLinkOnlyWebUrlsWhenShowingDetail() throws Exception {
    start(null);
    view.alert(ConsoleFixtures.alert("cluster:cl-1", "<b>Troops</b>", AlertLevel.HIGH, NOW));

    HttpResponse<String> page = get("/alerts/cluster%3Acl-1");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("&lt;b&gt;Troops&lt;/b&gt;", "troops &lt;b&gt;moved&lt;/b&gt;", "+0.400")
        .contains("href=\"https://news.example/a\"")
        .doesNotContain("href=\"javascript:")
        .contains("href=\"/silences?alert=cluster%3Acl-1\"");
    assertThat(get("/alerts/nope").statusCode()).isEqualTo(404);
  }

  @Test
  void shouldRefuseAFormWithoutItsCsrfTokenAndChangeNothing() throws Exception {
    start(null);

    HttpResponse<String> forged =
        post("/silences", "matchers=level%3DHIGH&duration=2h&author=a&comment=c", null);

    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(forged.body()).contains("nothing was changed");
    assertThat(actions.silences).isEmpty();
  }

  @Test
  void shouldExplainBadSilenceInputOnThePageAndChangeNothing() throws Exception {
    start(null);
    Session s = session("/silences");

    HttpResponse<String> badMatcher =
        s.post("/silences", "matchers=eventType%3D~(&duration=2h&author=a&comment=c");
    HttpResponse<String> negative =
        s.post("/silences", "matchers=level%3DHIGH&duration=-5m&author=a&comment=c");
    HttpResponse<String> garbage =
        s.post("/silences", "matchers=level%3DHIGH&duration=soon&author=a&comment=c");

    assertThat(badMatcher.statusCode()).isEqualTo(400);
    assertThat(badMatcher.body()).contains("role=\"alert\"", "Bad matcher &#39;eventType=~(&#39;");
    assertThat(negative.statusCode()).isEqualTo(400);
    assertThat(negative.body()).contains("Duration must be positive: &#39;-5m&#39;");
    assertThat(garbage.body()).contains("Duration &#39;soon&#39; is not a duration");
    assertThat(actions.silences).isEmpty();

    HttpResponse<String> good =
        s.post("/silences", "matchers=alertKey%3Dcluster%3Acl-1&duration=12h&author=a&comment=c");
    assertThat(good.statusCode()).isEqualTo(303);
    assertThat(actions.silences).hasSize(1);
    assertThat(actions.silences.get(0).getEndsAt()).isEqualTo(NOW.plus(Duration.ofHours(12)));
  }

  @Test
  void shouldShowTheRefusalOfAPrivateFeedUrlAndAddNothing() throws Exception {
    start(null);
    Session s = session("/feeds");

    HttpResponse<String> refused = s.post("/feeds", "url=http%3A%2F%2F10.0.0.1%2Ffeed.xml");

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("role=\"alert\"", "private address 10.0.0.1");
    assertThat(refused.body()).contains("value=\"http://10.0.0.1/feed.xml\"");
    assertThat(actions.feeds).isEmpty();
  }

  @Test
  void shouldDisableAndRemoveARegisteredFeedThroughTheActions() throws Exception {
    start(null);
    Feed feed =
        Feed.newBuilder()
            .setUrl("https://feeds.example/world.xml")
            .setName("World")
            .setOutlet("Example")
            .setLanguage("en")
            .setPollIntervalSeconds(300)
            .setFullText(false)
            .setTags(List.of())
            .setEnabled(true)
            .build();
    view.feed(feed.getUrl(), feed);
    Session s = session("/feeds");
    String url = "url=https%3A%2F%2Ffeeds.example%2Fworld.xml";

    HttpResponse<String> disabled = s.post("/feeds/disable", url);
    HttpResponse<String> unknown = s.post("/feeds/disable", "url=https%3A%2F%2Fnope.example%2F");

    assertThat(disabled.statusCode()).isEqualTo(303);
    assertThat(actions.feeds).singleElement().satisfies(f -> assertThat(f.getEnabled()).isFalse());
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).contains("No feed https://nope.example/ in the registry.");
    assertThat(s.post("/feeds/remove", url).statusCode()).isEqualTo(303);
    assertThat(actions.feeds).isEmpty();
  }

  @Test
  void shouldRequireTheTokenWhenOneIsSet() throws Exception {
    start("s3cret-token");

    assertThat(get("/").statusCode()).isEqualTo(401);
    assertThat(get("/").body()).contains("Sign in").doesNotContain("Alerts</h1>");
    HttpResponse<String> bearer =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/"))
                .header("Authorization", "Bearer s3cret-token")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(bearer.statusCode()).isEqualTo(200);
    assertThat(bearer.body()).contains("Alerts</h1>");

    Session s = session("/login");
    assertThat(s.post("/login", "token=wrong").statusCode()).isEqualTo(401);
    HttpResponse<String> signedIn = s.post("/login", "token=s3cret-token");
    assertThat(signedIn.statusCode()).isEqualTo(303);
    String cookie =
        signedIn.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith("tocsin_session="))
            .findFirst()
            .orElseThrow();
    HttpResponse<String> page =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/"))
                .header("Cookie", cookie.split(";")[0])
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
  }

  @Test
  void shouldRefuseToServeBeyondLoopbackWithoutAToken() {
    ConsoleSettings open = new ConsoleSettings(null, Duration.ofDays(1), 10);

    assertThatThrownBy(() -> open.checkExposure(new InetSocketAddress("0.0.0.0", 8080)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("TOCSIN_CONSOLE_TOKEN");
    open.checkExposure(new InetSocketAddress("127.0.0.1", 8080));
    new ConsoleSettings("t", Duration.ofDays(1), 10)
        .checkExposure(new InetSocketAddress("0.0.0.0", 8080));
  }

  @Test
  void shouldStreamTheRowsAgainWhenAnAlertArrives() throws Exception {
    start(null);
    view.alert(ConsoleFixtures.alert("cluster:cl-1", "First alert", AlertLevel.HIGH, NOW));
    HttpResponse<InputStream> stream =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/events/alerts?level=&state=")).build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertThat(stream.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
    try (BufferedReader events =
        new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
      String first = nextEvent(events);
      assertThat(first).contains("event: alerts", "First alert").doesNotContain("Second alert");

      view.alert(ConsoleFixtures.alert("cluster:cl-2", "Second alert", AlertLevel.HIGH, NOW));

      assertThat(nextEvent(events)).contains("Second alert", "First alert");
    }
  }

  private static String nextEvent(BufferedReader events) throws Exception {
    StringBuilder event = new StringBuilder();
    for (String line = events.readLine(); line != null; line = events.readLine()) {
      if (line.isEmpty() && event.indexOf("event:") >= 0) {
        return event.toString();
      }
      if (!line.isEmpty()) {
        event.append(line).append('\n');
      }
    }
    return event.toString();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String form, String cookie) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form));
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A browser's CSRF cookie and token, as a page hands them out. */
  private Session session(String page) throws Exception {
    HttpResponse<String> response = get(page);
    String cookie = response.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    Matcher token = CSRF.matcher(response.body());
    assertThat(token.find()).as("a CSRF field on " + page).isTrue();
    return new Session(cookie, token.group(1));
  }

  private final class Session {
    final String cookie;
    final String csrf;

    Session(String cookie, String csrf) {
      this.cookie = cookie;
      this.csrf = csrf;
    }

    HttpResponse<String> post(String path, String form) throws Exception {
      return ConsoleHandlerTest.this.post(path, form + "&csrf=" + csrf, cookie);
    }
  }

  /** Records the console's writes; checks feed URLs as the registry's guard does for 10/8. */
  static final class RecordingActions implements ConsoleActions {
    final List<Silence> silences = new ArrayList<>();
    final List<Feed> feeds = new ArrayList<>();

    @Override
    public Silence addSilence(
        List<AlertMatcher> matchers, Instant endsAt, String author, String comment) {
      Silence s =
          Silence.newBuilder()
              .setId("s-" + silences.size())
              .setMatchers(matchers.stream().map(AlertMatcher::toAvro).toList())
              .setStartsAt(NOW)
              .setEndsAt(endsAt)
              .setCreatedBy(author)
              .setComment(comment)
              .setCreatedAt(NOW)
              .build();
      silences.add(s);
      return s;
    }

    @Override
    public Optional<Silence> expireSilence(String id) {
      return silences.stream().filter(s -> s.getId().equals(id)).findFirst();
    }

    @Override
    public String addFeed(Feed feed) {
      if (URI.create(feed.getUrl()).getHost().startsWith("10.")) {
        throw new IllegalArgumentException(
            "Not added, ingest would not fetch it: private address 10.0.0.1");
      }
      feeds.add(feed);
      return null;
    }

    @Override
    public void putFeed(Feed feed) {
      feeds.add(feed);
    }

    @Override
    public boolean removeFeed(String url) {
      return feeds.removeIf(f -> f.getUrl().equals(url));
    }
  }
}
