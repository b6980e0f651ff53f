package dev.tocsin.ingest.registry;

import dev.tocsin.platform.kafka.CompactedTopicReader;
import dev.tocsin.schemas.Feed;
import dev.tocsin.schemas.FeedStatus;
import dev.tocsin.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The feed registry on the compacted {@code feeds} topic, keyed by feed URL: read it, add or change
 * feeds, remove them with tombstones. Running ingest instances pick every change up at once.
 */
public final class FeedRegistry {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final Map<String, Object> clientConfig;
  private final Topics topics;

  /** Creates a registry client for the cluster and topics given. */
  public FeedRegistry(Map<String, Object> clientConfig, Topics topics) {
    this.clientConfig = Map.copyOf(clientConfig);
    this.topics = Objects.requireNonNull(topics, "topics");
  }

  /** Returns every registered feed, keyed by URL. */
  public Map<String, Feed> feeds() {
    return CompactedTopicReader.read(clientConfig, topics.feeds(), TIMEOUT);
  }

  /** Returns the latest status of every feed that has been polled, keyed by URL. */
  public Map<String, FeedStatus> statuses() {
    return CompactedTopicReader.read(clientConfig, topics.feedStatus(), TIMEOUT);
  }

  /** Adds or replaces feeds. */
  public void put(Collection<Feed> feeds) {
    List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
    for (Feed feed : feeds) {
      byte[] value =
          topics.feeds().valueSerde().serializer().serialize(topics.feeds().name(), feed);
      records.add(new ProducerRecord<>(topics.feeds().name(), feed.getUrl(), value));
    }
    send(records);
  }

  /**
   * Writes the declared feeds that are missing from the registry or differ from it, and returns how
   * many were written; feeds only in the registry are left alone.
   */
  public int apply(Collection<Feed> declared) {
    Map<String, Feed> current = feeds();
    List<Feed> changed = declared.stream().filter(f -> !f.equals(current.get(f.getUrl()))).toList();
    if (!changed.isEmpty()) {
      put(changed);
    }
    return changed.size();
  }

  /** Removes a feed; returns false when it was not registered. */
  public boolean remove(String url) {
    if (!feeds().containsKey(url)) {
      return false;
    }
    send(List.of(new ProducerRecord<>(topics.feeds().name(), url, null)));
    return true;
  }

  private void send(List<ProducerRecord<String, byte[]>> records) {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      List<Future<RecordMetadata>> sent = new ArrayList<>();
      for (ProducerRecord<String, byte[]> record : records) {
        sent.add(producer.send(record));
      }
      for (Future<RecordMetadata> future : sent) {
        future.get(TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
      }
    } catch (ExecutionException e) {
      throw new KafkaException("Writing to " + topics.feeds().name() + " failed", e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new KafkaException("Writing to " + topics.feeds().name() + " timed out", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("Interrupted", e);
    }
  }
}
