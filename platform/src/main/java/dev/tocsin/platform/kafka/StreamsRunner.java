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
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.CloseOptions.GroupMembershipOperation;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one Kafka Streams application: starts it, reports its state, and closes it in time. A stream
 * thread that fails is replaced, unless the broker fenced its static group membership: then the
 * application stops, since a replacement would fence the other process in turn.
 */
public final class StreamsRunner implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StreamsRunner.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(20);
  private static final String THREAD_MARK = "-StreamThread-";

  private final String name;
  private final String groupInstanceId;
  private final KafkaStreams streams;
  private final CountDownLatch running = new CountDownLatch(1);
  private final AtomicInteger rebalances = new AtomicInteger();
  private volatile String fenced;

  /** Creates the application; call {@link #start()} to run it. */
  public StreamsRunner(String name, Topology topology, Map<String, Object> config) {
    this.name = Objects.requireNonNull(name, "name");
    Properties props = new Properties();
    props.putAll(config);
    String group = String.valueOf(config.get(StreamsConfig.APPLICATION_ID_CONFIG));
    Object instance =
        config.get(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG));
    this.groupInstanceId = instance == null ? null : instance.toString();
    this.streams = new KafkaStreams(topology, props);
    streams.setStateListener(
        (now, before) -> {
          LOG.info("{}: {} -> {}", name, before, now);
          if (now == KafkaStreams.State.REBALANCING) {
            rebalances.incrementAndGet();
          }
          if (now == KafkaStreams.State.RUNNING) {
            running.countDown();
          }
        });
    streams.setUncaughtExceptionHandler(
        e -> {
          if (FencedInstance.causedBy(e)) {
            fenced = FencedInstance.message(name, group, member(Thread.currentThread().getName()));
            LOG.error("{}", fenced);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
          }
          LOG.error("{}: stream thread failed; replacing it", name, e);
          return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
    if (groupInstanceId != null) {
      LOG.info("{}: joins group {} as static member {}-<thread>", name, group, groupInstanceId);
    }
  }

  // Kafka Streams suffixes the configured group.instance.id with the thread's index.
  private String member(String threadName) {
    if (groupInstanceId == null) {
      return "its group.instance.id";
    }
    int mark = threadName.lastIndexOf(THREAD_MARK);
    String index = mark < 0 ? "<thread>" : threadName.substring(mark + THREAD_MARK.length());
    return groupInstanceId + "-" + index;
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
        String fencedMessage = fenced;
        if (fencedMessage != null) {
          return fencedMessage;
        }
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

  /**
   * Returns how many times the application has entered REBALANCING since it started, its first
   * assignment included.
   */
  public int rebalances() {
    return rebalances.get();
  }

  /**
   * Returns why the application stopped when the broker fenced its static group membership, or null
   * when it did not.
   */
  public String fenced() {
    return fenced;
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

  /**
   * Stops the application, committing what it processed. Its members remain in the consumer group,
   * as a crashed instance's do: a static member restarted within the session timeout takes its
   * tasks back without a rebalance; otherwise its tasks move once the session times out.
   */
  @Override
  public void close() {
    CloseOptions options =
        CloseOptions.groupMembershipOperation(GroupMembershipOperation.REMAIN_IN_GROUP)
            .withTimeout(CLOSE_TIMEOUT);
    if (!streams.close(options)) {
      LOG.warn("{}: did not close within {}", name, CLOSE_TIMEOUT);
    }
  }
}
