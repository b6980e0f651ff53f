package dev.tocsin.alerting.surge;

import dev.tocsin.schemas.ClusterMember;
import dev.tocsin.schemas.Corroboration;
import dev.tocsin.schemas.Event;
import dev.tocsin.schemas.Provenance;
import dev.tocsin.schemas.StoryCluster;
import java.time.Instant;
import java.util.List;

/** Builds on-watch clusters for the surge tests. */
public final class TestClusters {

  private TestClusters() {}

  /** Returns version 1 of a cluster whose strongest event is {@code type} from source to target. */
  public static StoryCluster cluster(
      String id, String type, String source, String target, Instant at) {
    return cluster(id, 1, type, source, target, at);
  }

  /**
   * Returns a version of a cluster whose strongest event is {@code type}, first seen {@code at}.
   */
  public static StoryCluster cluster(
      String id, int version, String type, String source, String target, Instant at) {
    return cluster(id, version, type, source, target, at, at);
  }

  /** Returns a version of a cluster whose first story was published at {@code published}. */
  public static StoryCluster cluster(
      String id,
      int version,
      String type,
      String source,
      String target,
      Instant published,
      Instant at) {
    String outlet = "outlet-" + id;
    return StoryCluster.newBuilder()
        .setClusterId(id)
        .setVersion(version)
        .setTitle("Report " + id + " (" + type + ")")
        .setMembers(
            List.of(
                ClusterMember.newBuilder()
                    .setStoryId("s-" + id)
                    .setOutlet(outlet)
                    .setSource(outlet)
                    .setUrl("https://news.example/" + id)
                    .build()))
        .setOutlets(List.of(outlet))
        .setSources(List.of(outlet))
        .setIndependentSources(1)
        .setFirstSeen(published)
        .setLastSeen(at)
        .setRelevance(0.8)
        .setStrongestEvent(new Event(type, "072", 8.3, source, target, 0.8, "shells"))
        .setMainEvent(new Event(type, "072", 8.3, source, target, 0.8, "shells"))
        .setProvenance(new Provenance(Corroboration.SINGLE_SOURCE, List.of(), false))
        .setUpdatedAt(at)
        .build();
  }
}
