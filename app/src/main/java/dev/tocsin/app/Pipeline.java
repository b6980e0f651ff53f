package dev.tocsin.app;

import dev.tocsin.alerting.AlertingApp;
import dev.tocsin.alerting.NotifierApp;
import dev.tocsin.alerting.notify.Notifier;
import dev.tocsin.alerting.notify.NotifierSettings;
import dev.tocsin.alerting.topology.AlertSettings;
import dev.tocsin.app.console.ConsoleServer;
import dev.tocsin.app.console.ConsoleSettings;
import dev.tocsin.enrich.EnrichApp;
import dev.tocsin.enrich.topology.EnrichSettings;
import dev.tocsin.ingest.IngestApp;
import dev.tocsin.ingest.IngestSettings;
import dev.tocsin.ingest.feed.AddressGuard;
import dev.tocsin.ingest.registry.FeedRegistry;
import dev.tocsin.platform.health.KafkaReachableCheck;
import dev.tocsin.platform.health.ManagementServer;
import dev.tocsin.platform.health.ReadinessCheck;
import dev.tocsin.platform.kafka.EmbeddedKafkaBroker;
import dev.tocsin.platform.kafka.KafkaSettings;
import dev.tocsin.platform.kafka.SchemaPublisher;
import dev.tocsin.platform.kafka.StreamsRunner;
import dev.tocsin.platform.kafka.TopicProvisioner;
import dev.tocsin.schemas.Feed;
import dev.tocsin.schemas.SchemaCatalog;
import dev.tocsin.schemas.SchemaVersion;
import dev.tocsin.schemas.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the services of one JVM in order and stops them in reverse order; safe to call from
 * several threads.
 */
