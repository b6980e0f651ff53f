package dev.tocsin.app.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The console's scripts and styles, read once from the jar: htmx and its SSE extension, Pico, and
 * the console's own stylesheet. Nothing comes from a CDN.
 */
final class Assets {

  private static final String WEBJARS = "META-INF/resources/webjars/";

  /** Name served under {@code /static/} to class-path resource. */
  static final Map<String, String> FILES =
      Map.of(
          "htmx.min.js", WEBJARS + "htmx.org/2.0.10/dist/htmx.min.js",
          "sse.js", WEBJARS + "htmx-ext-sse/2.2.2/sse.js",
          "pico.min.css", WEBJARS + "picocss__pico/2.1.1/css/pico.min.css",
          "console.css", "dev/tocsin/app/console/console.css");

  private final Map<String, byte[]> content;

  private Assets(Map<String, byte[]> content) {
    this.content = content;
  }

  static Assets load() {
    Map<String, byte[]> content = new HashMap<>();
    ClassLoader loader = Assets.class.getClassLoader();
    FILES.forEach(
        (name, resource) -> {
          try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
              throw new IllegalStateException("The console's asset " + resource + " is missing");
            }
            content.put(name, in.readAllBytes());
          } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the console's asset " + resource, e);
          }
        });
    return new Assets(Map.copyOf(content));
  }

  void serve(Exchange x, String name) throws IOException {
    byte[] bytes = content.get(name);
    if (bytes == null) {
      x.text(404, "No such asset\n");
      return;
    }
    String type =
        name.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8";
    x.http().getResponseHeaders().set("Cache-Control", "max-age=3600");
    x.secure(type);
    if (x.method().equals("HEAD")) {
      x.http().sendResponseHeaders(200, -1);
      x.http().close();
      return;
    }
    x.http().sendResponseHeaders(200, bytes.length);
    try (var out = x.http().getResponseBody()) {
      out.write(bytes);
    }
  }
}
