package dev.tocsin.alerting.mute;

import dev.tocsin.platform.kafka.CompactedTopicReader;
import dev.tocsin.schemas.Silence;
import dev.tocsin.schemas.Topic;
import dev.tocsin.schemas.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The silences on the compacted {@code silences} topic, keyed by silence id: add one, list them,
 * expire one. Expiring keeps the record (with {@code endsAt} moved to now) as the audit trail;
 * running notifiers pick every change up at once.
 */
public final class SilenceStore {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final Map<String, Object> clientConfig;
  private final Topics topics;
  private final Clock clock;

  /** Creates a store client for the cluster and topics given; {@code clock} dates changes. */
  public SilenceStore(Map<String, Object> clientConfig, Topics topics, Clock clock) {
    this.clientConfig = Map.copyOf(Objects.requireNonNull(clientConfig, "clientConfig"));
    this.topics = Objects.requireNonNull(topics, "topics");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Writes a new silence with a random UUID as its id and returns it.
   *
   * @param matchers what an alert must match, every one of them; at least one
   * @param startsAt when it starts holding back; null for now
   * @param endsAt when it ends; must be after {@code startsAt} and after now
   * @param author who asked for it
   * @param comment why
   */
  public Silence add(
      List<AlertMatcher> matchers,
      Instant startsAt,
      Instant endsAt,
      String author,
      String comment) {
    Objects.requireNonNull(endsAt, "endsAt");
    Instant now = clock.instant();
    Instant starts = startsAt == null ? now : startsAt;
    if (matchers == null || matchers.isEmpty()) {
      throw new IllegalArgumentException("a silence needs at least one matcher");
    }
    if (!endsAt.isAfter(starts)) {
      throw new IllegalArgumentException(
          "a silence must end after it starts: starts " + starts + ", ends " + endsAt);
    }
    if (!endsAt.isAfter(now)) {
      throw new IllegalArgumentException("a silence must end in the future: " + endsAt);
    }
    if (author == null || author.isBlank()) {
      throw new IllegalArgumentException("a silence needs an author");
    }
    if (comment == null || comment.isBlank()) {
      throw new IllegalArgumentException("a silence needs a comment saying why");
    }
    Silence silence =
        Silence.newBuilder()
            .setId(UUID.randomUUID().toString())
            .setMatchers(matchers.stream().map(AlertMatcher::toAvro).toList())
            .setStartsAt(starts)
            .setEndsAt(endsAt)
            .setCreatedBy(author.strip())
            .setComment(comment.strip())
            .setCreatedAt(now)
            .build();
    write(silence);
    return silence;
  }

  /** Returns every silence on the topic, expired ones included, keyed by id. */
  public Map<String, Silence> all() {
    return CompactedTopicReader.read(clientConfig, topics.silences(), TIMEOUT);
  }

  /**
   * Ends the silence {@code id} now, keeping its record; returns it as written, or empty when there
   * is no such silence. A silence that has already ended is returned unchanged.
   */
  public Optional<Silence> expire(String id) {
    Silence silence = all().get(Objects.requireNonNull(id, "id"));
    if (silence == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    if (!silence.getEndsAt().isAfter(now)) {
      return Optional.of(silence);
    }
    Silence.Builder builder = Silence.newBuilder(silence).setEndsAt(now);
    if (silence.getStartsAt().isAfter(now)) {
      builder.setStartsAt(now);
    }
    Silence expired = builder.build();
    write(expired);
    return Optional.of(expired);
  }

  private void write(Silence silence) {
    Topic<String, Silence> topic = topics.silences();
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    byte[] value = topic.valueSerde().serializer().serialize(topic.name(), silence);
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      producer
          .send(new ProducerRecord<>(topic.name(), silence.getId(), value))
          .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new KafkaException("Writing silence " + silence.getId() + " to " + topic.name(), e);
    } catch (TimeoutException e) {
      throw new KafkaException("Writing to " + topic.name() + " timed out", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("Interrupted writing to " + topic.name(), e);
    }
  }
}
