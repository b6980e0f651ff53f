package dev.tocsin.enrich.topology;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BucketFilterTest {

  @Test
  void shouldNeverRuleOutAnAddedKeyAndRarelyLetAnAbsentOneThrough() {
    BucketFilter filter = new BucketFilter(BucketFilter.MIN_CAPACITY);
    int keys = (int) filter.capacity();
    for (int i = 0; i < keys; i++) {
      filter.add("b" + (i % 32) + ":" + Integer.toHexString(i * 7919));
    }
    for (int i = 0; i < keys; i++) {
      assertThat(filter.mightContain("b" + (i % 32) + ":" + Integer.toHexString(i * 7919)))
          .isTrue();
    }
    int falsePositives = 0;
    int probes = 200_000;
    for (int i = 0; i < probes; i++) {
      if (filter.mightContain("g:n:" + i)) {
        falsePositives++;
      }
    }
    double rate = (double) falsePositives / probes;
    System.out.printf("bucket filter at capacity: %.4f false positives%n", rate);
    assertThat(rate).isLessThan(0.03);
    assertThat(filter.full()).isFalse();
    filter.add("one more");
    assertThat(filter.full()).isTrue();
  }

  @Test
  void shouldSizeToAPowerOfTwoOfAtLeastTenBitsAKey() {
    assertThat(new BucketFilter(10).capacity()).isEqualTo(BucketFilter.MIN_CAPACITY * 16L / 10);
    assertThat(new BucketFilter(3_000_000).capacity()).isGreaterThanOrEqualTo(3_000_000);
  }
}