final class Pipeline implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private KafkaSettings kafka;
  private ManagementServer management;
  private EmbeddedKafkaBroker embedded;

  /** Returns the registry every service of this JVM reports its metrics to. */
  MeterRegistry registry() {
    return registry;
  }

  /**
   * Serves health and metrics on {@code address}; call after {@link #kafka}. Services started later
   * add their readiness checks.
   */
  synchronized ManagementServer management(InetSocketAddress address) {
    management = ManagementServer.start(address, registry);
    started.push(management);
    KafkaReachableCheck reachable = new KafkaReachableCheck(kafka.clientConfig());
    started.push(reachable);
    management.addCheck(reachable);
    return management;
  }

  /**
   * Uses the given Kafka, or starts an embedded broker with its data under {@code dataDir} and its
   * client listener on loopback port {@code embeddedPort} (a free port when that one is taken, or
   * when it is 0); an embedded broker's address is written to {@code dataDir} for other commands to
   * find ({@link LocalKafka}) until the pipeline stops.
   */
  synchronized KafkaSettings kafka(KafkaSettings configured, Path dataDir, int embeddedPort) {
    return kafka(configured, dataDir, embeddedPort, null);
  }

  /**
   * As {@link #kafka(KafkaSettings, Path, int)}; an embedded broker's settings carry {@code
   * instanceId} (configured settings carry their own).
   */
  synchronized KafkaSettings kafka(
      KafkaSettings configured, Path dataDir, int embeddedPort, String instanceId) {
    if (configured != null) {
      kafka = configured;
    } else {
      EmbeddedKafkaBroker broker =
          EmbeddedKafkaBroker.startPreferring(dataDir.resolve("kafka"), embeddedPort);
      started.push(broker);
      embedded = broker;
      kafka = KafkaSettings.local(broker.bootstrapServers()).withInstanceId(instanceId);
      started.push(LocalKafka.advertise(dataDir, broker.bootstrapServers()));
    }
    publishSchemas();
    return kafka;
  }

  // Consumers whose schemas jar is older resolve this build's writer schemas from the topic.
  private void publishSchemas() {
    Topics topics = Topics.withPrefix(kafka.topicPrefix());
    try {
      TopicProvisioner.ensure(
          kafka.clientConfig(), List.of(topics.schemas()), kafka.replicationFactor());
      SchemaPublisher.publish(
          kafka.clientConfig(),
          topics.schemas(),
          SchemaCatalog.TOPIC_VALUE_TYPES.stream().map(SchemaVersion::of).toList());
    } catch (RuntimeException e) {
      LOG.warn(
          "Cannot publish the schemas to {} ({}): consumers with older schemas cannot read this"
              + " version's records until a restart publishes them",
          topics.schemas().name(),
          e.getMessage());
    }
  }

  /** Returns the embedded broker {@link #kafka} started, if it started one. */
  synchronized Optional<EmbeddedKafkaBroker> embeddedBroker() {
    return Optional.ofNullable(embedded);
  }

  synchronized void enrich(EnrichSettings settings, Path dataDir) {
    DeferredCheck ready = deferredCheck("enrich");
    streams(EnrichApp.start(kafka, settings, dataDir.resolve("streams"), registry), ready);
  }

  synchronized void alerting(AlertSettings settings, Path dataDir) {
    DeferredCheck ready = deferredCheck("alerting");
    streams(AlertingApp.start(kafka, settings, dataDir.resolve("streams"), registry), ready);
  }

  /**
   * Registers a service's readiness before the service starts (creating topics, restoring state),
   * so that {@code /health/ready} says "starting" instead of ready in the meantime.
   */
  private DeferredCheck deferredCheck(String name) {
    DeferredCheck check = new DeferredCheck(name);
    if (management != null) {
      management.addCheck(check);
    }
    return check;
  }

  /** A readiness check that fails with "starting" until the service's own check is known. */
  private static final class DeferredCheck implements ReadinessCheck {
    private final String name;
    private volatile ReadinessCheck delegate;

    DeferredCheck(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String problem() {
      ReadinessCheck current = delegate;
      return current == null ? "starting" : current.problem();
    }
  }

  /** Starts the notifier, unless {@code settings} configure no sink. */
  synchronized void notifier(NotifierSettings settings) {
    if (settings.sinks().isEmpty()) {
      LOG.info("No notification sink configured (TOCSIN_NOTIFY_*): the notifier does not run");
      return;
    }
    DeferredCheck ready = deferredCheck("notifier");
    Notifier notifier = NotifierApp.start(kafka, settings, registry);
    started.push(notifier);
    ready.delegate = notifier.readiness();
  }

  private void streams(StreamsRunner runner, DeferredCheck ready) {
    started.push(runner);
    runner.bindMetrics(registry);
    ready.delegate = runner.readiness();
  }

  /** Starts ingest, named by the instance id or, without one, the host name. */
  synchronized IngestApp ingest(IngestSettings settings, List<Feed> declared) {
    return ingest(settings, declared, IngestSettings.instanceId(kafka));
  }

  synchronized IngestApp ingest(IngestSettings settings, List<Feed> declared, String instanceId) {
    IngestApp ingest =
        IngestApp.start(kafka, settings, declared, instanceId, Clock.systemUTC(), registry);
    started.push(ingest);
    return ingest;
  }

  /**
   * Serves the operator console on the management server; call after {@link #management}. Its feed
   * form checks URLs with {@code guard}, as {@code tocsin feeds add} does.
   */
  synchronized ConsoleServer console(ConsoleSettings settings, AddressGuard guard) {
    Topics topics = Topics.withPrefix(kafka.topicPrefix());
    ConsoleServer console =
        ConsoleServer.start(
            management,
            settings,
            kafka.clientConfig(),
            topics,
            kafka.replicationFactor(),
            new ConsoleWrites(kafka.clientConfig(), topics, guard, Clock.systemUTC()),
            Clock.systemUTC());
    started.push(console);
    return console;
  }

  /** Returns a client of the feed registry of the pipeline's Kafka. */
  synchronized FeedRegistry feedRegistry() {
    return new FeedRegistry(kafka.clientConfig(), Topics.withPrefix(kafka.topicPrefix()));
  }

  synchronized void add(AutoCloseable resource) {
    started.push(resource);
  }

  @Override
  public synchronized void close() {
    while (!started.isEmpty()) {
      AutoCloseable next = started.pop();
      try {
        next.close();
      } catch (Exception e) {
        LOG.warn("Error while stopping {}: {}", next.getClass().getSimpleName(), e.toString());
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }
}
