package dev.tocsin.enrich.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.schemas.DedupMethod;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OfflineDeduplicatorTest {

  static final String TEXT =
      "North Korea has shipped more than 12,000 containers of artillery shells to Russia since"
          + " August, South Korea's defence ministry said on Monday.";

  final OfflineDeduplicator dedup = new OfflineDeduplicator(DedupSettings.defaults());

  static OfflineDeduplicator.Story story(String id, String hash, String text, StoryGist gist) {
    return new OfflineDeduplicator.Story(id, hash, text, "en", gist);
  }

  static StoryGist gist(String... numbers) {
    return new StoryGist(
        Set.of("weapon:artillery-shells", "org:mod-kor", "place:x"),
        Set.of(numbers),
        Set.of("munitions-transfer", "signal:x"));
  }

  @Test
  void shouldNameTheFirstStoryWhenTheSameIdOrContentComesAgain() {
    OfflineDeduplicator.Verdict first = dedup.add(story("a", "h1", TEXT, gist("12000")));
    OfflineDeduplicator.Verdict sameId = dedup.add(story("a", "h1", TEXT, gist("12000")));
    OfflineDeduplicator.Verdict sameContent = dedup.add(story("b", "h1", TEXT, gist("12000")));

    assertThat(first.duplicateOf()).isNull();
    assertThat(sameId.duplicateOf()).isEqualTo("a");
    assertThat(sameId.method()).isEqualTo(DedupMethod.STORY_ID);
    assertThat(sameContent.duplicateOf()).isEqualTo("a");
    assertThat(sameContent.method()).isEqualTo(DedupMethod.CONTENT_HASH);
    assertThat(List.of(sameId.clusterId(), sameContent.clusterId()))
        .containsOnly(first.clusterId());
  }

  @Test
  void shouldFindSyndicatedCopyWhenDatelineIsAdded() {
    dedup.add(story("a", "h1", TEXT, gist("12000")));
    OfflineDeduplicator.Verdict copy =
        dedup.add(story("b", "h2", "SEOUL (Reuters) - " + TEXT, gist("12000")));

    assertThat(copy.duplicateOf()).isEqualTo("a");
    assertThat(copy.method()).isEqualTo(DedupMethod.MINHASH);
    assertThat(copy.score()).isGreaterThanOrEqualTo(0.5);
  }

  @Test
  void shouldFindTheStoryByTheLeadOfANearCopyWhenItsOwnLeadTellsLess() {
    // A syndicator's version came first with a summary of its own that names no place or figure;
    // the original's lede, a near copy of the same text, tells them, and so does a translation.
    StoryGist thin =
        new StoryGist(Set.of("weapon:artillery-shells"), Set.of(), Set.of("munitions-transfer"));
    OfflineDeduplicator.Verdict first = dedup.add(story("syndicated", "h1", TEXT, thin));
    OfflineDeduplicator.Verdict original =
        dedup.add(story("original", "h2", "SEOUL (Reuters) - " + TEXT, gist("12000")));
    OfflineDeduplicator.Verdict translated =
        dedup.add(
            new OfflineDeduplicator.Story(
                "ru", "h3", "Северная Корея отправила в Россию", "ru", gist("12000")));

    assertThat(original.duplicateOf()).isEqualTo("syndicated");
    assertThat(original.method()).isEqualTo(DedupMethod.MINHASH);
    assertThat(translated.method()).isEqualTo(DedupMethod.TRANSLATION);
    assertThat(translated.clusterId()).isEqualTo(first.clusterId());
    // An exact copy's lead is its original's: nothing more is filed.
    OfflineDeduplicator.Verdict exact = dedup.add(story("exact", "h1", TEXT, gist("12000")));
    assertThat(exact.method()).isEqualTo(DedupMethod.CONTENT_HASH);
  }

  @Test
  void shouldJoinClusterWithoutSuppressingWhenAReportInAnotherLanguageSharesTheGist() {
    OfflineDeduplicator.Verdict first = dedup.add(story("a", "h1", TEXT, gist("12000")));
    OfflineDeduplicator.Verdict translated =
        dedup.add(
            story(
                "b",
                "h2",
                "Северная Корея отправила в Россию более 12 тысяч контейнеров со снарядами.",
                gist("12000")));

    assertThat(translated.duplicateOf()).isNull();
    assertThat(translated.method()).isEqualTo(DedupMethod.TRANSLATION);
    assertThat(translated.clusterId()).isEqualTo(first.clusterId());
  }

  @Test
  void shouldKeepReportsApartWhenPublishedWeeksApart() {
    Instant first = Instant.parse("2024-11-05T08:00:00Z");
    dedup.add(new OfflineDeduplicator.Story("a", "h1", TEXT, "en", gist("12000"), first));
    OfflineDeduplicator.Verdict later =
        dedup.add(
            new OfflineDeduplicator.Story(
                "b", "h2", "Другой текст.", "ru", gist("12000"), first.plus(Duration.ofDays(20))));

    assertThat(later.clusterId()).isEqualTo(OfflineDeduplicator.clusterIdOf("b"));
  }

  @Test
  void shouldKeepStoriesApartWhenTheirFiguresDisagree() {
    OfflineDeduplicator.Verdict first = dedup.add(story("a", "h1", TEXT, gist("12000")));
    OfflineDeduplicator.Verdict other =
        dedup.add(story("b", "h2", "Другая история о 11 тысячах контейнеров.", gist("11000")));

    assertThat(other.clusterId()).isNotEqualTo(first.clusterId());
    assertThat(other.method()).isNull();
  }
}
