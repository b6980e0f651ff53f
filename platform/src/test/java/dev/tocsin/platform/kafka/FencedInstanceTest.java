package dev.tocsin.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;

class FencedInstanceTest {

  @Test
  void shouldRecogniseAFencedMemberWhereverTheStreamsLibraryWrapsIt() {
    FencedInstanceIdException fenced = new FencedInstanceIdException("fenced by the coordinator");

    assertThat(FencedInstance.causedBy(fenced)).isTrue();
    assertThat(FencedInstance.causedBy(new StreamsException(new KafkaException(fenced)))).isTrue();
    assertThat(FencedInstance.causedBy(new ProducerFencedException("another transactional id")))
        .isFalse();
    assertThat(FencedInstance.causedBy(new StreamsException("no cause"))).isFalse();
  }

  @Test
  void shouldNameTheServiceTheGroupTheMemberAndTheSetting() {
    assertThat(FencedInstance.message("enrich", "tocsin.enrich", "eu-1-enrich-1"))
        .contains("enrich stops")
        .contains("tocsin.enrich")
        .contains("eu-1-enrich-1")
        .contains("TOCSIN_INSTANCE_ID");
  }
}
