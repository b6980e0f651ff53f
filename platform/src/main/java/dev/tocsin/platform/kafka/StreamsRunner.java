package dev.tocsin.platform.kafka;

import dev.tocsin.platform.health.ReadinessCheck;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one Kafka Streams application: starts it, reports its state, and closes it in time. */
public final class StreamsRunner implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StreamsRunner.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(20);

  private final String name;
  private final KafkaStreams streams;
  private final CountDownLatch running = new CountDownLatch(1);

  /** Creates the application; call {@link #start()} to run it. */
  public StreamsRunner(String name, Topology topology, Map<String, Object> config) {
    this.name = Objects.requireNonNull(name, "name");
    Properties props = new Properties();
    props.putAll(config);
    this.streams = new KafkaStreams(topology, props);
    streams.setStateListener(
        (now, before) -> {
          LOG.info("{}: {} -> {}", name, before, now);
          if (now == KafkaStreams.State.RUNNING) {
            running.countDown();
          }
        });
    streams.setUncaughtExceptionHandler(
        e -> {
          LOG.error("{}: stream thread failed; replacing it", name, e);
          return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
  }

  /** Publishes the application's Kafka Streams metrics to {@code registry}. */
  public void bindMetrics(MeterRegistry registry) {
    new KafkaStreamsMetrics(streams).bindTo(registry);
  }

  /** Returns a readiness check that passes while the application is RUNNING. */
  public ReadinessCheck readiness() {
    return new ReadinessCheck() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public String problem() {
        KafkaStreams.State state = streams.state();
        return state == KafkaStreams.State.RUNNING ? null : "Kafka Streams is " + state;
      }
    };
  }

  /** Starts processing. */
  public void start() {
    streams.start();
  }

  /** Waits until the application is running; returns false on timeout. */
  public boolean awaitRunning(Duration timeout) throws InterruptedException {
    return running.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Returns the current state of the application. */
  public KafkaStreams.State state() {
    return streams.state();
  }

  /** Returns the ids of the active tasks this instance runs, e.g. {@code 1_3}. */
  public Set<String> activeTasks() {
    Set<String> tasks = new TreeSet<>();
    streams
        .metadataForLocalThreads()
        .forEach(t -> t.activeTasks().forEach(task -> tasks.add(task.taskId().toString())));
    return tasks;
  }

  /** Returns the ids of the standby tasks this instance keeps warm. */
  public Set<String> standbyTasks() {
    Set<String> tasks = new TreeSet<>();
    streams
        .metadataForLocalThreads()
        .forEach(t -> t.standbyTasks().forEach(task -> tasks.add(task.taskId().toString())));
    return tasks;
  }

  /** Stops the application, committing what it processed. */
  @Override
  public void close() {
    if (!streams.close(CLOSE_TIMEOUT)) {
      LOG.warn("{}: did not close within {}", name, CLOSE_TIMEOUT);
    }
  }
}
