package dev.tocsin.alerting;

import dev.tocsin.alerting.notify.Notifier;
import dev.tocsin.alerting.notify.NotifierSettings;
import dev.tocsin.alerting.notify.Sinks;
import dev.tocsin.platform.kafka.KafkaSettings;
import dev.tocsin.platform.kafka.TopicProvisioner;
import dev.tocsin.schemas.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/** Wires the notifier: settings, topics, sinks, the notifier's lifecycle. */
public final class NotifierApp {

  /** The role that names the notifier's static group member: {@code <instance id>-notifier}. */
  public static final String ROLE = "notifier";

  private NotifierApp() {}

  /** Creates the topics the notifier needs and starts delivering. */
  public static Notifier start(KafkaSettings kafka, NotifierSettings settings) {
    return start(kafka, settings, null);
  }

  /** Creates the topics the notifier needs and starts delivering, reporting to {@code registry}. */
  public static Notifier start(
      KafkaSettings kafka, NotifierSettings settings, MeterRegistry registry) {
    Topics topics = Topics.withPrefix(kafka.topicPrefix());
    TopicProvisioner.ensure(
        kafka.clientConfig(),
        List.of(topics.alerts(), topics.deliveries(), topics.alertsDlq(), topics.silences()),
        kafka.replicationFactor());
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    Clock clock = Clock.systemUTC();
    Map<String, Object> client = kafka.clientConfig();
    // Only the consumer of the notifier group reads it; the other clients drop it.
    kafka
        .groupInstanceId(ROLE)
        .ifPresent(id -> client.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, id));
    Notifier notifier =
        new Notifier(
            client, topics, settings, Sinks.createAll(settings.sinks(), http, clock), clock);
    if (registry != null) {
      notifier.bindMetrics(registry);
    }
    notifier.start();
    return notifier;
  }
}
