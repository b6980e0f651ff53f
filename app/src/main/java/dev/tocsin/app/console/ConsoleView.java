package dev.tocsin.app.console;

import dev.tocsin.schemas.DeliveryReceipt;
import dev.tocsin.schemas.EnrichedStory;
import dev.tocsin.schemas.EscalationAlert;
import dev.tocsin.schemas.Feed;
import dev.tocsin.schemas.FeedStatus;
import dev.tocsin.schemas.Silence;
import dev.tocsin.schemas.StoryCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The console's picture of Tocsin, rebuilt from the topics: alerts with every version, clusters,
 * recent stories, the feed registry and health, silences and delivery receipts. Bounded by the
 * window (what is older is dropped) and by a maximum number of stories; safe for several threads.
 */
public final class ConsoleView {

  private final Duration window;
  private final int maxStories;
  private final Map<String, List<EscalationAlert>> alerts = new HashMap<>();
  private final Map<String, StoryCluster> clusters = new HashMap<>();
  private final LinkedHashMap<String, EnrichedStory> stories = new LinkedHashMap<>();
  private final Map<String, Feed> feeds = new HashMap<>();
  private final Map<String, FeedStatus> statuses = new HashMap<>();
  private final Map<String, Silence> silences = new HashMap<>();
  private final Map<String, List<DeliveryReceipt>> deliveries = new HashMap<>();
  private long version;

  /** Creates an empty view keeping {@code window} of history and at most {@code maxStories}. */
  public ConsoleView(Duration window, int maxStories) {
    this.window = Objects.requireNonNull(window, "window");
    if (maxStories < 1) {
      throw new IllegalArgumentException("maxStories must be positive: " + maxStories);
    }
    this.maxStories = maxStories;
  }

  /** Returns how far back the view keeps alerts, stories and receipts. */
  public Duration window() {
    return window;
  }

  synchronized void alert(EscalationAlert alert) {
    List<EscalationAlert> versions =
        alerts.computeIfAbsent(alert.getAlertKey(), k -> new ArrayList<>());
    versions.removeIf(v -> v.getVersion() == alert.getVersion());
    versions.add(alert);
    versions.sort(Comparator.comparingInt(EscalationAlert::getVersion));
    changed();
  }

  synchronized void cluster(String id, StoryCluster cluster) {
    put(clusters, id, cluster);
  }

  synchronized void story(EnrichedStory story) {
    String id = story.getStory().getId();
    stories.remove(id);
    stories.put(id, story);
    while (stories.size() > maxStories) {
      stories.remove(stories.keySet().iterator().next());
    }
    changed();
  }

  synchronized void feed(String url, Feed feed) {
    put(feeds, url, feed);
  }

  synchronized void status(String url, FeedStatus status) {
    put(statuses, url, status);
  }

  synchronized void silence(String id, Silence silence) {
    put(silences, id, silence);
  }

  synchronized void delivery(DeliveryReceipt receipt) {
    deliveries.computeIfAbsent(receipt.getAlertKey(), k -> new ArrayList<>()).add(receipt);
    changed();
  }

  private <V> void put(Map<String, V> map, String key, V value) {
    if (value == null) {
      map.remove(key);
    } else {
      map.put(key, value);
    }
    changed();
  }

  /** Drops what ended before the window that closes at {@code now}. */
  synchronized void prune(Instant now) {
    Instant cutoff = now.minus(window);
    boolean removed =
        alerts.values().removeIf(v -> v.get(v.size() - 1).getUpdatedAt().isBefore(cutoff));
    removed |= clusters.values().removeIf(c -> c.getUpdatedAt().isBefore(cutoff));
    removed |= stories.values().removeIf(s -> s.getStory().getFetchedAt().isBefore(cutoff));
    for (List<DeliveryReceipt> receipts : deliveries.values()) {
      removed |= receipts.removeIf(r -> r.getAt().isBefore(cutoff));
    }
    removed |= deliveries.values().removeIf(List::isEmpty);
    if (removed) {
      changed();
    }
  }

  private void changed() {
    version++;
    notifyAll();
  }

  /** Returns a number that grows with every change. */
  public synchronized long version() {
    return version;
  }

  /**
   * Waits until the view changes after {@code seen} or {@code max} passes; returns the version
   * then.
   */
  public synchronized long awaitChange(long seen, Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    while (version == seen) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      Duration remaining = Duration.ofNanos(left);
      wait(Math.max(1, remaining.toMillis()));
    }
    return version;
  }

  /** Returns the latest version of every alert, the most recently updated first. */
  public synchronized List<EscalationAlert> alerts() {
    return alerts.values().stream()
        .map(v -> v.get(v.size() - 1))
        .sorted(Comparator.comparing(EscalationAlert::getUpdatedAt).reversed())
        .toList();
  }

  /** Returns every version of alert {@code key}, oldest first; empty when it is unknown. */
  public synchronized List<EscalationAlert> versions(String key) {
    return List.copyOf(alerts.getOrDefault(key, List.of()));
  }

  /** Returns the cluster {@code id}, if the view holds it. */
  public synchronized Optional<StoryCluster> cluster(String id) {
    return Optional.ofNullable(id == null ? null : clusters.get(id));
  }

  /** Returns the story {@code id}, if the view still holds it. */
  public synchronized Optional<EnrichedStory> story(String id) {
    return Optional.ofNullable(stories.get(id));
  }

  /** Returns the stories the view holds, the most recently received first. */
  public synchronized List<EnrichedStory> stories() {
    List<EnrichedStory> recent = new ArrayList<>(stories.values());
    java.util.Collections.reverse(recent);
    return recent;
  }

  /** Returns the feed registry, keyed by URL. */
  public synchronized Map<String, Feed> feeds() {
    return Map.copyOf(feeds);
  }

  /** Returns the latest status of each polled feed, keyed by URL. */
  public synchronized Map<String, FeedStatus> statuses() {
    return Map.copyOf(statuses);
  }

  /** Returns every silence on the topic, expired ones included. */
  public synchronized List<Silence> silences() {
    return silences.values().stream()
        .sorted(Comparator.comparing(Silence::getStartsAt).reversed())
        .toList();
  }

  /** Returns the receipts of alert {@code key}, oldest first. */
  public synchronized List<DeliveryReceipt> deliveries(String key) {
    return deliveries.getOrDefault(key, List.of()).stream()
        .sorted(Comparator.comparing(DeliveryReceipt::getAt))
        .toList();
  }
}
