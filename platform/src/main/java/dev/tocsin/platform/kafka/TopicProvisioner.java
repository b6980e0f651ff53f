package dev.tocsin.platform.kafka;

import dev.tocsin.schemas.Topic;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the catalogue topics a service needs when they are missing. */
public final class TopicProvisioner {

  private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private TopicProvisioner() {}

  /**
   * Creates every missing topic of {@code topics}; existing topics are left as they are. Returns
   * the names that were created.
   */
  public static List<String> ensure(
      Map<String, Object> adminConfig,
      Collection<? extends Topic<?, ?>> topics,
      short replication) {
    Objects.requireNonNull(adminConfig, "adminConfig");
    Objects.requireNonNull(topics, "topics");
    try (Admin admin = Admin.create(adminConfig)) {
      Set<String> existing = admin.listTopics().names().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      List<NewTopic> missing =
          topics.stream()
              .filter(t -> !existing.contains(t.name()))
              .map(t -> t.newTopic(replication))
              .toList();
      if (missing.isEmpty()) {
        return List.of();
      }
      Map<String, KafkaFuture<Void>> results = admin.createTopics(missing).values();
      for (Map.Entry<String, KafkaFuture<Void>> result : results.entrySet()) {
        try {
          result.getValue().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          // Another instance may have created it between our listing and our request.
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException(
                "Cannot create topic " + result.getKey() + ": " + e.getCause().getMessage(), e);
          }
        }
      }
      List<String> created = missing.stream().map(NewTopic::name).toList();
      LOG.info("Created topics {}", created);
      return created;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating topics", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "Cannot list topics on " + adminConfig.get("bootstrap.servers") + ": " + e.getMessage(),
          e);
    }
  }
}
