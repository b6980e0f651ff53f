package dev.tocsin.enrich.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StoryGistTest {

  @Test
  void shouldNormalizeQuantitiesAcrossLanguages() {
    assertThat(StoryGist.numbers("more than 12,000 containers")).containsExactly("12000");
    assertThat(StoryGist.numbers("более 12 тысяч контейнеров")).containsExactly("12000");
    assertThat(StoryGist.numbers("컨테이너 1만2천 개")).containsExactly("12000");
    assertThat(StoryGist.numbers("1만 명")).containsExactly("10000");
    assertThat(StoryGist.numbers("1.5 million barrels")).containsExactly("1500000");
    assertThat(StoryGist.numbers("12 000 снарядов")).containsExactly("12000");
  }

  @Test
  void shouldIgnoreModelNumbersAndSingleDigits() {
    assertThat(StoryGist.numbers("KN-23 and Su-27, 3 ships")).isEmpty();
  }
}
