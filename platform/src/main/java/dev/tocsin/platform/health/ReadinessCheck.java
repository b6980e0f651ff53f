package dev.tocsin.platform.health;

/** One condition a service must meet to be ready, e.g. "Kafka reachable" or "Streams RUNNING". */
public interface ReadinessCheck {

  /** Returns the check's name as shown on {@code /health/ready}. */
  String name();

  /** Returns null when ready, else a readable reason why not. */
  String problem();
}
