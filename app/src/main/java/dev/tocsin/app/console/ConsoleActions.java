package dev.tocsin.app.console;

import dev.tocsin.alerting.mute.AlertMatcher;
import dev.tocsin.schemas.Feed;
import dev.tocsin.schemas.Silence;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The changes the console makes, written where and as the CLI writes them (the silences and feeds
 * topics), so that the page and {@code tocsin silence|feeds} always agree. Bad input fails with an
 * {@link IllegalArgumentException} whose message tells the operator what to fix.
 */
public interface ConsoleActions {

  /** Writes a new silence from now until {@code endsAt} and returns it. */
  Silence addSilence(List<AlertMatcher> matchers, Instant endsAt, String author, String comment);

  /** Ends silence {@code id} now; empty when there is no such silence. */
  Optional<Silence> expireSilence(String id);

  /**
   * Checks that ingest could fetch {@code feed}'s URL and adds it to the registry; returns a
   * warning for the page (e.g. its host does not resolve now), else null.
   */
  String addFeed(Feed feed);

  /** Replaces a registered feed, e.g. disabled. */
  void putFeed(Feed feed);

  /** Removes a feed; false when it was not registered. */
  boolean removeFeed(String url);
}
