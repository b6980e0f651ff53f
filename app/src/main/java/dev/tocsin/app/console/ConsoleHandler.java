package dev.tocsin.app.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.tocsin.app.console.AlertPages.Filter;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the console's pages, assets and live alert stream, after checking the token (when one is
 * set) and, on every form, the CSRF token.
 */
final class ConsoleHandler implements HttpHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ConsoleHandler.class);
  private static final String CSRF_COOKIE = "tocsin_csrf";
  private static final String SESSION_COOKIE = "tocsin_session";
  private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

  /** Live pages at once; the rest of the management server's threads stay for the others. */
  private static final int MAX_STREAMS = 12;

  private final ConsoleView view;
  private final AlertPages alerts;
  private final RegistryPages registry;
  private final ConsoleForms forms;
  private final ConsoleSettings settings;
  private final Assets assets;
  private final Semaphore streams = new Semaphore(MAX_STREAMS);
  private final SecureRandom random = new SecureRandom();
  private volatile boolean closed;

  ConsoleHandler(ConsoleView view, ConsoleActions actions, ConsoleSettings settings, Clock clock) {
    this.view = Objects.requireNonNull(view, "view");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.alerts = new AlertPages(view);
    this.registry = new RegistryPages(view, clock);
    this.forms = new ConsoleForms(view, actions, registry, clock);
    this.assets = Assets.load();
  }

  void close() {
    closed = true;
  }

  @Override
  public void handle(HttpExchange http) throws IOException {
    Exchange x = new Exchange(http);
    try {
      route(x);
    } catch (IOException e) {
      http.close();
    } catch (RuntimeException e) {
      LOG.warn("Console request {} {} failed", x.method(), x.path(), e);
      x.html(500, Html.page("Error", "", "<h1>Something went wrong</h1><p>See the log.</p>"));
    }
  }

  private void route(Exchange x) throws IOException {
    String path = x.path();
    boolean get = x.method().equals("GET") || x.method().equals("HEAD");
    boolean post = x.method().equals("POST");
    if (path.startsWith("/static/") && get) {
      assets.serve(x, path.substring("/static/".length()));
      return;
    }
    String csrf = csrf(x);
    if (post && !validForm(x, csrf)) {
      return;
    }
    if (!authorized(x)) {
      login(x, csrf, get);
      return;
    }
    if (get && path.equals("/")) {
      x.html(200, alerts.list(Filter.of(x.query())));
    } else if (get && path.equals("/events/alerts")) {
      stream(x);
    } else if (get && path.startsWith("/alerts/")) {
      String key = URLDecoder.decode(path.substring("/alerts/".length()), StandardCharsets.UTF_8);
      var page = alerts.detail(key);
      if (page.isPresent()) {
        x.html(200, page.get());
      } else {
        notFound(x, "No alert " + key + " in the window.");
      }
    } else if (get && path.equals("/stories")) {
      x.html(200, registry.stories(x.query()));
    } else if (get && path.equals("/feeds")) {
      x.html(200, registry.feeds(csrf, ConsoleForms.notice(x.query()), Map.of()));
    } else if (get && path.equals("/silences")) {
      x.html(
          200,
          registry.silences(
              csrf, ConsoleForms.notice(x.query()), Map.of(), x.query().get("alert")));
    } else if (post && path.startsWith("/feeds")) {
      forms.feed(x, path, ConsoleForms.form(x), csrf);
    } else if (post && path.startsWith("/silences")) {
      forms.silence(x, path, ConsoleForms.form(x), csrf);
    } else if (get && path.equals("/login")) {
      x.redirect("/");
    } else {
      notFound(x, "No page " + path + ".");
    }
  }

  private static void notFound(Exchange x, String message) throws IOException {
    Html h = new Html().raw("<h1>Not found</h1>").notice(message, true);
    x.html(404, Html.page("Not found", "", h.toString()));
  }

  /** Returns the browser's CSRF token, giving it one when it has none. */
  private String csrf(Exchange x) {
    String token = x.cookie(CSRF_COOKIE);
    if (token == null || !token.matches("[A-Za-z0-9_-]{43}")) {
      byte[] bytes = new byte[32];
      random.nextBytes(bytes);
      token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      x.setCookie(CSRF_COOKIE, token);
    }
    return token;
  }

  /**
   * Checks a form's CSRF token against the browser's cookie (set {@code SameSite=Strict}, which
   * another site cannot read or send) and its Origin against the Host; answers 403 when they
   * differ.
   */
  private boolean validForm(Exchange x, String csrf) throws IOException {
    String origin = x.header("Origin");
    String host = x.header("Host");
    boolean sameOrigin =
        origin == null
            || host != null
                && (origin.equals("http://" + host) || origin.equals("https://" + host));
    Map<String, String> form = x.form();
    String given = form.getOrDefault("csrf", "");
    if (sameOrigin && equal(given, csrf) && x.cookie(CSRF_COOKIE) != null) {
      x.http().setAttribute(ConsoleForms.FORM, form);
      return true;
    }
    Html h =
        new Html()
            .raw("<h1>Form expired</h1>")
            .notice(
                "The form's security token did not match; nothing was changed. Reload the page"
                    + " and send it again.",
                true);
    x.html(403, Html.page("Form expired", "", h.toString()));
    return false;
  }

  private boolean authorized(Exchange x) {
    if (settings.token() == null) {
      return true;
    }
    String bearer = x.header("Authorization");
    if (bearer != null && bearer.startsWith("Bearer ")) {
      return equal(bearer.substring("Bearer ".length()).strip(), settings.token());
    }
    String session = x.cookie(SESSION_COOKIE);
    return session != null && equal(session, session());
  }

  private String session() {
    return ConsoleForms.hmac(settings.token(), "tocsin-console-session");
  }

  private void login(Exchange x, String csrf, boolean get) throws IOException {
    String message = null;
    if (!get && x.path().equals("/login")) {
      String given = ConsoleForms.form(x).getOrDefault("token", "");
      if (equal(given.strip(), settings.token())) {
        x.setCookie(SESSION_COOKIE, session());
        x.redirect("/");
        return;
      }
      message = "Wrong token.";
    } else if (!get) {
      x.text(401, "The console needs its token: sign in at /login\n");
      return;
    }
    Html h =
        new Html()
            .raw("<h1>Sign in</h1>")
            .notice(message, true)
            .raw("<form method=\"post\" action=\"/login\">")
            .hidden("csrf", csrf)
            .raw("<label>Console token <input type=\"password\" name=\"token\" required")
            .raw(" autocomplete=\"current-password\"></label>")
            .raw("<button type=\"submit\">Sign in</button></form>");
    x.html(401, Html.page("Sign in", "", h.toString()));
  }

  /** Streams the alert rows of the page's filter: now, and again whenever they change. */
  private void stream(Exchange x) throws IOException {
    if (!streams.tryAcquire()) {
      x.text(503, "Too many live pages are open; reload later.\n");
      return;
    }
    HttpExchange http = x.http();
    try (http) {
      Filter filter = Filter.of(x.query());
      x.secure("text/event-stream; charset=utf-8");
      http.getResponseHeaders().set("Cache-Control", "no-store");
      http.sendResponseHeaders(200, 0);
      OutputStream out = http.getResponseBody();
      write(out, "retry: 2000\n\n");
      long seen = -1;
      String sent = null;
      while (!closed) {
        long version = view.version();
        if (version != seen) {
          seen = version;
          String rows = alerts.rows(filter);
          if (!rows.equals(sent)) {
            write(out, event("alerts", rows));
            sent = rows;
          }
        } else {
          write(out, ": keep-alive\n\n");
        }
        view.awaitChange(seen, KEEP_ALIVE);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      streams.release();
    }
  }

  static String event(String name, String data) {
    StringBuilder b = new StringBuilder("event: ").append(name).append('\n');
    for (String line : data.split("\r\n|\r|\n", -1)) {
      b.append("data: ").append(line).append('\n');
    }
    return b.append('\n').toString();
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static boolean equal(String given, String expected) {
    return expected != null
        && MessageDigest.isEqual(
            given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }
}
