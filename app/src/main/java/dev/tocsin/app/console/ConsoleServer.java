package dev.tocsin.app.console;

import dev.tocsin.platform.health.ManagementServer;
import dev.tocsin.platform.kafka.TopicProvisioner;
import dev.tocsin.schemas.Topics;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * The operator console: pages on alerts, stories, feeds and silences at the management server's
 * root, built from the topics alone and kept current by following them.
 */
public final class ConsoleServer implements AutoCloseable {

  private final TopicFollower follower;
  private final ConsoleHandler handler;

  private ConsoleServer(TopicFollower follower, ConsoleHandler handler) {
    this.follower = follower;
    this.handler = handler;
  }

  /**
   * Starts following the topics (creating those missing) and serves the console at {@code /} of
   * {@code management}; fails when it would be exposed beyond loopback without a token.
   */
  public static ConsoleServer start(
      ManagementServer management,
      ConsoleSettings settings,
      Map<String, Object> clientConfig,
      Topics topics,
      short replication,
      ConsoleActions actions,
      Clock clock) {
    Objects.requireNonNull(management, "management");
    settings.checkExposure(management.address());
    TopicProvisioner.ensure(clientConfig, TopicFollower.sources(topics), replication);
    ConsoleView view = new ConsoleView(settings.window(), settings.maxStories());
    TopicFollower follower = new TopicFollower(clientConfig, topics, view, clock);
    try {
      follower.start();
    } catch (RuntimeException e) {
      follower.close();
      throw e;
    }
    ConsoleHandler handler = new ConsoleHandler(view, actions, settings, clock);
    management.handle("/", handler);
    return new ConsoleServer(follower, handler);
  }

  @Override
  public void close() {
    handler.close();
    follower.close();
  }
}
