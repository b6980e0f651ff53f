package dev.tocsin.enrich.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StoryGistTest {

  @Test
  void shouldWeighSharedFeaturesAsTheFeatureListDoes() {
    java.util.Random random = new java.util.Random(5);
    List<String> pool =
        List.of(
            "10000",
            "240",
            "3",
            "state:RUS",
            "state:PRK",
            "place:kursk",
            "term:troops",
            "term:shells",
            "weapon:kn-23",
            "c:deploy",
            "c:rail",
            "troop-deployment",
            "munitions-transfer");
    for (int round = 0; round < 200; round++) {
      StoryGist a = randomGist(random, pool);
      StoryGist b = randomGist(random, pool);
      int expected = 0;
      for (String feature : a.features()) {
        if (b.features().contains(feature)) {
          expected += StoryGist.weight(feature);
        }
      }
      assertThat(StoryGist.sharedWeight(a, b)).as("%s vs %s", a, b).isEqualTo(expected);
    }
  }

  @Test
  void shouldLeaveOutANameNamedOnlyInsideALongerName() {
    String lead = "Putin hosts Kim at Vostochny Cosmodrome\nThe leaders met at Vostochny.";
    int whole = lead.indexOf("Vostochny Cosmodrome");
    StoryGist.Named cosmodrome =
        new StoryGist.Named("place:vostochny-cosmodrome", whole, whole + 20);
    StoryGist.Named inside = new StoryGist.Named("place:vostochny", whole, whole + 9);
    StoryGist gist =
        StoryGist.ofNamed(lead, List.of(cosmodrome, inside), List.of("leader-summit"), List.of());
    assertThat(gist.entities()).containsExactly("place:vostochny-cosmodrome");

    // Named on its own elsewhere in the lead, the shorter name is a name of its own.
    int alone = lead.lastIndexOf("Vostochny");
    StoryGist.Named outside = new StoryGist.Named("place:vostochny", alone, alone + 9);
    StoryGist both =
        StoryGist.ofNamed(
            lead, List.of(cosmodrome, inside, outside), List.of("leader-summit"), List.of());
    assertThat(both.entities())
        .containsExactlyInAnyOrder("place:vostochny-cosmodrome", "place:vostochny");
  }

  @Test
  void shouldPlaceMentionsOfEachFieldInTheLead() {
    String title = "Kim arrives";
    String lead = StoryGist.lead(title, "He met Putin.", null);
    int start = StoryGist.leadOffset(title, dev.tocsin.schemas.TextField.SUMMARY, 7);
    assertThat(lead.substring(start, start + 5)).isEqualTo("Putin");
    assertThat(StoryGist.leadOffset(title, dev.tocsin.schemas.TextField.TITLE, 0)).isZero();
  }

  private static StoryGist randomGist(java.util.Random random, List<String> pool) {
    Set<String> numbers = new java.util.TreeSet<>();
    Set<String> entities = new java.util.TreeSet<>();
    Set<String> events = new java.util.TreeSet<>();
    Set<String> concepts = new java.util.TreeSet<>();
    for (String value : pool) {
      if (random.nextBoolean()) {
        continue;
      }
      if (Character.isDigit(value.charAt(0))) {
        numbers.add(value);
      } else if (value.startsWith("c:")) {
        concepts.add(value.substring(2));
      } else if (value.contains(":")) {
        entities.add(value);
      } else {
        events.add(value);
      }
    }
    return new StoryGist(entities, numbers, events, concepts);
  }

  @Test
  void shouldNormalizeQuantitiesAcrossLanguages() {
    assertThat(Quantities.in("more than 12,000 containers")).containsExactly("12000");
    assertThat(Quantities.in("более 12 тысяч контейнеров")).containsExactly("12000");
    assertThat(Quantities.in("컨테이너 1만2천 개")).containsExactly("12000");
    assertThat(Quantities.in("1만 명")).containsExactly("10000");
    assertThat(Quantities.in("1.5 million barrels")).containsExactly("1500000");
    assertThat(Quantities.in("12 000 снарядов")).containsExactly("12000");
  }

  @Test
  void shouldIgnoreModelNumbersAndSingleDigits() {
    assertThat(Quantities.in("KN-23 and Su-27, 3 ships")).isEmpty();
  }

  @Test
  void shouldFindTheSameConceptsInEnglishRussianAndKorean() {
    assertThat(ConceptLexicon.shared().find("Satellite imagery shows tankers on Tuesday"))
        .contains("satellite-imagery", "tanker", "tuesday");
    assertThat(ConceptLexicon.shared().find("Спутниковые снимки показывают танкеры во вторник"))
        .contains("satellite-imagery", "tanker", "tuesday");
    assertThat(ConceptLexicon.shared().find("화요일 위성사진에 유조선 포착"))
        .contains("satellite-imagery", "tanker", "tuesday");
    assertThat(ConceptLexicon.shared().find("Kim Jong Un met Putin")).isEmpty();
  }

  @Test
  void shouldRoundTripFeaturesAndWeighQuantitiesMost() {
    StoryGist gist =
        new StoryGist(
            Set.of("place:kursk", "term:troops"),
            Set.of("12000"),
            Set.of("troop-deployment"),
            Set.of("pentagon"));

    assertThat(StoryGist.fromFeatures(gist.features())).isEqualTo(gist);
    assertThat(StoryGist.weight("n:12000")).isEqualTo(4);
    assertThat(StoryGist.weight("e:place:kursk")).isEqualTo(2);
    assertThat(StoryGist.weight("e:term:troops")).isEqualTo(0);
    assertThat(StoryGist.weight("c:pentagon")).isEqualTo(2);
    assertThat(StoryGist.weight("v:troop-deployment")).isEqualTo(1);
  }

  @Test
  void shouldShareABucketKeyWithEveryGistThatMayReportTheSameStory() {
    // Every pair the matcher may call the same story shares a key, whichever features the two
    // hold: checked over every pair of subsets of a feature pool (2 quantities, 5 names and
    // concepts, 3 terms and events), at the default thresholds and at looser ones.
    List<String> pool =
        List.of(
            "n:10000",
            "n:240",
            "e:place:kursk",
            "e:weapon:koksan",
            "e:unit:11th-corps",
            "e:term:troops",
            "c:pentagon",
            "c:drone",
            "v:troop-deployment",
            "v:signal:casualties");
    List<StoryGist> gists = new ArrayList<>();
    for (int mask = 1; mask < 1 << pool.size(); mask++) {
      List<String> features = new ArrayList<>();
      for (int i = 0; i < pool.size(); i++) {
        if ((mask & 1 << i) != 0) {
          features.add(pool.get(i));
        }
      }
      gists.add(StoryGist.fromFeatures(features));
    }
    DedupSettings defaults = DedupSettings.defaults();
    DedupSettings loose =
        new DedupSettings(
            defaults.minHashes(),
            defaults.bands(),
            defaults.seed(),
            defaults.nearDuplicateThreshold(),
            0.3,
            2,
            0.4,
            3,
            defaults.clusterWindow(),
            defaults.developmentWindow(),
            defaults.developmentMinSharedWeight(),
            defaults.developmentThreshold());
    for (DedupSettings settings : List.of(defaults, loose)) {
      GistMatcher matcher = new GistMatcher(settings);
      List<List<String>> keys = gists.stream().map(matcher::keys).toList();
      int pairs = 0;
      for (int a = 0; a < gists.size(); a++) {
        for (int b = 0; b < gists.size(); b++) {
          StoryGist x = gists.get(a);
          StoryGist y = gists.get(b);
          if (matcher.isSameStory(x, y, StoryGist.similarity(x, y))) {
            pairs++;
            assertThat(keys.get(a)).as("%s / %s", x, y).containsAnyElementsOf(keys.get(b));
          }
        }
      }
      // The pool is rich enough that many pairs match, with and without a shared figure.
      assertThat(pairs).as("matching pairs at %s", settings).isGreaterThan(10_000);
    }
  }

  @Test
  void shouldKeyEveryQuantityAndOnlyAPrefixOfTheRest() {
    StoryGist gist =
        StoryGist.fromFeatures(
            List.of(
                "n:12000",
                "n:240",
                "e:place:kursk",
                "e:weapon:koksan",
                "e:term:troops",
                "e:term:shells",
                "c:satellite-imagery",
                "v:troop-deployment",
                "v:munitions-transfer"));
    // Weight 8 + 4 + 0 + 2 + 2 = 16 in all (generic terms weigh nothing), 8 outside the
    // quantities; a match without a shared figure must share max(ceil(0.7 * 16), 7) = 12 of it,
    // or, when it tells most of the other's evidence, max(ceil(0.5 * 16), 7) = 8: all 8, so the
    // first unit (a name, the rarest) is a key beside the quantities, with the development keys
    // (each event type with each quantity, place, name and concept; not with generic terms).
    List<String> keys = new ArrayList<>(List.of("g:n:12000", "g:n:240", "g:e:place:kursk"));
    for (String feature :
        List.of("n:12000", "n:240", "place:kursk", "weapon:koksan", "c:satellite-imagery")) {
      for (String event : List.of("munitions-transfer", "troop-deployment")) {
        keys.add("g:d:" + feature + "/" + event);
      }
    }
    assertThat(new GistMatcher(DedupSettings.defaults()).keys(gist))
        .containsExactlyInAnyOrderElementsOf(keys);
    // Looser: share max(ceil(0.3 * 16), 3) = 5 of the 8, so the first 4 units are keys: the two
    // names (rarest) come first.
    assertThat(gist.keys(0.3, 3))
        .containsExactlyInAnyOrder("n:12000", "n:240", "e:place:kursk", "e:weapon:koksan");
  }
}
