package dev.tocsin.enrich.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConceptLexiconTest {

  @Test
  void shouldFindAMarkedKoreanPhraseInsideACompoundWord() {
    ConceptLexicon lexicon =
        new ConceptLexicon(
            Map.of("football", List.of("football", "~축구*"), "border", List.of("국경*")));

    assertThat(lexicon.find("평양서 여자축구 친선경기")).containsExactly("football");
    assertThat(lexicon.find("축구 경기")).containsExactly("football");
    assertThat(lexicon.find("여자축구팀이 평양에")).containsExactly("football");
    // An unmarked phrase is found only where a word starts: "미국경제" (the US economy) holds
    // "국경" (border) by chance.
    assertThat(lexicon.find("미국경제 전망")).isEmpty();
    assertThat(lexicon.find("국경 검문소")).containsExactly("border");
  }

  @Test
  void shouldRefuseAMarkOnAPhraseThatIsNotKorean() {
    assertThatThrownBy(() -> new ConceptLexicon(Map.of("football", List.of("~football*"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("football")
        .hasMessageContaining("Hangul");
    assertThatThrownBy(() -> new ConceptLexicon(Map.of("empty", List.of("~*"))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldFindTheBundledCompoundsOfKoreanHeadlines() {
    ConceptLexicon shared = ConceptLexicon.shared();

    assertThat(shared.find("김정은, 전용열차로 러시아행")).contains("train");
    assertThat(shared.find("북러정상회담 앞두고")).contains("talks");
    assertThat(shared.find("상업위성사진에 포착된 북한화물선")).contains("satellite-imagery", "ship");
    assertThat(shared.find("평양국제공항 도착")).contains("airport");
  }

  @Test
  void shouldNameOfficialsAndPlacesAlikeInEnglishRussianAndKorean() {
    ConceptLexicon shared = ConceptLexicon.shared();

    assertThat(shared.find("Kremlin aide Yuri Ushakov said the talks in Belgorod"))
        .contains("ushakov", "belgorod");
    assertThat(shared.find("Помощник президента Юрий Ушаков заявил о переговорах в Белгороде"))
        .contains("ushakov", "belgorod");
    assertThat(shared.find("우샤코프 보좌관은 벨고로드에서")).contains("ushakov", "belgorod");
    // Word forms that only look alike are not the concepts: a tanker is not a tank, a visit is
    // not a visa, a minister is not a mine.
    assertThat(shared.find("Танкеры и визит министра"))
        .doesNotContain("tanks", "visa", "deminers")
        .contains("tanker", "visit");
  }
}
