package dev.tocsin.enrich.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BandTableTest {

  @Test
  void shouldVisitTheLatestSlotsOfEachBandUpToTheBound() {
    BandTable table = new BandTable();
    // 3,000 stories share band 7 (boilerplate); every story also has a band of its own. The table
    // grows several times on the way, which must keep each chain newest first.
    for (int slot = 0; slot < 3_000; slot++) {
      table.add(slot, new long[] {7, 1_000_000L + slot});
    }
    List<Integer> visited = new ArrayList<>();
    table.forEachCandidate(new long[] {7, 1_000_000L + 5}, 4, visited::add);

    assertThat(visited).containsExactly(2_999, 2_998, 2_997, 2_996, 5);
  }

  @Test
  void shouldVisitEverySlotOfABandBelowTheBound() {
    BandTable table = new BandTable();
    table.add(0, new long[] {1, 2});
    table.add(1, new long[] {2, 3});
    table.add(2, new long[] {3, 4});
    List<Integer> visited = new ArrayList<>();
    table.forEachCandidate(new long[] {2, 3}, 256, visited::add);

    assertThat(visited).containsExactly(1, 0, 2, 1);
  }
}
