package dev.tocsin.enrich.entity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.enrich.profile.WatchProfile;
import dev.tocsin.schemas.TextField;
import java.util.List;
import org.junit.jupiter.api.Test;

class EntityMatcherTest {

  private final EntityMatcher matcher = new EntityMatcher(WatchProfile.russiaDprk());

  private List<String> ids(TextField field, String text) {
    return matcher.find(field, text).stream().map(Mention::entityId).toList();
  }

  @Test
  void shouldIgnoreAWireDatelineThatOpensASummary() {
    assertThat(ids(TextField.SUMMARY, "Pyongyang, March 2 (KCNA) -- A trade fair opened today."))
        .isEmpty();
    assertThat(ids(TextField.SUMMARY, "MOSCOW (AP) — The ministry opened a trade fair.")).isEmpty();
  }

  @Test
  void shouldIgnoreAKoreanDatelineAndByline() {
    assertThat(ids(TextField.SUMMARY, "(모스크바=연합뉴스) 홍길동 특파원 = 박람회가 열렸다.")).isEmpty();
    assertThat(ids(TextField.SUMMARY, "(서울=연합뉴스) 홍길동 기자 = 러시아 박람회가 열렸다."))
        .containsExactly("state:RUS");
  }

  @Test
  void shouldKeepMentionsAfterTheDatelineAndInTitles() {
    assertThat(ids(TextField.SUMMARY, "Pyongyang, March 2 (KCNA) -- Russia sent a delegation."))
        .containsExactly("state:RUS");
    assertThat(ids(TextField.TITLE, "Pyongyang (KCNA) -- a title is never a dateline"))
        .contains("state:PRK");
    assertThat(ids(TextField.SUMMARY, "North Korea and Russia (both named) -- talks began."))
        .contains("state:PRK", "state:RUS");
  }
}
