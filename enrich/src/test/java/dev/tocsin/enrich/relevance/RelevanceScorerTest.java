package dev.tocsin.enrich.relevance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.enrich.analysis.Analysis;
import dev.tocsin.enrich.analysis.StoryAnalyzer;
import dev.tocsin.enrich.analysis.StoryText;
import dev.tocsin.enrich.profile.WatchProfile;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Relations between the two sides, context signals against military evidence, and directions. */
class RelevanceScorerTest {

  static StoryAnalyzer analyzer;

  @BeforeAll
  static void load() {
    analyzer = new StoryAnalyzer(WatchProfile.russiaDprk());
  }

  private static Analysis analyze(String title, String body) {
    return analyzer.analyze(new StoryText(title, null, body, null));
  }

  private static List<String> codes(Analysis a) {
    return a.relevance().reasons().stream().map(Reason::code).toList();
  }

  @Test
  void shouldPutBothSidesAndARelationBetweenThemOnTheWatchInEveryLanguage() {
    for (String title :
        List.of(
            "Pyongyang's top diplomat meets Russian officials in Moscow",
            "Глава МИД КНДР провела встречу в Москве",
            "북한 외무상, 모스크바서 러시아 측과 회담")) {
      Analysis a = analyze(title, null);

      assertThat(a.relevance().relevant()).as(title).isTrue();
      assertThat(codes(a)).as(title).contains("actor:PRK", "actor:RUS", "relation");
    }
  }

  @Test
  void shouldReadTheDprkNamedWithUkraineInAHeadlineAsInRussiasWar() {
    for (String title :
        List.of(
            "Pyongyang's role in the Ukraine war grows, analysts say",
            "КНДР и война на Украине: что известно",
            "우크라 전장의 북한, 무엇을 얻나")) {
      Analysis a = analyze(title, null);

      assertThat(a.relevance().relevant()).as(title).isTrue();
      assertThat(a.relevance().reasons())
          .as(title)
          .anyMatch(r -> r.code().equals("relation") && r.detail().contains("implies RUS"));
    }
  }

  @Test
  void shouldNotImplyRussiaFromUkraineWithoutTheDprkInTheHeadline() {
    Analysis a =
        analyze(
            "Seoul and Kyiv discuss reconstruction contracts",
            "North Korea was not on the agenda, officials said.");

    assertThat(a.relevance().relevant()).as(a.relevance().reasons().toString()).isFalse();
  }

  @Test
  void shouldNotLetALedesContextOutweighARelationTheHeadlineStates() {
    Analysis a =
        analyze(
            "Kim vows closer ties with Putin",
            "The two states' friendship goes back to the Soviet era and the Korean War.");

    assertThat(a.relevance().relevant()).as(a.relevance().reasons().toString()).isTrue();
    assertThat(a.relevance().reasons())
        .anyMatch(r -> r.code().equals("signal:history") && r.weight() == 0);
  }

  @Test
  void shouldNotCountBothSidesWithoutARelation() {
    Analysis a = analyze("Pyongyang weather and Moscow stock prices", null);

    assertThat(a.relevance().relevant()).isFalse();
    assertThat(codes(a)).doesNotContain("relation");
  }

  @Test
  void shouldIgnoreARelationStatedInASentenceThatNamesOneSideOnly() {
    Analysis a =
        analyze(
            "Markets in Seoul fall",
            "Russia reported higher oil revenue. Separately, North Korea held talks with"
                + " Vietnam on trade.");

    assertThat(codes(a)).as(a.relevance().reasons().toString()).doesNotContain("relation");
    assertThat(a.relevance().relevant()).as(a.relevance().reasons().toString()).isFalse();
  }

  @Test
  void shouldNotLetACultureSignalOutweighMilitaryCooperation() {
    Analysis a =
        analyze(
            "North Korean troops sent to Russia watch a concert in Kursk",
            "The soldiers deployed to Russia's Kursk region attended a concert by a Russian"
                + " ensemble, state media said.");

    assertThat(a.relevance().relevant()).isTrue();
    double context =
        a.relevance().reasons().stream()
            .filter(r -> r.code().startsWith("signal:") && r.weight() < 0)
            .mapToDouble(Reason::weight)
            .sum();
    assertThat(context).isGreaterThanOrEqualTo(-0.05);
  }

  @Test
  void shouldKeepDeployedTroopsPrkToRusWhenTheTextSaysWhatRussiaGaveThem() {
    Analysis a =
        analyze(
            "North Korean troops stationed at Russian bases, NATO says",
            "North Korean troops have been stationed at Russian military bases. Russia has"
                + " provided them with uniforms and equipment, and may use them in combat"
                + " operations.");

    assertThat(a.events()).isNotEmpty();
    assertThat(a.events().get(0).type()).isEqualTo("troop-deployment");
    assertThat(a.events().get(0).sourceActor()).isEqualTo("PRK");
    assertThat(a.events().get(0).targetActor()).isEqualTo("RUS");
  }

