package dev.tocsin.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicsTest {

  @Test
  void shouldPrefixEveryTopicNameWhenPrefixIsGiven() {
    Topics topics = Topics.withPrefix("shadow.");

    assertThat(topics.all()).allSatisfy(t -> assertThat(t.name()).startsWith("shadow."));
    assertThat(topics.storiesRaw().name()).isEqualTo("shadow.stories.raw");
  }

  @Test
  void shouldGiveEveryTopicAUniqueName() {
    assertThat(Topics.defaults().all()).extracting(Topic::name).doesNotHaveDuplicates();
  }

  @Test
  void shouldCompactRegistryAndStateTopics() {
    Topics topics = Topics.defaults();

    assertThat(topics.feeds().compacted()).isTrue();
    assertThat(topics.ingestState().compacted()).isTrue();
    assertThat(topics.clusters().compacted()).isTrue();
    assertThat(topics.silences().compacted()).isTrue();
    assertThat(topics.storiesRaw().compacted()).isFalse();
    assertThat(topics.storiesRaw().configs()).containsKey("retention.ms");
  }

  @Test
  void shouldRejectPrefixWithIllegalCharacters() {
    assertThatThrownBy(() -> Topics.withPrefix("bad prefix/"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad prefix/");
  }
}
