package dev.tocsin.enrich.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.enrich.entity.Mention;
import dev.tocsin.enrich.event.DetectedEvent;
import dev.tocsin.enrich.profile.WatchProfile;
import dev.tocsin.schemas.EntityType;
import dev.tocsin.schemas.TextField;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoryAnalyzerTest {

  static final StoryAnalyzer ANALYZER = new StoryAnalyzer(WatchProfile.russiaDprk());

  static Analysis analyze(String title, String body) {
    return ANALYZER.analyze(new StoryText(title, null, body, null));
  }

  static List<String> entityIds(Analysis a) {
    return a.mentions().stream().map(Mention::entityId).distinct().toList();
  }

  @Test
  void shouldNotTakePrussianForRussiaWhenMatchingWordStarts() {
    Analysis a =
        analyze("Prussian palaces reopen", "Visitors toured Prussian castles near Berlin.");

    assertThat(entityIds(a)).doesNotContain("state:RUS");
    assertThat(a.relevance().relevant()).isFalse();
  }

  @Test
  void shouldFindNorthKoreaInEveryRussianCaseWhenInflected() {
    for (String form :
        List.of("Северная Корея", "Северной Кореи", "Северную Корею", "Северной Корее", "КНДР")) {
      Analysis a = analyze(form + " и Россия", "");
      assertThat(entityIds(a)).as(form).contains("state:PRK", "state:RUS");
    }
  }

  @Test
  void shouldFindKoreanNamesWhenParticlesFollow() {
    Analysis a = analyze("북한이 러시아에 포탄을 보냈다", "");

    assertThat(entityIds(a)).contains("state:PRK", "state:RUS", "weapon:artillery-shells");
  }

  @Test
  void shouldMatchFullWidthAndTypographicFormsWhenFolding() {
    Analysis a = analyze("ＫＮ－２３ missiles for Russia from North Korea", "");

    Mention kn23 =
        a.mentions().stream().filter(m -> m.entityId().equals("weapon:kn-23")).findFirst().get();
    assertThat(kn23.type()).isEqualTo(EntityType.WEAPON_SYSTEM);
    assertThat(kn23.field()).isEqualTo(TextField.TITLE);
    assertThat(kn23.start()).isZero();
    assertThat(kn23.surface()).isEqualTo("ＫＮ－２３");
  }

  @Test
  void shouldGiveOffsetsIntoTheTextWhenReportingMentions() {
    String body = "Officials said North Korean troops arrived in Kursk.";
    Analysis a = analyze("Troops", body);

    Mention kursk =
        a.mentions().stream().filter(m -> m.entityId().equals("place:kursk")).findFirst().get();
    assertThat(body.substring(kursk.start(), kursk.end())).isEqualTo("Kursk");
    assertThat(kursk.field()).isEqualTo(TextField.BODY);
  }

  @Test
  void shouldReportEventWithCameoGoldsteinAndDirectionWhenTextStatesIt() {
    Analysis a =
        analyze(
            "Russia supplied air defence systems to North Korea",
            "Moscow provided Pantsir air defence systems to Pyongyang in exchange for troops.");

    assertThat(a.relevance().relevant()).isTrue();
    DetectedEvent main = a.events().get(0);
    assertThat(main.type()).isEqualTo("technology-transfer");
    assertThat(main.cameoCode()).isEqualTo("072");
    assertThat(main.goldstein()).isEqualTo(8.3);
    assertThat(main.sourceActor()).isEqualTo("RUS");
    assertThat(main.targetActor()).isEqualTo("PRK");
  }

  @Test
  void shouldKeepSportsOffTheWatchWhenBothSidesAppear() {
    Analysis a =
        analyze(
            "North Korea beats Russia in hockey friendly",
            "North Korea's national team beat Russia 3-2 in an exhibition match in Pyongyang.");

    assertThat(a.relevance().relevant()).isFalse();
    assertThat(a.relevance().reasons()).anyMatch(r -> r.code().equals("signal:sports"));
    assertThat(a.events()).isEmpty();
  }

  @Test
  void shouldCapTheScoreWhenOnlyOneSideIsMentioned() {
    Analysis a =
        analyze(
            "North Korea test-fires ballistic missiles",
            "North Korea fired several ballistic missiles and artillery shells into the sea.");

    assertThat(a.relevance().score()).isLessThanOrEqualTo(0.3);
    assertThat(a.relevance().reasons()).anyMatch(r -> r.code().equals("one-side-only"));
  }

  @Test
  void shouldDetectLanguageFromTheText() {
    assertThat(analyze("Північна Корея відправила війська до Росії", "").language())
        .isEqualTo("uk");
    assertThat(analyze("北朝鮮がロシアに兵士を派遣した", "").language()).isEqualTo("ja");
    assertThat(analyze("Nordkorea schickt Soldaten nach Russland", "").language()).isEqualTo("de");
  }
}
