package dev.tocsin.app;

/**
 * A setting is unknown or has a bad value; the message names it, the value and, in a file, the
 * line.
 */
final class ConfigException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  ConfigException(String message) {
    super(message);
  }

  ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
