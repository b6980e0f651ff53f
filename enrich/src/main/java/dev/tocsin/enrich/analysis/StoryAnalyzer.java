package dev.tocsin.enrich.analysis;

import dev.tocsin.enrich.entity.EntityMatcher;
import dev.tocsin.enrich.entity.Mention;
import dev.tocsin.enrich.entity.PhraseMatcher;
import dev.tocsin.enrich.event.DetectedEvent;
import dev.tocsin.enrich.event.EventDetector;
import dev.tocsin.enrich.language.LanguageIdentifier;
import dev.tocsin.enrich.profile.WatchProfile;
import dev.tocsin.enrich.relevance.RelevanceScorer;
import dev.tocsin.enrich.relevance.RelevanceVerdict;
import dev.tocsin.enrich.text.TextNormalizer;
import dev.tocsin.schemas.TextField;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Analyzes one story against a watch profile: language, entities, relevance and events. Plain Java:
 * the Streams topology and the offline tools call the same code.
 */
public final class StoryAnalyzer {

  private final EntityMatcher entities;
  private final RelevanceScorer relevance;
  private final EventDetector events;
  private final LanguageIdentifier languages;

  /** Creates an analyzer for the profile. */
  public StoryAnalyzer(WatchProfile profile) {
    Objects.requireNonNull(profile, "profile");
    this.entities = new EntityMatcher(profile);
    this.relevance = new RelevanceScorer(profile);
    this.events = new EventDetector(profile);
    this.languages = LanguageIdentifier.shared();
  }

  /**
   * Returns the analysis of {@code story}. Mention offsets refer to the story's texts in Unicode
   * NFC (see {@link TextNormalizer#composed}).
   */
  public Analysis analyze(StoryText story) {
    Objects.requireNonNull(story, "story");
    String title = TextNormalizer.composed(story.title());
    String summary = TextNormalizer.composed(story.summary());
    String body = TextNormalizer.composed(story.body());
    List<Mention> mentions = new ArrayList<>(entities.find(TextField.TITLE, title));
    mentions.addAll(entities.find(TextField.SUMMARY, summary));
    if (body != null && !body.equals(summary)) {
      mentions.addAll(entities.find(TextField.BODY, body));
    }
    String text = String.join("\n", nonNull(title), nonNull(summary), nonNull(body));
    PhraseMatcher.Text read = PhraseMatcher.Text.of(text);
    List<DetectedEvent> found = events.detect(read);
    Map<TextField, Integer> starts = new EnumMap<>(TextField.class);
    starts.put(TextField.TITLE, 0);
    starts.put(TextField.SUMMARY, nonNull(title).length() + 1);
    starts.put(TextField.BODY, nonNull(title).length() + nonNull(summary).length() + 2);
    RelevanceVerdict verdict = relevance.score(read, starts, mentions, found);
    // The text decides; a feed's declared language is often a site-wide default, trusted only
    // where the text's script agrees with it.
    String language =
        languages
            .identify(text, story.declaredLanguage())
            .orElse(
                story.declaredLanguage() == null
                    ? null
                    : story.declaredLanguage().toLowerCase(Locale.ROOT).split("[-_]")[0]);
    return new Analysis(
        language, List.copyOf(mentions), verdict, verdict.relevant() ? found : List.of(), found);
  }

  private static String nonNull(String s) {
    return s == null ? "" : s;
  }
}
