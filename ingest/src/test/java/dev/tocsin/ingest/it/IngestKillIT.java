package dev.tocsin.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.platform.kafka.EmbeddedKafkaBroker;
import dev.tocsin.platform.kafka.KafkaSettings;
import dev.tocsin.schemas.RawStory;
import dev.tocsin.schemas.Topics;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Kills an ingest JVM with SIGKILL at random points while it polls feeds that keep changing,
 * restarts it, and checks that the raw topic ends up with every item exactly once (edits as
 * revisions), as read_committed consumers see it.
 */
class IngestKillIT {

  private static final int FEEDS = 6;
  private static final int KILLS = 6;

  @Test
  void shouldNeitherLoseNorDuplicateStoriesAcrossKills() throws Exception {
    Path dir = Path.of("target", "kill-it-" + System.nanoTime()).toAbsolutePath();
    Files.createDirectories(dir);
    long seed = Long.getLong("tocsin.kill.seed", System.nanoTime());
    Random random = new Random(seed);
    System.out.println(
        "IngestKillIT seed " + seed + " (rerun with -Dtocsin.kill.seed=" + seed + ")");
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"));
        ChangingFeedServer server = ChangingFeedServer.start(Duration.ofMillis(400))) {
      KafkaSettings kafka = KafkaSettings.local(broker.bootstrapServers());
      List<String> urls = new ArrayList<>();
      for (int i = 0; i < FEEDS; i++) {
        urls.add(server.url(i));
      }
      int published = 0;
      for (int kill = 1; kill <= KILLS; kill++) {
        Path log = dir.resolve("child-" + kill + ".log");
        Process child = startChild(broker.bootstrapServers(), urls, log);
        awaitStarted(child, log);
        long lifetime = 500 + random.nextInt(7_500);
        Thread.sleep(lifetime);
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        int now =
            RawStories.readAll(kafka, Topics.withPrefix(kafka.topicPrefix()).storiesRaw()).size();
        System.out.printf(
            "Kill %d %d ms after start (exit %d): %d stories committed so far%n",
            kill, lifetime, child.exitValue(), now);
        published = now;
      }
      assertThat(published).as("the killed instances got stories out").isPositive();

      Path lastLog = dir.resolve("child-final.log");
      Process last = startChild(broker.bootstrapServers(), urls, lastLog);
      try {
        awaitStarted(last, lastLog);
        Thread.sleep(8_000);
        int tick = server.freeze();
        Map<String, String> expected = server.expectedItems(FEEDS, tick);
        List<RawStory> stories =
            RawStories.readUntil(
                kafka,
                Topics.withPrefix(kafka.topicPrefix()).storiesRaw(),
                s -> RawStories.problems(s, expected).isEmpty(),
                Duration.ofSeconds(90));
        List<String> problems = RawStories.problems(stories, expected);
        System.out.printf(
            "After %d kills: %d stories for %d items (%d revisions); problems: %s%n",
            KILLS,
            stories.size(),
            expected.size(),
            stories.stream().filter(s -> s.getRevision() > 0).count(),
            problems.size() > 10 ? problems.subList(0, 10) : problems);
        assertThat(problems).isEmpty();
        assertThat(stories).anyMatch(s -> s.getRevision() > 0);
      } finally {
        last.destroy();
        if (!last.waitFor(30, TimeUnit.SECONDS)) {
          last.destroyForcibly();
        }
      }
    }
  }

  private static void awaitStarted(Process child, Path log) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!Files.readString(log).contains("started")) {
      if (!child.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError(
            "The ingest child did not start; its log:\n" + Files.readString(log));
      }
      Thread.sleep(50);
    }
  }

  private static Process startChild(String bootstrap, List<String> urls, Path log)
      throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(IngestChild.class.getName());
    command.add(bootstrap);
    command.add("kill-it");
    command.addAll(urls);
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .directory(new File(".").getAbsoluteFile())
        .start();
  }
}
