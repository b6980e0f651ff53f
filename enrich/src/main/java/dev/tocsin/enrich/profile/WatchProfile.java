package dev.tocsin.enrich.profile;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tocsin.schemas.EntityType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;

/**
 * A watch profile: the entities with their aliases in every language, the event types with their
 * CAMEO codes, Goldstein values and trigger phrases, and the relevance threshold. The profile's
 * {@code surge:} section belongs to alerting ({@code SurgeSettings}), which reads and validates it.
 *
 * @param id profile id, e.g. {@code russia-dprk}
 * @param relevanceThreshold score at or above which a story is on the watch
 * @param entities watched entities
 * @param signals context vocabulary that raises or lowers relevance (military, sports, history ...)
 * @param relations vocabulary of a relation between the two watched sides (a visit, talks, ties,
 *     support, an arms deal), in groups with a weight: with both sides named, the strongest group
 *     found is added once
 * @param directions phrases that tell which side acts on which
 * @param events event types, most specific first: the first one found is a story's main event
 */
@JsonIgnoreProperties({"surge"})
public record WatchProfile(
    String id,
    double relevanceThreshold,
    List<EntityDef> entities,
    List<SignalDef> signals,
    List<SignalDef> relations,
    List<DirectionDef> directions,
    List<EventDef> events) {

  /**
   * Context vocabulary with a relevance weight: positive for military cooperation, negative for
   * contexts that mention both sides without being on the watch (sports, culture, history).
   *
   * @param id signal id, reported in the reasons
   * @param weight added to the score once when any term is present
   * @param terms phrases; a trailing {@code *} marks a stem
   * @param exceptLeaders true when the signal does not apply to a story whose title names a leader
   *     or official of a watched side (a delegation is protocol unless a minister leads it)
   * @param holdsAgainstMilitary true when a negative signal keeps its whole weight against evidence
   *     of military cooperation (a three-way parade of China, Russia and the DPRK shows weapons,
   *     and is still not a bilateral act); others lose to such evidence
   * @param backgroundInLede true when a negative signal found only outside a title that names both
   *     sides and states a relation between them counts nothing: a history paragraph or a parade in
   *     the lede is background, where a civilian link is what passes between the sides
   * @param leadersMeet for a relation group: true when its cue in a headline that names leaders of
   *     both sides, and no third leader, says the two leaders meet or talk: a bilateral act that a
   *     many-sided setting (signals that hold against military evidence: a parade) does not
   *     outweigh
   */
  public record SignalDef(
      String id,
      double weight,
      List<String> terms,
      boolean exceptLeaders,
      boolean holdsAgainstMilitary,
      boolean backgroundInLede,
      boolean leadersMeet) {

    /** Creates a signal that applies whoever the story names. */
    public SignalDef(String id, double weight, List<String> terms) {
      this(id, weight, terms, false, false, false, false);
    }
  }

  /**
   * Phrases that say which side acts: "sent by Pyongyang to Russia" is PRK->RUS.
   *
   * @param source acting side
   * @param target receiving side
   * @param cues phrases; a trailing {@code *} marks a stem
   */
  public record DirectionDef(String source, String target, List<String> cues) {}

  /**
   * One watched entity.
   *
   * @param id canonical id, e.g. {@code state:PRK}
   * @param name display name
   * @param type entity type
   * @param side the watched actor it stands for ({@code RUS}, {@code PRK}), or null
   * @param aliases surface forms; a trailing {@code *} marks a stem
   * @param implies the watched side its mention implies in a story that reports an event, or null
   *     (Ukraine implies Russia: a DPRK unit fighting Ukraine fights for Russia)
   * @param militaryEvidence true when a headline that names both sides and this term (a defence
   *     pact, military cooperation) states military cooperation between them: context signals do
   *     not outweigh it, as they do not outweigh a weapon system
   */
  public record EntityDef(
      String id,
      String name,
      EntityType type,
      String side,
      List<String> aliases,
      String implies,
      boolean militaryEvidence) {

    /** Creates an entity that implies no side and is no evidence of military cooperation. */
    public EntityDef(String id, String name, EntityType type, String side, List<String> aliases) {
      this(id, name, type, side, aliases, null, false);
    }
  }

  /**
   * One event type.
   *
   * @param type event type id
   * @param cameo CAMEO code
   * @param goldstein Goldstein value of the CAMEO code
   * @param source default acting side, or null
   * @param target default receiving side, or null
   * @param triggers phrases that report the event; a trailing {@code *} marks a stem
   * @param fixedDirection true when the event always runs from {@code source} to {@code target}
   *     (DPRK troops deployed to Russia, fighting Ukraine): the direction cues of the text, which
   *     speak of transfers, do not turn it around
   * @param describesOnly true when the type only describes a story (a visit, talks, a pledge): it
   *     adds nothing to relevance, where the relation between the sides already counts
   */
  public record EventDef(
      String type,
      String cameo,
      double goldstein,
      String source,
      String target,
      List<String> triggers,
      boolean fixedDirection,
      boolean describesOnly) {

    /** Creates an event type whose direction the text's cues may state. */
    public EventDef(
        String type,
        String cameo,
        double goldstein,
        String source,
        String target,
        List<String> triggers) {
      this(type, cameo, goldstein, source, target, triggers, false, false);
    }
  }

  /** Validates the profile. */
  public WatchProfile {
    require(id != null && !id.isBlank(), "id", id);
    require(
        relevanceThreshold > 0 && relevanceThreshold <= 1,
        "relevanceThreshold",
        relevanceThreshold);
    require(entities != null && !entities.isEmpty(), "entities", entities);
    entities = List.copyOf(entities);
    events = events == null ? List.of() : List.copyOf(events);
    signals = signals == null ? List.of() : List.copyOf(signals);
    relations = relations == null ? List.of() : List.copyOf(relations);
    directions = directions == null ? List.of() : List.copyOf(directions);
    for (SignalDef s : signals) {
      require(s.id() != null && s.terms() != null && !s.terms().isEmpty(), "signals[].id/terms", s);
      require(s.weight() >= -1 && s.weight() <= 1, "signals[" + s.id() + "].weight", s.weight());
    }
    for (SignalDef r : relations) {
      require(
          r.id() != null && r.terms() != null && !r.terms().isEmpty(), "relations[].id/terms", r);
      require(r.weight() >= 0 && r.weight() <= 1, "relations[" + r.id() + "].weight", r.weight());
    }
    for (DirectionDef d : directions) {
      require(
          d.source() != null && d.target() != null && d.cues() != null && !d.cues().isEmpty(),
          "directions[].source/target/cues",
          d);
    }
    for (EntityDef e : entities) {
      require(e.id() != null && e.type() != null, "entities[].id/type", e);
      require(
          e.aliases() != null && !e.aliases().isEmpty(),
          "entities[" + e.id() + "].aliases",
          e.aliases());
    }
    for (EventDef e : events) {
      require(
          e.type() != null && e.cameo() != null && e.triggers() != null && !e.triggers().isEmpty(),
          "events[].type/cameo/triggers",
          e);
      require(
          e.goldstein() >= -10 && e.goldstein() <= 10,
          "events[" + e.type() + "].goldstein",
          e.goldstein());
    }
  }

  /** Loads a profile from YAML, failing with a message naming the bad key. */
  public static WatchProfile load(InputStream yaml) {
    Objects.requireNonNull(yaml, "yaml");
    try {
      return new ObjectMapper(new YAMLFactory())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .readValue(yaml, WatchProfile.class);
    } catch (IOException e) {
      throw new IllegalArgumentException("Invalid watch profile: " + e.getMessage(), e);
    }
  }

  /** Returns the bundled russia-dprk profile. */
  public static WatchProfile russiaDprk() {
    return bundled("russia-dprk");
  }

  /** Returns a profile bundled under {@code profiles/<name>.yaml}. */
  public static WatchProfile bundled(String name) {
    Objects.requireNonNull(name, "name");
    try (InputStream in = WatchProfile.class.getResourceAsStream("/profiles/" + name + ".yaml")) {
      if (in == null) {
        throw new IllegalArgumentException("no bundled profile named '" + name + "'");
      }
      return load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void require(boolean ok, String key, Object value) {
    if (!ok) {
      throw new IllegalArgumentException("Invalid watch profile: bad '" + key + "': " + value);
    }
  }
}
