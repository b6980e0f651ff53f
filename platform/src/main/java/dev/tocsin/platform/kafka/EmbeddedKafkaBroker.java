package dev.tocsin.platform.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a real single-node KRaft Kafka broker (broker and controller combined) inside this JVM.
 *
 * <p>Used by {@code tocsin} when no bootstrap servers are configured, and by every integration
 * test.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
  // Alertmanager listens on 9093; never let an ephemeral pick collide with it.
  private static final int ALERTMANAGER_PORT = 9093;

  private final int clientPort;
  private final Path logDir;
  private final int brokerPort;
  private final int controllerPort;
  private final KafkaRaftServer server;

  private EmbeddedKafkaBroker(
      Path logDir, int brokerPort, int controllerPort, KafkaRaftServer server) {
    this(logDir, brokerPort, controllerPort, server, brokerPort);
  }

  private EmbeddedKafkaBroker(
      Path logDir, int brokerPort, int controllerPort, KafkaRaftServer server, int clientPort) {
    this.clientPort = clientPort;
    this.logDir = logDir;
    this.brokerPort = brokerPort;
    this.controllerPort = controllerPort;
    this.server = server;
  }

  /** Starts a broker on free loopback ports with its data under {@code logDir}. */
  public static EmbeddedKafkaBroker start(Path logDir) {
    return start(logDir, freePort(), freePort());
  }

  /**
   * Starts a broker whose client listener is on loopback port {@code preferredPort}, or on a free
   * port when that one is taken; the controller listener is on a free port of its own, which no
   * client is told of.
   */
  public static EmbeddedKafkaBroker startPreferring(Path logDir, int preferredPort) {
    int brokerPort = isFree(preferredPort) ? preferredPort : freePort();
    int controllerPort = freePort();
    while (controllerPort == brokerPort) {
      controllerPort = freePort();
    }
    return start(logDir, brokerPort, controllerPort);
  }

  /**
   * Returns whether nothing listens on loopback port {@code port} (and it is not Alertmanager's).
   */
  static boolean isFree(int port) {
    if (port < 1 || port > 65535 || port == ALERTMANAGER_PORT) {
      return false;
    }
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Starts a broker on the given loopback ports, formatting {@code logDir} first if it is new; an
   * already formatted directory is reused, so data survives restarts.
   */
  public static EmbeddedKafkaBroker start(Path logDir, int brokerPort, int controllerPort) {
    Objects.requireNonNull(logDir, "logDir");
    if (controllerPort == ALERTMANAGER_PORT || brokerPort == ALERTMANAGER_PORT) {
      throw new IllegalArgumentException("port 9093 is reserved for Alertmanager");
    }
    long started = System.nanoTime();
    try {
      Files.createDirectories(logDir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create Kafka log directory " + logDir, e);
    }
    Properties props = brokerProperties(logDir, brokerPort, controllerPort);
    format(logDir, props);
    KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
    server.startup();
    LOG.info(
        "Embedded Kafka broker ready on 127.0.0.1:{} in {} ms (data in {})",
        brokerPort,
        Duration.ofNanos(System.nanoTime() - started).toMillis(),
        logDir);
    return new EmbeddedKafkaBroker(logDir, brokerPort, controllerPort, server);
  }

  /**
   * Starts a broker whose client listener requires SASL/SCRAM-SHA-256 authentication (over
   * plaintext: loopback only) with one user; the broker talks to itself on a separate plaintext
   * listener. {@link #bootstrapServers()} names the SASL listener.
   */
  public static EmbeddedKafkaBroker startWithScram(Path logDir, String user, String password) {
    Objects.requireNonNull(logDir, "logDir");
    if (!user.matches("[A-Za-z0-9_-]+") || !password.matches("[A-Za-z0-9_-]+")) {
      throw new IllegalArgumentException("user and password: letters, digits, '_' and '-' only");
    }
    int internalPort = freePort();
    int controllerPort = freePort();
    int saslPort = freePort();
    try {
      Files.createDirectories(logDir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create Kafka log directory " + logDir, e);
    }
    Properties props = brokerProperties(logDir, internalPort, controllerPort);
    props.put(
        "listeners",
        "PLAINTEXT://127.0.0.1:"
            + internalPort
            + ",SASL_PLAINTEXT://127.0.0.1:"
            + saslPort
            + ",CONTROLLER://127.0.0.1:"
            + controllerPort);
    props.put(
        "advertised.listeners",
        "PLAINTEXT://127.0.0.1:" + internalPort + ",SASL_PLAINTEXT://127.0.0.1:" + saslPort);
    props.put(
        "listener.security.protocol.map",
        "PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT");
    props.put("sasl.enabled.mechanisms", "SCRAM-SHA-256");
    props.put(
        "listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required;");
    format(
        logDir,
        props,
        "--add-scram",
        "SCRAM-SHA-256=[name=" + user + ",password=" + password + "]");
    KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
    server.startup();
    LOG.info("Embedded Kafka broker with SASL/SCRAM ready on 127.0.0.1:{}", saslPort);
    return new EmbeddedKafkaBroker(logDir, internalPort, controllerPort, server, saslPort);
  }

  /** Returns the bootstrap servers string for clients. */
  public String bootstrapServers() {
    return "127.0.0.1:" + clientPort;
  }

  /** Returns the port of the client listener. */
  public int brokerPort() {
    return brokerPort;
  }

  /** Returns the port of the KRaft controller listener. */
  public int controllerPort() {
    return controllerPort;
  }

  /** Returns the directory holding the broker's logs and metadata. */
  public Path logDir() {
    return logDir;
  }

  /** Stops the broker and waits until it has shut down. */
  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
    LOG.info("Embedded Kafka broker on 127.0.0.1:{} stopped", brokerPort);
  }

  static Properties brokerProperties(Path logDir, int brokerPort, int controllerPort) {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    p.put(
        "listeners",
        "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("log.dirs", logDir.toAbsolutePath().toString());
    p.put("auto.create.topics.enable", "false");
    p.put("num.partitions", "1");
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "6");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "6");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    // The default dedupe buffer allocates 128 MiB of heap at start; a few MiB suffice here.
    p.put("log.cleaner.dedupe.buffer.size", Integer.toString(4 * 1024 * 1024));
    p.put("log.cleaner.backoff.ms", "5000");
    p.put("log.segment.bytes", Integer.toString(64 * 1024 * 1024));
    p.put("log.flush.interval.messages", Long.toString(Long.MAX_VALUE));
    return p;
  }

  private static void format(Path logDir, Properties props, String... extraArguments) {
    if (Files.exists(logDir.resolve("meta.properties"))) {
      return;
    }
    Path config = logDir.resolveSibling(logDir.getFileName() + ".format.properties");
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    try {
      try (OutputStream out = Files.newOutputStream(config)) {
        props.store(out, "written by tocsin to format the embedded broker");
      }
      int code;
      // Transactions v2 (the 4.4 default) made the broker reject the first transactional batches of
      // Streams' exactly-once producers with OutOfOrderSequence until they retried; v1 is clean.
      try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
        code =
            StorageTool.execute(
                java.util.stream.Stream.concat(
                        java.util.stream.Stream.of(
                            "format",
                            "--cluster-id",
                            Uuid.randomUuid().toString(),
                            "--config",
                            config.toString(),
                            "--ignore-formatted",
                            "--feature",
                            "transaction.version=1"),
                        java.util.stream.Stream.of(extraArguments))
                    .toArray(String[]::new),
                print);
      }
      if (code != 0) {
        throw new IllegalStateException(
            "Cannot format Kafka log directory "
                + logDir
                + " (exit "
                + code
                + "): "
                + output.toString(StandardCharsets.UTF_8).strip());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot format Kafka log directory " + logDir, e);
    } finally {
      try {
        Files.deleteIfExists(config);
      } catch (IOException e) {
        LOG.debug("Cannot delete {}", config, e);
      }
    }
  }

  /** Returns a free loopback port other than Alertmanager's. */
  public static int freePort() {
    for (int attempt = 0; attempt < 20; attempt++) {
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        int port = socket.getLocalPort();
        if (port != ALERTMANAGER_PORT) {
          return port;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot find a free loopback port", e);
      }
    }
    throw new IllegalStateException("Cannot find a free loopback port");
  }
}
