package dev.tocsin.app;

import dev.tocsin.platform.config.Setting;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a command find the Kafka of the pipeline that {@code tocsin run} or {@code tocsin demo} runs
 * on this host with an embedded broker, as Kafka's own tools default to {@code localhost:9092}.
 *
 * <p>A pipeline with an embedded broker writes its bootstrap address to {@value #FILE_NAME} in its
 * data directory and removes the file when it stops. A command with no Kafka configured tries that
 * file's address, then the loopback port of {@code TOCSIN_EMBEDDED_KAFKA_PORT}, and takes the first
 * that answers as a Kafka broker; a stale file (a pipeline killed) or a port held by something else
 * is passed over.
 */
final class LocalKafka {

  /** The file in the data directory that names the running pipeline's bootstrap address. */
  static final String FILE_NAME = "kafka-bootstrap-servers";

  /** The embedded broker's client port when {@code TOCSIN_EMBEDDED_KAFKA_PORT} is unset. */
  static final int DEFAULT_PORT = 9092;

  private static final Logger LOG = LoggerFactory.getLogger(LocalKafka.class);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);

  private LocalKafka() {}

  /**
   * Writes {@code bootstrapServers} to the file in {@code dataDir}; closing the returned handle
   * removes the file.
   */
  static AutoCloseable advertise(Path dataDir, String bootstrapServers) {
    Path file = dataDir.resolve(FILE_NAME);
    try {
      Files.createDirectories(dataDir);
      Files.writeString(file, bootstrapServers + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      // Commands then find the broker by its port only; the pipeline itself is unaffected.
      LOG.warn("Cannot write {}: {}", file, e.toString());
      return () -> {};
    }
    return () -> Files.deleteIfExists(file);
  }

  /** Returns the address the file in {@code dataDir} names, if there is one. */
  static Optional<String> advertised(Path dataDir) {
    Path file = dataDir.resolve(FILE_NAME);
    try {
      String value = Files.readString(file, StandardCharsets.UTF_8).strip();
      return value.isEmpty() ? Optional.empty() : Optional.of(value);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * Returns the addresses to try, in order: the file's in {@code dataDir}, then {@code
   * 127.0.0.1:port}.
   */
  static List<String> candidates(Path dataDir, int port) {
    Set<String> candidates = new LinkedHashSet<>();
    advertised(dataDir).ifPresent(candidates::add);
    candidates.add("127.0.0.1:" + port);
    return new ArrayList<>(candidates);
  }

  /**
   * Returns the first of {@code candidates} that answers as a Kafka broker, with {@code
   * clientConfig} (security settings) applied.
   */
  static Optional<String> find(
      List<String> candidates, Map<String, Object> clientConfig, Duration timeout) {
    for (String candidate : candidates) {
      Map<String, Object> config = new HashMap<>(clientConfig);
      config.put("bootstrap.servers", candidate);
      Optional<String> problem = problem(config, timeout);
      if (problem.isEmpty()) {
        return Optional.of(candidate);
      }
      LOG.debug("No local pipeline at {}: {}", candidate, problem.get());
    }
    return Optional.empty();
  }

  /**
   * Returns why the Kafka of {@code clientConfig} cannot serve a command, or nothing when it
   * answers a describe-cluster request within {@code timeout}. A port where nothing listens is told
   * at once, without waiting for the Kafka client's retries.
   */
  static Optional<String> problem(Map<String, Object> clientConfig, Duration timeout) {
    String bootstrap = String.valueOf(clientConfig.get("bootstrap.servers"));
    List<String> refusals = new ArrayList<>();
    boolean anyListens = false;
    for (String server : bootstrap.split(",")) {
      String address = server.strip();
      Optional<String> refusal = connect(address);
      if (refusal.isEmpty()) {
        anyListens = true;
        break;
      }
      refusals.add(refusal.get());
    }
    if (!anyListens) {
      return Optional.of(String.join("; ", refusals));
    }
    Map<String, Object> config = new HashMap<>(clientConfig);
    int millis = (int) timeout.toMillis();
    config.put("request.timeout.ms", millis);
    config.put("default.api.timeout.ms", millis);
    config.put("socket.connection.setup.timeout.ms", Math.min(millis, 1000));
    config.put("socket.connection.setup.timeout.max.ms", Math.min(millis, 1000));
    try (Admin admin = Admin.create(config)) {
      admin
          .describeCluster(new DescribeClusterOptions().timeoutMs(millis))
          .nodes()
          .get(millis + 1000L, TimeUnit.MILLISECONDS);
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted");
    } catch (ExecutionException e) {
      return Optional.of(
          bootstrap + " does not answer as a Kafka broker: " + oneLine(e.getCause()));
    } catch (TimeoutException e) {
      return Optional.of(bootstrap + " does not answer as a Kafka broker within " + timeout);
    } catch (RuntimeException e) {
      return Optional.of(bootstrap + ": " + oneLine(e));
    }
  }

  private static Optional<String> connect(String address) {
    InetSocketAddress target;
    try {
      var parsed = Setting.Type.hostPort(address);
      target = new InetSocketAddress(parsed.getHostString(), parsed.getPort());
    } catch (NumberFormatException e) {
      return Optional.of("'" + address + "' is not host:port");
    }
    if (target.isUnresolved()) {
      return Optional.of("unknown host " + target.getHostString());
    }
    try (Socket socket = new Socket()) {
      socket.connect(target, (int) CONNECT_TIMEOUT.toMillis());
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of("nothing answers on " + address + " (" + e.getMessage() + ")");
    }
  }

  private static String oneLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.replaceAll("\\s+", " ").strip();
  }
}