  @Test
  void shouldTypeAVisitWithoutAddingToRelevance() {
    Analysis a = analyze("Russian Security Council secretary visits Pyongyang", null);

    assertThat(a.relevance().relevant()).isTrue();
    assertThat(a.events().get(0).type()).isEqualTo("official-visit");
    assertThat(codes(a)).doesNotContain("event");
  }

  @Test
  void shouldReadHanjaStateAbbreviationsGluedToKorean() {
    Analysis a = analyze("北노동자들, 러 건설현장 파견", null);

    assertThat(codes(a)).contains("actor:PRK", "actor:RUS");
  }

  @Test
  void shouldKeepOffTheWatchAStoryWhoseTitleNamesNeitherSide() {
    Analysis a =
        analyze(
            "Chip makers report record quarter",
            "Also in brief: North Korea and Russia sign a military cooperation pact.");

    assertThat(a.relevance().relevant()).isFalse();
    assertThat(codes(a)).contains("relation", "title-names-neither-side");
  }

  @Test
  void shouldReadATitlePairingOneSideWithAThirdStateAsAboutThatPair() {
    Analysis third =
        analyze(
            "Kim Jong Un arrives in Beijing for talks with China",
            "Kim Jong Un and Vladimir Putin met last year and pledged military cooperation.");
    Analysis bilateral =
        analyze(
            "Kim Jong Un arrives in Vladivostok",
            "Kim Jong Un and Vladimir Putin are to discuss military cooperation.");

    assertThat(third.relevance().relevant()).isFalse();
    assertThat(codes(third)).contains("title-pairs-a-third-state");
    assertThat(bilateral.relevance().relevant()).isTrue();
  }

  @Test
  void shouldKeepFightingInTheTitleOnTheWatchWhateverThirdStateItNames() {
    Analysis a =
        analyze(
            "Wounded North Korean prisoner hopes to reach South Korea",
            "The soldier was captured by Ukrainian forces while fighting for Russia in Kursk.");

    assertThat(a.relevance().relevant()).isTrue();
    assertThat(codes(a)).doesNotContain("title-pairs-a-third-state");
  }

  @Test
  void shouldNotCountAMoscowDatelineAsAMentionOfRussia() {
    Analysis a =
        analyze(
            "North Korea holds a party plenum",
            "(모스크바=연합뉴스) 홍길동 특파원 = 북한이 노동당 전원회의를 열어 협력 방안을 논의했다.");

    assertThat(codes(a)).doesNotContain("actor:RUS");
    assertThat(a.relevance().relevant()).isFalse();
  }

  @Test
  void shouldCountARelationInTheTitleOnlyWhenTheTitleNamesBothSides() {
    Analysis a =
        analyze(
            "US president hosts Japan's prime minister for talks on North Korea",
            "Russia's economy grew last year.");

    assertThat(codes(a)).doesNotContain("relation");
    assertThat(a.relevance().relevant()).isFalse();
  }

  @Test
  void shouldReadAHeadlineThatNamesUkraineAloneAsNamingNeitherSide() {
    Analysis roundUp =
        analyze(
            "Three years of war in Ukraine: what it has cost",
            "Russia has deployed North Korean troops, and casualties keep rising.");
    Analysis captured =
        analyze(
            "Ukraine says it captured two more soldiers",
            "Both are North Korean troops sent to fight for Russia.");

    assertThat(roundUp.relevance().relevant())
        .as(roundUp.relevance().reasons().toString())
        .isFalse();
    assertThat(codes(roundUp)).contains("title-names-neither-side");
    assertThat(captured.relevance().relevant())
        .as(captured.relevance().reasons().toString())
        .isTrue();
  }

  @Test
  void shouldKeepCivilianMinistriesAndPeoplesExchangesOffTheWatch() {
    for (String title :
        List.of(
            "North Korea and Russia expand telecom cooperation",
            "Минздрав России расширит сотрудничество с КНДР",
            "북러 인적교류 확대…北 보건성 대표단 방러")) {
      Analysis a = analyze(title, null);

      assertThat(a.relevance().relevant()).as(a.relevance().reasons().toString()).isFalse();
      assertThat(codes(a)).as(title).contains("relation", "signal:civilian");
    }
  }

