package dev.tocsin.ingest.poll;

import dev.tocsin.ingest.extract.ArticleFetcher;
import dev.tocsin.ingest.extract.ExtractedArticle;
import dev.tocsin.ingest.feed.FeedFetcher;
import dev.tocsin.ingest.feed.FeedParseException;
import dev.tocsin.ingest.feed.FeedParser;
import dev.tocsin.ingest.feed.FetchException;
import dev.tocsin.ingest.feed.FetchResult;
import dev.tocsin.ingest.feed.ParsedFeed;
import dev.tocsin.ingest.feed.ParsedItem;
import dev.tocsin.ingest.identity.CanonicalUrl;
import dev.tocsin.ingest.identity.StoryIds;
import dev.tocsin.ingest.publish.StoryPublisher;
import dev.tocsin.schemas.Feed;
import dev.tocsin.schemas.FeedErrorKind;
import dev.tocsin.schemas.FeedState;
import dev.tocsin.schemas.FeedStatus;
import dev.tocsin.schemas.RawStory;
import dev.tocsin.schemas.SeenItem;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one feed: fetches it, finds the items that are new or changed since the stored state, and
 * publishes them with the new state in one transaction.
 */
public final class FeedPoller {

  private static final Logger LOG = LoggerFactory.getLogger(FeedPoller.class);

  /** How many article pages one poll of a full-text feed fetches at most; later ones wait. */
  static final int MAX_ARTICLES_PER_POLL = 20;

  /** How many recently seen items the state remembers per feed. */
  static final int SEEN_LIMIT = 1000;

  private final FeedFetcher fetcher;
  private final FeedParser parser;
  private final StoryPublisher publisher;
  private final PollPolicy policy;
  private final Clock clock;
  private final ArticleFetcher articles;
  private final PollMetrics metrics;

