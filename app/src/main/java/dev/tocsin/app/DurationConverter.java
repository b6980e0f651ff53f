package dev.tocsin.app;

import dev.tocsin.platform.text.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads durations written as {@code 500ms}, {@code 60s}, {@code 5m}, {@code 2h} or ISO-8601. */
final class DurationConverter implements ITypeConverter<Duration> {

  @Override
  public Duration convert(String value) {
    return Durations.parse(value)
        .orElseThrow(
            () ->
                new TypeConversionException(
                    "'" + value + "' is not a duration (use e.g. 500ms, 60s, 5m, 2h or PT60S)"));
  }
}
