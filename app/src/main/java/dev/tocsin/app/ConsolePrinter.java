package dev.tocsin.app;

import dev.tocsin.schemas.DedupStatus;
import dev.tocsin.schemas.EnrichedStory;
import dev.tocsin.schemas.EscalationAlert;
import dev.tocsin.schemas.Event;
import dev.tocsin.schemas.Reason;
import dev.tocsin.schemas.Topics;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Prints each story's verdict and each alert, as they are committed, for a person to read. */
final class ConsolePrinter implements AutoCloseable {

  private final KafkaConsumer<String, byte[]> consumer;
  private final Topics topics;
  private final PrintStream out;
  private final Thread thread;

  ConsolePrinter(Map<String, Object> clientConfig, Topics topics, PrintStream out) {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put("group.id", topics.prefix() + "console-" + ProcessHandle.current().pid());
    config.put("auto.offset.reset", "earliest");
    config.put("isolation.level", "read_committed");
    this.consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    this.topics = topics;
    this.out = out;
    this.thread = new Thread(this::run, "tocsin-console");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  private void run() {
    consumer.subscribe(List.of(topics.storiesEnriched().name(), topics.alerts().name()));
    try {
      while (!Thread.currentThread().isInterrupted()) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          if (record.topic().equals(topics.alerts().name())) {
            out.println(
                alert(
                    topics
                        .alerts()
                        .valueSerde()
                        .deserializer()
                        .deserialize(record.topic(), record.value())));
          } else {
            out.println(
                story(
                    topics
                        .storiesEnriched()
                        .valueSerde()
                        .deserializer()
                        .deserialize(record.topic(), record.value())));
          }
          out.flush();
        }
      }
    } catch (WakeupException e) {
      // Closing.
    } finally {
      consumer.close();
    }
  }

  static String story(EnrichedStory s) {
    String verdict =
        switch (s.getDedup().getStatus()) {
          case DUPLICATE ->
              String.format(
                  Locale.ROOT,
                  "COPY of %s (%s %.2f)",
                  s.getDedup().getCanonicalId(),
                  s.getDedup().getMethod().name().toLowerCase(Locale.ROOT),
                  s.getDedup().getScore());
          case REVISION -> "revision " + s.getStory().getRevision();
          default -> "new";
        };
    String events =
        s.getEvents().isEmpty()
            ? ""
            : "  events: "
                + String.join(", ", s.getEvents().stream().map(ConsolePrinter::event).toList());
    return String.format(
        Locale.ROOT,
        "story  %-9s %.2f  %-28s %-18s [%s] %s%s",
        s.getRelevance().getRelevant() ? "ON-WATCH" : "off-watch",
        s.getRelevance().getScore(),
        verdict,
        clip(s.getStory().getOutlet(), 18),
        s.getLanguage(),
        clip(s.getStory().getTitle(), 90),
        s.getDedup().getStatus() == DedupStatus.DUPLICATE ? "" : events);
  }

  static String alert(EscalationAlert a) {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "%n*** ALERT %s  %s v%d  score %.2f  %s%n",
            a.getLevel(),
            a.getStatus(),
            a.getVersion(),
            a.getScore(),
            a.getAlertKey()));
    b.append("    ").append(a.getTitle()).append(System.lineSeparator());
    if (a.getEventType() != null) {
      b.append(
          String.format(
              Locale.ROOT,
              "    event: %s (CAMEO %s, Goldstein %+.1f)  actors: %s%n",
              a.getEventType(),
              a.getCameoCode(),
              a.getGoldstein(),
              a.getActors().isEmpty() ? "-" : String.join(" -> ", a.getActors())));
    }
    b.append("    why:").append(System.lineSeparator());
    for (Reason r : a.getReasons()) {
      b.append(
          String.format(
              Locale.ROOT, "      %+.3f  %-22s %s%n", r.getWeight(), r.getCode(), r.getDetail()));
    }
    b.append(
        String.format(
            Locale.ROOT,
            "    evidence: %d independent source(s), outlets %s%n",
            a.getEvidence().getIndependentSources(),
            a.getEvidence().getOutlets()));
    for (String link : a.getEvidence().getLinks()) {
      b.append("      ").append(link).append(System.lineSeparator());
    }
    return b.toString();
  }

  private static String event(Event e) {
    String actors =
        e.getSourceActor() != null && e.getTargetActor() != null
            ? " " + e.getSourceActor() + "->" + e.getTargetActor()
            : "";
    return e.getType() + actors;
  }

  private static String clip(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  @Override
  public void close() {
    consumer.wakeup();
    try {
      thread.join(Duration.ofSeconds(10).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
