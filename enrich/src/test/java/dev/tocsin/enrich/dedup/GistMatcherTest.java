package dev.tocsin.enrich.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GistMatcherTest {

  final GistMatcher matcher = new GistMatcher(DedupSettings.defaults());
  final Instant t = Instant.parse("2024-11-04T09:00:00Z");

  static StoryGist gist(Set<String> numbers, String... concepts) {
    return new StoryGist(
        Set.of("place:kursk", "weapon:koksan"),
        numbers,
        Set.of("fight-with-artillery"),
        Set.of(concepts));
  }

  @Test
  void shouldJoinTheBestEarlierReportSharingAFigure() {
    StoryGist original = gist(Set.of("10000"), "pentagon");
    List<GistMatcher.Member> bucket =
        List.of(
            new GistMatcher.Member("a", "cl-a", original, t, t),
            new GistMatcher.Member("b", "cl-b", gist(Set.of("10000"), "drone"), t, t));

    assertThat(matcher.best(bucket, "c", gist(Set.of("10000"), "pentagon"), t.plusSeconds(60)))
        .hasValueSatisfying(
            m -> {
              assertThat(m.clusterId()).isEqualTo("cl-a");
              assertThat(m.score()).isEqualTo(1.0);
            });
  }

  @Test
  void shouldNotJoinReportsWithDisagreeingFiguresOrTooFarApart() {
    List<GistMatcher.Member> bucket =
        List.of(new GistMatcher.Member("a", "cl-a", gist(Set.of("10000"), "pentagon"), t, t));

    assertThat(matcher.best(bucket, "c", gist(Set.of("12000"), "pentagon"), t)).isEmpty();
    assertThat(
            matcher.best(
                bucket, "c", gist(Set.of("12000"), "pentagon"), t.plus(Duration.ofDays(3))))
        .isEmpty();
    assertThat(
            matcher.best(
                bucket, "c", gist(Set.of("10000"), "pentagon"), t.plus(Duration.ofDays(11))))
        .isEmpty();
  }

  @Test
  void shouldJoinTheSameDevelopmentWithinItsWindowWhenBothTimesAreKnown() {
    // Troops fighting near Kursk, reported with other facts: same place and event types, nothing
    // else shared.
    StoryGist first =
        new StoryGist(
            Set.of("place:kursk", "org:nato"),
            Set.of("10000"),
            Set.of("troop-deployment", "use-conventional-force"),
            Set.of("zelensky"));
    StoryGist later =
        new StoryGist(
            Set.of("place:kursk", "state:UKR"),
            Set.of(),
            Set.of("troop-deployment", "use-conventional-force"));
    List<GistMatcher.Member> bucket = List.of(new GistMatcher.Member("a", "cl-a", first, t, t));

    assertThat(matcher.isSameStory(first, later, StoryGist.similarity(first, later))).isFalse();
    assertThat(matcher.best(bucket, "c", later, t.plus(Duration.ofDays(3))))
        .hasValueSatisfying(
            m -> {
              assertThat(m.clusterId()).isEqualTo("cl-a");
              assertThat(m.score()).isEqualTo(GistMatcher.DEVELOPMENT_SCORE);
            });
    assertThat(matcher.best(bucket, "c", later, t.plus(Duration.ofDays(3).plusMinutes(1))))
        .isEmpty();
    assertThat(matcher.best(bucket, "c", later, null)).isEmpty();
    StoryGist elsewhere =
        new StoryGist(Set.of("place:kharkiv"), Set.of(), Set.of("use-conventional-force"));
    assertThat(matcher.best(bucket, "c", elsewhere, t)).isEmpty();
    StoryGist otherEvent = new StoryGist(Set.of("place:kursk"), Set.of(), Set.of("leader-summit"));
    assertThat(matcher.best(bucket, "c", otherEvent, t)).isEmpty();
    // One event type at one place is not enough: another act of the same war there.
    StoryGist oneEvent =
        new StoryGist(Set.of("place:kursk"), Set.of(), Set.of("use-conventional-force"));
    assertThat(matcher.best(bucket, "c", oneEvent, t)).isEmpty();
  }

  @Test
  void shouldJoinReportsOfOnePlaceFigureAndEventsHoweverMuchElseOneTells() {
    // A long analysis citing 10,000 troops bound for Kursk, and a short report of the troops there
    // by the same count: a place, a figure and two event types in common, little else.
    StoryGist analysis =
        new StoryGist(
            Set.of("place:kursk", "org:nato", "org:un", "weapon:ballistic-missiles"),
            Set.of("10000"),
            Set.of("troop-deployment", "use-conventional-force", "sign-formal-agreement"),
            Set.of("treaty", "border", "united-nations", "positions", "talks", "zelensky"));
    StoryGist report =
        new StoryGist(
            Set.of("place:kursk", "unit:kpa", "org:nis"),
            Set.of("10000"),
            Set.of("troop-deployment", "use-conventional-force"),
            Set.of("lawmakers", "paratroopers", "spy-agency-rok"));
    List<GistMatcher.Member> bucket = List.of(new GistMatcher.Member("a", "cl-a", analysis, t, t));

    assertThat(matcher.isSameDevelopment(analysis, t, report, t.plus(Duration.ofDays(3)))).isTrue();
    assertThat(matcher.best(bucket, "c", report, t.plus(Duration.ofDays(2))))
        .hasValueSatisfying(m -> assertThat(m.score()).isEqualTo(GistMatcher.DEVELOPMENT_SCORE));
    // Without the figure the two share too little of the report's evidence; with another figure
    // they disagree; with one event type in common they tell of other acts at the same place.
    StoryGist withoutFigure =
        new StoryGist(report.entities(), Set.of(), report.events(), report.concepts());
    assertThat(matcher.isSameDevelopment(analysis, t, withoutFigure, t)).isFalse();
    StoryGist otherFigure =
        new StoryGist(report.entities(), Set.of("12000"), report.events(), report.concepts());
    assertThat(matcher.isSameDevelopment(analysis, t, otherFigure, t)).isFalse();
    StoryGist oneEvent =
        new StoryGist(
            report.entities(), report.numbers(), Set.of("troop-deployment"), report.concepts());
    assertThat(matcher.isSameDevelopment(analysis, t, oneEvent, t)).isFalse();
  }

  @Test
  void shouldJoinAShortReportWhoseDistinctiveFactsALongerReportOfTheSameDaysTells() {
    // A visit by a named official, with its figure: a headline tells part of the longer report.
    StoryGist report =
        new StoryGist(
            Set.of("leader:shoigu", "leader:kim-jong-un", "state:UKR"),
            Set.of("70"),
            Set.of("official-visit", "official-talks"),
            Set.of("anniversary", "delegation", "parade", "in-pyongyang"));
    StoryGist headline =
        new StoryGist(
            Set.of("leader:shoigu"), Set.of("70"), Set.of("official-visit"), Set.of("anniversary"));
    List<GistMatcher.Member> bucket = List.of(new GistMatcher.Member("a", "cl-a", report, t, t));

    assertThat(matcher.isSameStory(report, headline, StoryGist.similarity(report, headline)))
        .isFalse();
    assertThat(matcher.best(bucket, "c", headline, t.plus(Duration.ofDays(1))))
        .hasValueSatisfying(m -> assertThat(m.score()).isEqualTo(GistMatcher.DEVELOPMENT_SCORE));
    // The heads of the watched states and the states are named in most stories: not evidence.
    StoryGist common =
        new StoryGist(
            Set.of("leader:kim-jong-un", "state:UKR"),
            Set.of(),
            Set.of("official-visit", "official-talks"),
            Set.of("anniversary"));
    assertThat(matcher.best(bucket, "c", common, t.plus(Duration.ofDays(1)))).isEmpty();
    assertThat(matcher.best(bucket, "c", headline, t.plus(Duration.ofDays(4)))).isEmpty();
  }

  @Test
  void shouldAskMoreOfReportsThatShareNoFigure() {
    StoryGist a = gist(Set.of(), "pentagon");
    StoryGist b = gist(Set.of(), "pentagon", "drone", "satellite-imagery");

    // Alike enough for reports that share a figure (0.64, weight 7), not for reports without one.
    assertThat(StoryGist.similarity(a, b)).isGreaterThan(0.5).isLessThan(0.7);
    assertThat(StoryGist.sharedWeight(a, b)).isEqualTo(7);
    assertThat(matcher.isSameStory(a, b, StoryGist.similarity(a, b))).isFalse();
    StoryGist richer = gist(Set.of(), "pentagon", "satellite-imagery", "drone");
    assertThat(matcher.isSameStory(richer, richer, 1.0)).isTrue();
  }

  @Test
  void shouldJoinAReportWithoutFiguresWhoseEvidenceTheOtherTells() {
    // A lede that tells the visit a translation tells, and names the state that says it and more.
    StoryGist translation =
        new StoryGist(
            Set.of("org:mod-rus", "leader:no-kwang-chol"),
            Set.of(),
            Set.of("official-visit"),
            Set.of("factory", "defence-ministry"));
    StoryGist lede =
        new StoryGist(
            Set.of("org:mod-rus", "leader:no-kwang-chol", "state:KOR"),
            Set.of(),
            Set.of("official-visit", "official-talks"),
            Set.of("factory", "defence-ministry", "talks", "visit"));
    double score = StoryGist.similarity(translation, lede);
    assertThat(score).isGreaterThan(0.5).isLessThan(0.7);
    assertThat(matcher.isSameStory(translation, lede, score)).isTrue();
    assertThat(
            matcher.best(
                List.of(new GistMatcher.Member("a", "cl-a", lede, null, null)),
                "b",
                translation,
                null))
        .hasValueSatisfying(m -> assertThat(m.score()).isEqualTo(score));
    // States and the heads of the watched states are not evidence: a report that shares little
    // else is not told by the other, however much of it the other names.
    StoryGist common =
        new StoryGist(
            Set.of("leader:putin", "state:KOR", "org:mod-rus"),
            Set.of(),
            Set.of("official-visit"),
            Set.of("factory"));
    StoryGist longer =
        new StoryGist(
            Set.of("leader:putin", "state:KOR", "org:mod-rus", "leader:no-kwang-chol"),
            Set.of(),
            Set.of("official-visit", "official-talks"),
            Set.of("factory", "visit"));
    assertThat(matcher.isSameStory(common, longer, StoryGist.similarity(common, longer))).isFalse();
  }

  @Test
  void shouldJoinAReportThatSharesSixTenthsOfTheLesserReportsEvidence() {
    // Two reports of a visit without figures, each with 16 of evidence (names 2 each, events 1
    // each, concepts 2 each) besides the states and leaders every story of the watch names.
    Set<String> common =
        Set.of("state:KOR", "state:CHN", "state:USA", "leader:putin", "leader:kim-jong-un");
    Set<String> names = Set.of("leader:no-kwang-chol", "place:vostochny");
    Set<String> events = Set.of("official-visit", "official-talks");
    StoryGist report =
        gist(common, names, events, "factory", "airport", "limousine", "banquet", "gifts");
    // 10 of 16 shared (0.625): told by the other.
    StoryGist sharing =
        gist(common, names, events, "factory", "airport", "honour-guard", "flights", "bridge");
    double score = StoryGist.similarity(report, sharing);
    assertThat(score).isGreaterThanOrEqualTo(0.5).isLessThan(0.7);
    assertThat(matcher.isSameStory(report, sharing, score)).isTrue();
    // 8 of 16 shared (0.5): as alike as reports with a shared figure must be, but not told.
    StoryGist apart =
        gist(common, names, events, "factory", "zoo", "honour-guard", "flights", "bridge");
    double apartScore = StoryGist.similarity(report, apart);
    assertThat(apartScore).isGreaterThanOrEqualTo(0.5);
    assertThat(matcher.isSameStory(report, apart, apartScore)).isFalse();
  }

  private static StoryGist gist(
      Set<String> common, Set<String> names, Set<String> events, String... concepts) {
    Set<String> entities = new java.util.HashSet<>(common);
    entities.addAll(names);
    return new StoryGist(entities, Set.of(), events, Set.of(concepts));
  }
}
