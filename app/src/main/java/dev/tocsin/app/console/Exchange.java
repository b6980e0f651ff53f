package dev.tocsin.app.console;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** One request to the console and its response, with the headers every response carries. */
final class Exchange {

  /** Scripts, styles and connections from the console itself only; no framing, no inline code. */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
          + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  private static final int MAX_FORM_BYTES = 64 * 1024;

  private final HttpExchange exchange;

  Exchange(HttpExchange exchange) {
    this.exchange = exchange;
  }

  HttpExchange http() {
    return exchange;
  }

  String method() {
    return exchange.getRequestMethod().toUpperCase(Locale.ROOT);
  }

  String path() {
    return exchange.getRequestURI().getRawPath();
  }

  Map<String, String> query() {
    return decode(exchange.getRequestURI().getRawQuery());
  }

  /** Reads a urlencoded form body; an over-long one reads as empty. */
  Map<String, String> form() throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(MAX_FORM_BYTES + 1);
      if (body.length > MAX_FORM_BYTES) {
        return Map.of();
      }
      return decode(new String(body, StandardCharsets.US_ASCII));
    }
  }

  String header(String name) {
    return exchange.getRequestHeaders().getFirst(name);
  }

  /** Returns the value of cookie {@code name}, or null. */
  String cookie(String name) {
    for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", java.util.List.of())) {
      for (String part : header.split(";")) {
        String[] pair = part.strip().split("=", 2);
        if (pair.length == 2 && pair[0].equals(name)) {
          return pair[1];
        }
      }
    }
    return null;
  }

  void setCookie(String name, String value) {
    exchange
        .getResponseHeaders()
        .add("Set-Cookie", name + "=" + value + "; Path=/; HttpOnly; SameSite=Strict");
  }

  void html(int status, String body) throws IOException {
    send(status, "text/html; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
  }

  void text(int status, String body) throws IOException {
    send(status, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
  }

  void redirect(String location) throws IOException {
    exchange.getResponseHeaders().set("Location", location);
    send(303, "text/plain; charset=utf-8", new byte[0]);
  }

  void send(int status, String type, byte[] body) throws IOException {
    secure(type);
    if (!type.startsWith("text/html")) {
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
    }
    boolean bodyless = body.length == 0 || method().equals("HEAD");
    exchange.sendResponseHeaders(status, bodyless ? -1 : body.length);
    if (!bodyless) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
    exchange.close();
  }

  /** Sets the headers of every response, {@code type} among them. */
  void secure(String type) {
    var headers = exchange.getResponseHeaders();
    headers.set("Content-Type", type);
    headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    headers.set("X-Content-Type-Options", "nosniff");
    // Not no-referrer: under it, browsers send "Origin: null" with forms, which the CSRF check
    // refuses. Outlets' sites still learn nothing of the console.
    headers.set("Referrer-Policy", "same-origin");
    headers.set("X-Frame-Options", "DENY");
    if (type.startsWith("text/html")) {
      headers.set("Cache-Control", "no-store");
    }
  }

  static Map<String, String> decode(String raw) {
    Map<String, String> values = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return values;
    }
    for (String pair : raw.split("&")) {
      String[] kv = pair.split("=", 2);
      try {
        String key = URLDecoder.decode(kv[0], StandardCharsets.UTF_8);
        String value = kv.length == 2 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "";
        values.putIfAbsent(key, value);
      } catch (IllegalArgumentException e) {
        // A malformed escape: the pair is ignored, as if it were absent.
      }
    }
    return values;
  }
}
