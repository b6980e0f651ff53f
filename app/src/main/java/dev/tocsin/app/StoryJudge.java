package dev.tocsin.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tocsin.alerting.surge.SurgeSettings;
import dev.tocsin.enrich.analysis.Analysis;
import dev.tocsin.enrich.analysis.StoryAnalyzer;
import dev.tocsin.enrich.analysis.StoryText;
import dev.tocsin.enrich.dedup.DedupSettings;
import dev.tocsin.enrich.dedup.OfflineDeduplicator;
import dev.tocsin.enrich.dedup.StoryGist;
import dev.tocsin.enrich.entity.Mention;
import dev.tocsin.enrich.event.DetectedEvent;
import dev.tocsin.enrich.profile.WatchProfile;
import dev.tocsin.enrich.relevance.Reason;
import dev.tocsin.ingest.identity.CanonicalUrl;
import dev.tocsin.ingest.identity.StoryIds;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;

/**
 * Judges stories offline, one after another, with the same analysis and de-duplication code as the
 * Streams app: what {@code tocsin analyze} and {@code tocsin profile test} run.
 */
final class StoryJudge {

  /** A story as the offline tools read it. */
  record Input(
      String id, String url, String source, String title, String body, Instant published) {}

  /** The judgement of one story. */
  record Judgement(String id, Analysis analysis, OfflineDeduplicator.Verdict verdict) {}

  private final StoryAnalyzer analyzer;
  private final OfflineDeduplicator dedup;
  private final String origin;

  StoryJudge(WatchProfile profile, String origin) {
    this.analyzer = new StoryAnalyzer(profile);
    this.dedup = new OfflineDeduplicator(DedupSettings.defaults());
    this.origin = origin;
  }

  /**
   * Loads a bundled profile by name, or a profile YAML file by path; a file's {@code surge:}
   * section, which alerting reads, is validated too.
   */
  static WatchProfile profile(String nameOrPath) {
    Path path = Path.of(nameOrPath);
    if (Files.isRegularFile(path)) {
      try (InputStream in = Files.newInputStream(path);
          InputStream again = Files.newInputStream(path)) {
        WatchProfile profile = WatchProfile.load(in);
        SurgeSettings.fromProfile(again);
        return profile;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read profile " + path, e);
      }
    }
    return WatchProfile.bundled(nameOrPath);
  }

  Judgement judge(Input story) {
    String body = story.body() == null ? "" : story.body();
    String canonicalUrl = story.url() == null ? null : CanonicalUrl.of(story.url()).orElse(null);
    String id =
        story.id() != null && !story.id().isBlank()
            ? story.id()
            : StoryIds.of(canonicalUrl, null, origin, story.title(), body);
    StoryText storyText = new StoryText(story.title(), null, body, null);
    Analysis analysis = analyzer.analyze(storyText);
    String text = story.title() + "\n" + body;
    OfflineDeduplicator.Verdict verdict =
        dedup.add(
            new OfflineDeduplicator.Story(
                id,
                StoryIds.contentHash(story.title(), body),
                text,
                analysis.language(),
                StoryGist.ofLead(storyText, analysis),
                story.published()));
    return new Judgement(id, analysis, verdict);
  }

  /** Returns the JSON line {@code tocsin analyze} prints for a judgement. */
  static ObjectNode toJson(ObjectMapper json, Judgement j) {
    Analysis a = j.analysis();
    ObjectNode out = json.createObjectNode();
    out.put("id", j.id());
    out.put("relevant", a.relevance().relevant());
    out.put("relevance", Math.round(a.relevance().score() * 1000) / 1000.0);
    ArrayNode reasons = out.putArray("reasons");
    for (Reason r : a.relevance().reasons()) {
      reasons
          .addObject()
          .put("rule", r.code())
          .put("detail", r.detail())
          .put("weight", Math.round(r.weight() * 1000) / 1000.0);
    }
    out.put("language", a.language());
    ArrayNode entities = out.putArray("entities");
    for (Mention m : a.mentions()) {
      entities
          .addObject()
          .put("entity", m.entityId())
          .put("name", m.name())
          .put("type", m.type().name())
          .put("field", m.field().name().toLowerCase(Locale.ROOT))
          .put("start", m.start())
          .put("end", m.end())
          .put("text", m.surface());
    }
    ArrayNode events = out.putArray("events");
    for (DetectedEvent e : a.events()) {
      ObjectNode event =
          events
              .addObject()
              .put("type", e.type())
              .put("cameo", e.cameoCode())
              .put("goldstein", e.goldstein());
      event.put("actors", actors(e));
      event.put("evidence", e.evidence());
    }
    out.put("duplicateOf", j.verdict().duplicateOf());
    out.put("dedupMethod", j.verdict().method() == null ? null : j.verdict().method().name());
    out.put("clusterId", j.verdict().clusterId());
    return out;
  }

  // "PRK->RUS" when the text says who acts on whom, "RUS" or "PRK" when one side acts.
  static String actors(DetectedEvent e) {
    if (e.sourceActor() != null && e.targetActor() != null) {
      return e.sourceActor() + "->" + e.targetActor();
    }
    return e.sourceActor();
  }
}
