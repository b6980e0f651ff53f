package dev.tocsin.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.KafkaException;

/**
 * A command cannot do what it was asked for a reason its message names, together with the fix; the
 * command line prints the message alone (no stack trace) and exits with the code of its {@link
 * Kind}. docs/operations.md lists the codes.
 */
final class CommandFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** What went wrong, and the exit code it gives. */
  enum Kind {
    /** The command ran and reports a failure of what it was asked about, e.g. no such feed. */
    NOT_FOUND(1),
    /** A bad option, argument, setting or input file: nothing was done. */
    BAD_INPUT(2),
    /**
     * No Kafka is configured and no local pipeline runs, or the configured Kafka does not answer.
     */
    KAFKA_UNAVAILABLE(3),
    /** A service other than Kafka (a feed, a page, a sink) cannot be reached or fails. */
    SERVICE_UNAVAILABLE(4),
    /** Something the command did not expect: a bug; {@code --verbose} prints the stack trace. */
    INTERNAL(5);

    private final int exitCode;

    Kind(int exitCode) {
      this.exitCode = exitCode;
    }

    /** Returns the process exit code of this kind of failure. */
    int exitCode() {
      return exitCode;
    }
  }

  private final Kind kind;

  CommandFailure(Kind kind, String message) {
    super(Objects.requireNonNull(message, "message"));
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  CommandFailure(Kind kind, String message, Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  static CommandFailure badInput(String message) {
    return new CommandFailure(Kind.BAD_INPUT, message);
  }

  static CommandFailure badInput(String message, Throwable cause) {
    return new CommandFailure(Kind.BAD_INPUT, message, cause);
  }

  static CommandFailure kafkaUnavailable(String message) {
    return new CommandFailure(Kind.KAFKA_UNAVAILABLE, message);
  }

  Kind kind() {
    return kind;
  }

  /**
   * Returns {@code e} as a failure of its kind: a bad setting or argument is bad input, an error of
   * a Kafka client means Kafka is unavailable, an unreadable file is bad input, other I/O errors
   * are an unavailable service, anything else is internal.
   */
  static CommandFailure from(Throwable e) {
    if (e instanceof CommandFailure failure) {
      return failure;
    }
    if (e instanceof ConfigException) {
      return new CommandFailure(Kind.BAD_INPUT, message(e), e);
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof KafkaException || t instanceof TimeoutException) {
        return new CommandFailure(
            Kind.KAFKA_UNAVAILABLE,
            "Kafka: "
                + message(e)
                + " (check TOCSIN_KAFKA_BOOTSTRAP_SERVERS or --bootstrap-servers, and that the"
                + " broker runs)",
            e);
      }
      if (t instanceof FileSystemException file) {
        return new CommandFailure(
            Kind.BAD_INPUT,
            "Cannot read " + file.getFile() + ": " + file.getClass().getSimpleName(),
            e);
      }
    }
    if (e instanceof IllegalArgumentException) {
      return new CommandFailure(Kind.BAD_INPUT, message(e), e);
    }
    if (e instanceof IOException || e instanceof UncheckedIOException) {
      return new CommandFailure(Kind.SERVICE_UNAVAILABLE, message(e), e);
    }
    return new CommandFailure(
        Kind.INTERNAL,
        "unexpected error: "
            + e.getClass().getName()
            + ": "
            + message(e)
            + " (--verbose prints its"
            + " stack trace)",
        e);
  }

  private static String message(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.replaceAll("\\s+", " ").strip();
  }
}
