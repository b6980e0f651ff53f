package dev.tocsin.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import dev.tocsin.platform.kafka.FencedInstance;
import org.slf4j.Marker;

/**
 * Drops the Kafka clients' stack traces of a fenced static group member: the service that stops
 * logs one line instead, naming the group, the member and {@code TOCSIN_INSTANCE_ID} ({@link
 * FencedInstance#message}). Registered in {@code logback.xml}.
 */
public final class FencedInstanceLogFilter extends TurboFilter {

  private static final String KAFKA = "org.apache.kafka.";

  @Override
  public FilterReply decide(
      Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (logger == null || !logger.getName().startsWith(KAFKA)) {
      return FilterReply.NEUTRAL;
    }
    // SLF4J passes a trailing throwable among the parameters when the message has placeholders.
    Throwable error = t;
    if (error == null && params != null && params.length > 0) {
      error = params[params.length - 1] instanceof Throwable last ? last : null;
    }
    return error != null && FencedInstance.causedBy(error) ? FilterReply.DENY : FilterReply.NEUTRAL;
  }
}
