package dev.tocsin.app;

import dev.tocsin.alerting.mute.AlertMatcher;
import dev.tocsin.alerting.mute.SilenceStore;
import dev.tocsin.app.console.ConsoleActions;
import dev.tocsin.ingest.feed.AddressGuard;
import dev.tocsin.ingest.registry.FeedRegistry;
import dev.tocsin.schemas.Feed;
import dev.tocsin.schemas.Silence;
import dev.tocsin.schemas.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The console's changes, through the same code as {@code tocsin silence} and {@code tocsin feeds}:
 * the silence store, the feed registry, and the URL check {@code feeds add} makes up front.
 */
final class ConsoleWrites implements ConsoleActions {

  private final SilenceStore silences;
  private final FeedRegistry feeds;
  private final AddressGuard guard;

  ConsoleWrites(Map<String, Object> clientConfig, Topics topics, AddressGuard guard, Clock clock) {
    this.silences = new SilenceStore(clientConfig, topics, clock);
    this.feeds = new FeedRegistry(clientConfig, topics);
    this.guard = Objects.requireNonNull(guard, "guard");
  }

  @Override
  public Silence addSilence(
      List<AlertMatcher> matchers, Instant endsAt, String author, String comment) {
    return silences.add(matchers, null, endsAt, author, comment);
  }

  @Override
  public Optional<Silence> expireSilence(String id) {
    return silences.expire(id);
  }

  @Override
  public String addFeed(Feed feed) {
    StringWriter warnings = new StringWriter();
    try {
      FeedRegistryCommands.checkUrl(feed.getUrl(), guard, new PrintWriter(warnings, true));
    } catch (CommandFailure e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    feeds.put(List.of(feed));
    return warnings.toString().isBlank() ? null : warnings.toString().strip();
  }

  @Override
  public void putFeed(Feed feed) {
    feeds.put(List.of(feed));
  }

  @Override
  public boolean removeFeed(String url) {
    return feeds.remove(url);
  }
}
