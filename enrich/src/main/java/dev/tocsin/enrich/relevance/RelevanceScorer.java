package dev.tocsin.enrich.relevance;

import dev.tocsin.enrich.entity.Mention;
import dev.tocsin.enrich.profile.WatchProfile;
import dev.tocsin.enrich.profile.WatchProfile.EntityDef;
import dev.tocsin.schemas.EntityType;
import dev.tocsin.schemas.TextField;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Scores how strongly a story bears on the watch: both watched sides must be present; military and
 * cooperation vocabulary, weapons and places add to it; mentions in the title weigh more.
 */
public final class RelevanceScorer {

  private static final double SIDE = 0.25;
  private static final double BOTH_IN_TITLE = 0.1;
  private static final double PER_TERM = 0.08;
  private static final double TERMS_CAP = 0.4;
  private static final double ONE_SIDE_CAP = 0.3;

  private final WatchProfile profile;
  private final Map<String, EntityDef> entities;

  /** Creates a scorer for the profile. */
  public RelevanceScorer(WatchProfile profile) {
    this.profile = profile;
    this.entities =
        profile.entities().stream().collect(Collectors.toMap(EntityDef::id, Function.identity()));
  }

  /** Returns the verdict for a story's mentions. */
  public RelevanceVerdict score(List<Mention> mentions) {
    List<Reason> reasons = new ArrayList<>();
    Set<String> sides = new TreeSet<>();
    Set<String> titleSides = new TreeSet<>();
    Set<String> terms = new TreeSet<>();
    for (Mention m : mentions) {
      EntityDef e = entities.get(m.entityId());
      if (e != null && e.side() != null) {
        sides.add(e.side());
        if (m.field() == TextField.TITLE) {
          titleSides.add(e.side());
        }
      } else if (m.type() == EntityType.TERM
          || m.type() == EntityType.WEAPON_SYSTEM
          || m.type() == EntityType.PLACE) {
        terms.add(m.entityId());
      }
    }
    double score = 0;
    for (String side : sides) {
      score += SIDE;
      reasons.add(new Reason("actor:" + side, side + " mentioned", SIDE));
    }
    if (titleSides.size() >= 2) {
      score += BOTH_IN_TITLE;
      reasons.add(new Reason("title", "both sides in the title", BOTH_IN_TITLE));
    }
    double termScore = Math.min(TERMS_CAP, PER_TERM * terms.size());
    if (termScore > 0) {
      score += termScore;
      reasons.add(new Reason("military-context", String.join(", ", terms), termScore));
    }
    if (sides.size() < 2 && score > ONE_SIDE_CAP) {
      reasons.add(
          new Reason("one-side-only", "only " + sides + " mentioned", ONE_SIDE_CAP - score));
      score = ONE_SIDE_CAP;
    }
    score = Math.min(1.0, score);
    return new RelevanceVerdict(score, score >= profile.relevanceThreshold(), reasons);
  }
}
