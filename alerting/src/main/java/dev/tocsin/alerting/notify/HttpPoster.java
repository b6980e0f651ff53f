package dev.tocsin.alerting.notify;

import dev.tocsin.platform.http.RetryAfter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** POSTs a JSON body and classifies the answer; shared by the HTTP sinks. */
final class HttpPoster {

  private final HttpClient http;
  private final Clock clock;
  private final Duration timeout;

  HttpPoster(HttpClient http, Clock clock, Duration timeout) {
    this.http = http;
    this.clock = clock;
    this.timeout = timeout;
  }

  DeliveryResult post(URI url, byte[] body, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("User-Agent", "Tocsin-Notifier")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      Duration retryAfter =
          response
              .headers()
              .firstValue("Retry-After")
              .flatMap(v -> RetryAfter.parse(v, clock.instant()))
              .orElse(null);
      return DeliveryResult.ofHttpStatus(response.statusCode(), retryAfter, response.body());
    } catch (HttpTimeoutException e) {
      return DeliveryResult.retry(null, null, "timed out after " + timeout + " posting to " + url);
    } catch (IOException e) {
      return DeliveryResult.retry(null, null, "cannot post to " + url + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return DeliveryResult.retry(null, null, "interrupted posting to " + url);
    }
  }
}
