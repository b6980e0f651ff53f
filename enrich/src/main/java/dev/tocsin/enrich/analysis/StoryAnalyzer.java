package dev.tocsin.enrich.analysis;

import dev.tocsin.enrich.entity.EntityMatcher;
import dev.tocsin.enrich.entity.Mention;
import dev.tocsin.enrich.event.DetectedEvent;
import dev.tocsin.enrich.event.EventDetector;
import dev.tocsin.enrich.profile.WatchProfile;
import dev.tocsin.enrich.relevance.RelevanceScorer;
import dev.tocsin.enrich.relevance.RelevanceVerdict;
import dev.tocsin.schemas.TextField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** Analyzes one story against a watch profile: language, entities, relevance and events. */
public final class StoryAnalyzer {

  private final EntityMatcher entities;
  private final RelevanceScorer relevance;
  private final EventDetector events;

  /** Creates an analyzer for the profile. */
  public StoryAnalyzer(WatchProfile profile) {
    Objects.requireNonNull(profile, "profile");
    this.entities = new EntityMatcher(profile);
    this.relevance = new RelevanceScorer(profile);
    this.events = new EventDetector(profile);
  }

  /** Returns the analysis of {@code story}. */
  public Analysis analyze(StoryText story) {
    Objects.requireNonNull(story, "story");
    List<Mention> mentions = new ArrayList<>(entities.find(TextField.TITLE, story.title()));
    mentions.addAll(entities.find(TextField.SUMMARY, story.summary()));
    if (story.body() != null && !story.body().equals(story.summary())) {
      mentions.addAll(entities.find(TextField.BODY, story.body()));
    }
    RelevanceVerdict verdict = relevance.score(mentions);
    String text =
        String.join(
            "\n",
            story.title(),
            story.summary() == null ? "" : story.summary(),
            story.body() == null ? "" : story.body());
    List<DetectedEvent> found = verdict.relevant() ? events.detect(text) : List.of();
    String language =
        story.declaredLanguage() != null
            ? story.declaredLanguage().toLowerCase(Locale.ROOT).split("[-_]")[0]
            : ScriptLanguageGuess.guess(text);
    return new Analysis(language, List.copyOf(mentions), verdict, found);
  }
}
