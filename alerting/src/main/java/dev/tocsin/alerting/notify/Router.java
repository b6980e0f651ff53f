package dev.tocsin.alerting.notify;

import dev.tocsin.schemas.EscalationAlert;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Returns the sinks an alert goes to: the union of the sinks of every route it matches. */
public final class Router {

  private final List<Route> routes;

  /**
   * Creates a router over {@code routes}, checking that every sink they name is in {@code sinks}.
   */
  public Router(List<Route> routes, Set<String> sinks) {
    this.routes = List.copyOf(routes);
    for (Route route : this.routes) {
      for (String sink : route.sinks()) {
        if (!sinks.contains(sink)) {
          throw new IllegalArgumentException(
              "route names sink '" + sink + "', but only " + sinks + " are configured");
        }
      }
    }
  }

  /** Returns the names of the sinks {@code alert} goes to, in route order, each once. */
  public List<String> sinksFor(EscalationAlert alert) {
    Set<String> sinks = new LinkedHashSet<>();
    for (Route route : routes) {
      if (route.matches(alert)) {
        sinks.addAll(route.sinks());
      }
    }
    return List.copyOf(sinks);
  }

  /**
   * Returns how long {@code alert} waits before {@code sink} is notified of it again: the shortest
   * repeat interval of the matching routes that name the sink, else {@code fallback}.
   */
  public Duration repeatInterval(EscalationAlert alert, String sink, Duration fallback) {
    Duration shortest = null;
    for (Route route : routes) {
      if (route.repeatInterval() != null
          && route.sinks().contains(sink)
          && route.matches(alert)
          && (shortest == null || route.repeatInterval().compareTo(shortest) < 0)) {
        shortest = route.repeatInterval();
      }
    }
    return shortest == null ? fallback : shortest;
  }
}
