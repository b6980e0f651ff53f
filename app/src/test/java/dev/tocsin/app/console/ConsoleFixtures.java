package dev.tocsin.app.console;

import dev.tocsin.schemas.AlertKind;
import dev.tocsin.schemas.AlertLevel;
import dev.tocsin.schemas.AlertStatus;
import dev.tocsin.schemas.DedupStatus;
import dev.tocsin.schemas.DedupVerdict;
import dev.tocsin.schemas.EnrichedStory;
import dev.tocsin.schemas.EscalationAlert;
import dev.tocsin.schemas.Evidence;
import dev.tocsin.schemas.RawStory;
import dev.tocsin.schemas.Reason;
import dev.tocsin.schemas.Relevance;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Hand-written alerts and stories for the console's tests. */
final class ConsoleFixtures {

  private ConsoleFixtures() {}

  static EscalationAlert alert(String key, String title, AlertLevel level, Instant at) {
    return EscalationAlert.newBuilder()
        .setAlertKey(key)
        .setVersion(1)
        .setKind(AlertKind.CLUSTER)
        .setStatus(AlertStatus.FIRING)
        .setLevel(level)
        .setScore(0.8)
        .setReasons(List.of(new Reason("event:troop-deployment", "troops <b>moved</b>", 0.4)))
        .setActors(List.of("PRK", "RUS"))
        .setTitle(title)
        .setSummary("summary")
        .setEventType("troop-deployment")
        .setEvidence(
            Evidence.newBuilder()
                .setLinks(List.of("javascript:alert(1)", "https://news.example/a"))
                .setOutlets(List.of("Example News"))
                .setIndependentSources(2)
                .setFirstSeen(at)
                .setLastSeen(at)
                .build())
        .setClusterId(null)
        .setLabels(Map.of())
        .setProfile("russia-dprk")
        .setFiredAt(at)
        .setUpdatedAt(at)
        .build();
  }

  static EnrichedStory story(String id, String title, String url, boolean relevant, Instant at) {
    RawStory raw =
        RawStory.newBuilder()
            .setId(id)
            .setFeedUrl("https://feeds.example/world.xml")
            .setFeedName("World")
            .setOutlet("Example <i>News</i>")
            .setUrl(url)
            .setTitle(title)
            .setFetchedAt(at)
            .setContentHash("ab".repeat(32))
            .setTags(List.of())
            .build();
    return EnrichedStory.newBuilder()
        .setStory(raw)
        .setLanguage("en")
        .setEntities(List.of())
        .setRelevance(new Relevance(relevant ? 0.9 : 0.1, relevant, "russia-dprk", List.of()))
        .setEvents(List.of())
        .setDedup(new DedupVerdict(DedupStatus.UNIQUE, null, null, 0.0))
        .setClusterId(null)
        .setAnalyzedAt(at)
        .build();
  }
}
