package dev.tocsin.enrich.entity;

import dev.tocsin.enrich.profile.WatchProfile;
import dev.tocsin.enrich.profile.WatchProfile.EntityDef;
import dev.tocsin.schemas.TextField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Finds the mentions of a profile's entities in a text, all aliases in one pass. */
public final class EntityMatcher {

  private final PhraseMatcher<EntityDef> matcher;

  /** Builds the matcher from the profile's aliases. */
  public EntityMatcher(WatchProfile profile) {
    Map<String, List<EntityDef>> dictionary = new LinkedHashMap<>();
    for (EntityDef entity : profile.entities()) {
      for (String alias : entity.aliases()) {
        dictionary.computeIfAbsent(alias, a -> new ArrayList<>()).add(entity);
      }
    }
    this.matcher = new PhraseMatcher<>(dictionary);
  }

  /**
   * Returns the mentions in {@code text}, offsets into {@code text} itself. A press dateline that
   * opens a summary or body ("Pyongyang, November 4 (KCNA) --", "(모스크바=연합뉴스)") names where and for
   * whom the story was filed, not what it is about: nothing in it is a mention.
   */
  public List<Mention> find(TextField field, String text) {
    if (text == null || text.isEmpty()) {
      return List.of();
    }
    int dateline = field == TextField.TITLE ? 0 : Dateline.length(text);
    List<Mention> mentions = new ArrayList<>();
    for (PhraseMatcher.Hit<EntityDef> hit : matcher.find(text)) {
      if (hit.start() < dateline) {
        continue;
      }
      EntityDef e = hit.value();
      int end = hit.end();
      // A stem matches the whole word it begins.
      while (end < text.length() && Character.isLetterOrDigit(text.charAt(end))) {
        end++;
      }
      mentions.add(
          new Mention(
              e.id(),
              e.name(),
              e.type(),
              field,
              hit.start(),
              end,
              text.substring(hit.start(), end)));
    }
    return mentions;
  }
}