  /** Creates a poller. */
  public FeedPoller(
      FeedFetcher fetcher,
      FeedParser parser,
      StoryPublisher publisher,
      PollPolicy policy,
      Clock clock,
      PollMetrics metrics) {
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.articles = new ArticleFetcher(fetcher);
    this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
    this.parser = Objects.requireNonNull(parser, "parser");
    this.publisher = Objects.requireNonNull(publisher, "publisher");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Polls {@code feed} from {@code state} (null for a new feed); the result completes with the new
   * state once the poll's transaction has committed, or fails when it was aborted.
   */
  public CompletableFuture<FeedState> poll(Feed feed, FeedState state) {
    Objects.requireNonNull(feed, "feed");
    Instant now = clock.instant();
    FeedState previous = state != null ? state : emptyState(feed.getUrl());
    URI url = URI.create(feed.getUrl());
    FetchResult fetched;
    ParsedFeed parsed;
    try {
      fetched = fetcher.fetch(url, previous.getEtag(), previous.getLastModified());
      if (fetched.notModified()) {
        Instant nextPoll = policy.afterSuccess(feed, previous.getSeen(), now, random());
        FeedState next =
            FeedState.newBuilder(advance(previous, now, nextPoll, previous.getSeen(), fetched))
                .setConsecutiveFailures(0)
                .build();
        return publisher
            .submit(List.of(), next, status(feed, next, now, 0, 0, null, 304))
            .thenApply(
                committed -> {
                  metrics.notModified();
                  return next;
                });
      }
      parsed = parser.parse(fetched.body(), fetched.contentType(), url);
    } catch (FetchException e) {
      return failed(
          feed, previous, now, errorKind(e.kind()), e.getMessage(), e.status(), e.retryAfter());
    } catch (FeedParseException e) {
      return failed(feed, previous, now, FeedErrorKind.PARSE, e.getMessage(), 200, null);
    }
    Map<String, SeenItem> seen = new LinkedHashMap<>();
    previous.getSeen().forEach(s -> seen.put(s.getStoryId(), s));
    List<RawStory> stories = new ArrayList<>();
    int fetchedArticles = 0;
    for (ParsedItem item : parsed.items()) {
      RawStory story = story(feed, parsed, item, now);
      SeenItem before = seen.get(story.getId());
      if (before != null && before.getContentHash().equals(story.getContentHash())) {
        continue;
      }
      if (before != null) {
        story = RawStory.newBuilder(story).setRevision(before.getRevision() + 1).build();
      }
      if (feed.getFullText() && story.getUrl() != null) {
        if (fetchedArticles >= MAX_ARTICLES_PER_POLL) {
          // Left unseen: the next poll fetches its page.
          continue;
        }
        fetchedArticles++;
        story = withFullText(story);
      }
      stories.add(story);
      seen.remove(story.getId());
      seen.put(
          story.getId(),
          new SeenItem(
              story.getId(), story.getContentHash(), story.getRevision(), story.getPublishedAt()));
    }
    List<SeenItem> kept = new ArrayList<>(seen.values());
    if (kept.size() > SEEN_LIMIT) {
      kept = new ArrayList<>(kept.subList(kept.size() - SEEN_LIMIT, kept.size()));
    }
    Instant nextPoll = policy.afterSuccess(feed, kept, now, random());
    FeedState next =
        FeedState.newBuilder(advance(previous, now, nextPoll, kept, fetched))
            .setConsecutiveFailures(0)
            .build();
    int fresh = stories.size();
    LOG.debug(
        "Polled {}: {} items, {} new or changed",
        feed.getUrl(),
        parsed.items().size(),
        stories.size());
    return publisher
        .submit(
            stories,
            next,
            status(feed, next, now, parsed.items().size(), stories.size(), null, fetched.status()))
        .thenApply(
            committed -> {
              metrics.polled(fresh);
              return next;
            });
  }

  private CompletableFuture<FeedState> failed(
      Feed feed,
      FeedState previous,
      Instant now,
      FeedErrorKind kind,
      String reason,
      Integer httpStatus,
      Duration retryAfter) {
    int failures = previous.getConsecutiveFailures() + 1;
    Instant nextPoll =
        policy.afterFailure(feed, previous.getSeen(), failures, retryAfter, now, random());
    LOG.warn(
        "Feed {} failed ({}, {} in a row, next try at {}): {}",
        feed.getUrl(),
        kind,
        failures,
        nextPoll,
        reason);
    FeedState next =
        FeedState.newBuilder(previous)
            .setLastPolledAt(now)
            .setLastErrorAt(now)
            .setLastError(reason)
            .setNextPollAt(nextPoll)
            .setConsecutiveFailures(failures)
            .build();
    return publisher
        .submit(List.of(), next, status(feed, next, now, 0, 0, kind, httpStatus))
        .thenApply(
            committed -> {
              metrics.failed(kind);
              return next;
            });
  }

  private static FeedState advance(
      FeedState previous, Instant now, Instant nextPoll, List<SeenItem> seen, FetchResult fetched) {
    return FeedState.newBuilder(previous)
        .setEtag(fetched.etag())
        .setLastModified(fetched.lastModified())
        .setLastPolledAt(now)
        .setLastSuccessAt(now)
        .setNextPollAt(nextPoll)
        .setSeen(seen)
        .build();
  }

  private static FeedStatus status(
      Feed feed,
      FeedState state,
      Instant now,
      int items,
      int fresh,
      FeedErrorKind kind,
      Integer httpStatus) {
    boolean ok = kind == null;
    return FeedStatus.newBuilder()
        .setFeedUrl(feed.getUrl())
        .setFeedName(feed.getName())
        .setLastPolledAt(now)
        .setLastSuccessAt(state.getLastSuccessAt())
        .setLastErrorAt(state.getLastErrorAt())
        .setLastError(state.getLastError())
        .setErrorKind(ok ? FeedErrorKind.NONE : kind)
        .setHttpStatus(httpStatus)
        .setConsecutiveFailures(state.getConsecutiveFailures())
        .setLastItemCount(items)
        .setNewItems(fresh)
        .setItemsPerDay(PollPolicy.itemsPerDay(state.getSeen(), now))
        .setNextPollAt(state.getNextPollAt())
        .build();
  }

  static RawStory story(Feed feed, ParsedFeed parsed, ParsedItem item, Instant now) {
    String canonical = item.link() == null ? null : CanonicalUrl.of(item.link()).orElse(null);
    String text =
        item.content() != null ? item.content() : item.summary() == null ? "" : item.summary();
    String language =
        item.language() != null
            ? item.language()
            : parsed.language() != null ? parsed.language() : feed.getLanguage();
    return RawStory.newBuilder()
        .setId(StoryIds.of(canonical, item.guid(), feed.getUrl(), item.title(), text))
        .setRevision(0)
        .setFeedUrl(feed.getUrl())
        .setFeedName(feed.getName())
        .setOutlet(feed.getOutlet())
        .setUrl(item.link())
        .setCanonicalUrl(canonical)
        .setGuid(item.guid())
        .setTitle(item.title())
        .setSummary(item.summary())
        .setBody(item.content())
        .setAuthor(item.author())
        .setLanguage(language)
        .setPublishedAt(item.published())
        .setFetchedAt(now)
        .setContentHash(StoryIds.contentHash(item.title(), text))
        .setTags(feed.getTags())
        .build();
  }

  /**
   * Replaces the story's body with its article page's main text; keeps the feed's text when the
   * page cannot be fetched or holds no article. The content hash stays the feed item's, so a page
   * that changes by itself does not make revisions.
   */
  private RawStory withFullText(RawStory story) {
    try {
      ExtractedArticle article = articles.fetch(URI.create(story.getUrl()));
      if (!article.isEmpty()) {
        return RawStory.newBuilder(story).setBody(article.text()).build();
      }
      LOG.debug("No article text found at {}", story.getUrl());
    } catch (FetchException | IllegalArgumentException e) {
      LOG.warn(
          "Full text of {} unavailable, keeping the feed's text: {}",
          story.getUrl(),
          e.getMessage());
    }
    return story;
  }

  private static RandomGenerator random() {
    return ThreadLocalRandom.current();
  }

  private static FeedState emptyState(String feedUrl) {
    return FeedState.newBuilder().setFeedUrl(feedUrl).setSeen(List.of()).build();
  }

  private static FeedErrorKind errorKind(FetchException.Kind kind) {
    return switch (kind) {
      case TIMEOUT -> FeedErrorKind.TIMEOUT;
      case CONNECTION -> FeedErrorKind.CONNECTION;
      case HTTP_CLIENT -> FeedErrorKind.HTTP_CLIENT;
      case HTTP_SERVER -> FeedErrorKind.HTTP_SERVER;
      case RATE_LIMITED -> FeedErrorKind.RATE_LIMITED;
      case TOO_LARGE -> FeedErrorKind.TOO_LARGE;
      case BLOCKED -> FeedErrorKind.BLOCKED;
    };
  }
}