  @Test
  void shouldNotReadAThirdStateReceivingBothSidesAmbassadorsAsTheirRelation() {
    for (String title :
        List.of(
            "China's new party envoy receives the North Korean and Russian ambassadors",
            "Глава МИД Китая принял послов России и КНДР",
            "中 신임 외교부장, 북한·러시아 대사 잇달아 접견")) {
      Analysis a = analyze(title, null);

      assertThat(a.relevance().relevant()).as(a.relevance().reasons().toString()).isFalse();
      assertThat(codes(a)).as(title).contains("signal:multilateral");
    }
  }

  @Test
  void shouldLetMoreOfficialsPlacesAndOrgansStandForTheirSide() {
    for (String title :
        List.of(
            "Naryshkin arrives in Pyongyang",
            "Нарышкин прибыл в Пхеньян",
            "나리시킨, 평양 도착",
            "Kim Yong Bok meets Russian generals in Moscow",
            "North Korean soldiers dig in near Sudzha",
            "Роскосмос поможет КНДР со спутниками",
            "Rodong Sinmun praises Russia's support")) {
      Analysis a = analyze(title, null);

      assertThat(codes(a)).as(title).contains("actor:PRK", "actor:RUS", "relation");
      assertThat(a.relevance().relevant()).as(a.relevance().reasons().toString()).isTrue();
    }
  }

  @Test
  void shouldReadNewRelationCuesInEveryLanguage() {
    for (String title :
        List.of(
            "The Kremlin and Pyongyang team up at the UN",
            "Россия укрепит связи с КНДР",
            "북한, 러시아와 결탁")) {
      Analysis a = analyze(title, null);

      assertThat(a.relevance().relevant()).as(a.relevance().reasons().toString()).isTrue();
      assertThat(codes(a)).as(title).contains("relation");
    }
  }

  @Test
  void shouldNotLetAReceptionOutweighADefencePactTheHeadlineStates() {
    for (String title :
        List.of(
            "At an embassy reception, Russia and North Korea call their alliance unbreakable",
            "На приеме в посольстве КНДР в Москве назвали союзный договор с Россией нерушимым",
            "주북 러시아대사관 리셉션서 \"북한과 러시아 동맹 굳건\"")) {
      Analysis a = analyze(title, null);

      assertThat(a.relevance().relevant()).as(a.relevance().reasons().toString()).isTrue();
      assertThat(a.relevance().reasons())
          .as(title)
          .anyMatch(r -> r.code().equals("signal:protocol") && r.weight() >= -0.05);
    }
    Analysis reception = analyze("Russian embassy in Pyongyang hosts a reception", null);

    assertThat(reception.relevance().relevant()).isFalse();
  }

  @Test
  void shouldLetTheTwoLeadersTalkingOutweighTheParadeTheyMetAt() {
    for (String title :
        List.of(
            "Putin and Kim Jong Un talk at length at the Beijing military parade",
            "Путин и Ким Чен Ын провели беседу на параде в Пекине",
            "푸틴·김정은, 베이징 열병식서 한참 대화")) {
      Analysis a = analyze(title, null);

      assertThat(a.relevance().relevant()).as(a.relevance().reasons().toString()).isTrue();
      assertThat(a.relevance().reasons())
          .as(title)
          .anyMatch(r -> r.code().equals("signal:multilateral") && r.weight() == 0);
    }
    Analysis lineUp =
        analyze("Kim Jong Un and Putin to stand beside Xi Jinping at the military parade", null);

    assertThat(lineUp.relevance().relevant()).as(lineUp.relevance().reasons().toString()).isFalse();
    Analysis threeWay =
        analyze("Xi Jinping, Putin and Kim Jong Un talk at the military parade", null);

    assertThat(threeWay.relevance().relevant())
        .as(threeWay.relevance().reasons().toString())
        .isFalse();
  }

  @Test
  void shouldReadBothSidesAtTheSecurityCouncilAsRussiaShieldingTheDprk() {
    for (String title :
        List.of(
            "Security Council split as Russia rejects the charge against North Korea",
            "Россия в Совбезе ООН отвергла обвинения против КНДР",
            "러, 안보리서 북한 미사일 규탄 반대")) {
      Analysis a = analyze(title, null);

      assertThat(a.relevance().relevant()).as(a.relevance().reasons().toString()).isTrue();
      assertThat(a.relevance().reasons())
          .as(title)
          .anyMatch(r -> r.code().equals("relation") && r.detail().contains("support"));
    }
  }

  @Test
  void shouldReadBothSidesNamedInAListOfStatesAsManySided() {
    for (String title :
        List.of(
            "Chip export ban covers states such as Russia and North Korea",
            "Новые санкции затронут в том числе Россию и КНДР",
            "美 반도체 수출 통제, 북러 포함")) {
      Analysis a = analyze(title, null);

      assertThat(a.relevance().relevant()).as(a.relevance().reasons().toString()).isFalse();
      assertThat(codes(a)).as(title).contains("relation", "signal:multilateral");
    }
  }
}
