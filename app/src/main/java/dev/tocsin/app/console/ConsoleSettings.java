package dev.tocsin.app.console;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;

/**
 * The operator console's settings.
 *
 * @param token the token a browser must give before it sees anything; null for none, which is
 *     allowed only while the console is bound to loopback
 * @param window how far back alerts, stories and receipts are kept in memory
 * @param maxStories the most stories kept in memory
 */
public record ConsoleSettings(String token, Duration window, int maxStories) {

  /** Checks the values. */
  public ConsoleSettings {
    Objects.requireNonNull(window, "window");
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("the console's window must be positive: " + window);
    }
    if (maxStories < 1) {
      throw new IllegalArgumentException("the console needs room for a story: " + maxStories);
    }
    if (token != null && token.isBlank()) {
      token = null;
    }
  }

  /**
   * Fails when the console would be served on {@code address}, not a loopback one, without a token.
   */
  public void checkExposure(InetSocketAddress address) {
    if (token == null && !loopback(address)) {
      throw new IllegalArgumentException(
          "The operator console is served on "
              + address.getHostString()
              + ":"
              + address.getPort()
              + ", not a loopback address: set TOCSIN_CONSOLE_TOKEN (or console.token in the"
              + " config file) to the token browsers must give, or bind TOCSIN_MANAGEMENT_ADDRESS"
              + " to 127.0.0.1");
    }
  }

  private static boolean loopback(InetSocketAddress address) {
    if (address.getAddress() != null) {
      return address.getAddress().isLoopbackAddress();
    }
    try {
      for (InetAddress a : InetAddress.getAllByName(address.getHostString())) {
        if (!a.isLoopbackAddress()) {
          return false;
        }
      }
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
