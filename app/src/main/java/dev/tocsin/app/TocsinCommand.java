package dev.tocsin.app;

import dev.tocsin.alerting.notify.NotifierSettings;
import dev.tocsin.ingest.registry.FeedRegistryFile;
import dev.tocsin.platform.kafka.EmbeddedKafkaBroker;
import dev.tocsin.platform.kafka.KafkaSettings;
import dev.tocsin.schemas.Feed;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code tocsin} command: every service and tool of Tocsin in one jar. */
@Command(
    name = "tocsin",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Turns news feeds into explained escalation alerts, on Apache Kafka.",
    subcommands = {
      DemoCommand.class,
      TocsinCommand.Run.class,
      TocsinCommand.Ingest.class,
      TocsinCommand.Enrich.class,
      TocsinCommand.Alerting.class,
      TocsinCommand.Notify.class,
      TocsinCommand.Broker.class,
      TopicsCommand.class,
      FeedsCommand.class,
      SilenceCommand.class,
      ExtractCommand.class,
      ReplayCommand.class,
      AnalyzeCommand.class,
      ProfileCommand.class,
      CommandLine.HelpCommand.class
    })
public final class TocsinCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(TocsinCommand.class);

  @Option(
      names = "--verbose",
      scope = CommandLine.ScopeType.INHERIT,
      description = "When the command fails, print the error's stack trace too.")
  boolean verbose;

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new TocsinCommand());
    cli.registerConverter(Duration.class, new DurationConverter());
    cli.registerConverter(
        java.time.Instant.class,
        value -> {
          try {
            return java.time.Instant.parse(value);
          } catch (java.time.format.DateTimeParseException e) {
            throw new CommandLine.TypeConversionException(
                "'" + value + "' is not an ISO-8601 instant such as 2026-11-20T00:00:00Z");
          }
        });
    cli.setExecutionExceptionHandler(TocsinCommand::executionFailed);
    cli.setParameterExceptionHandler(TocsinCommand::parameterRejected);
    return cli;
  }

  /** Prints a failed command's reason in one line (and, with --verbose, its stack trace). */
  static int executionFailed(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
    CommandFailure failure = CommandFailure.from(e);
    PrintWriter err = command.getErr();
    err.println(command.getCommandSpec().qualifiedName() + ": " + failure.getMessage());
    if (verbose(parsed)) {
      e.printStackTrace(err);
    }
    err.flush();
    return failure.kind().exitCode();
  }

  /** Prints what is wrong with the command line and where the usage is, instead of the usage. */
  static int parameterRejected(CommandLine.ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    PrintWriter err = command.getErr();
    String name = command.getCommandSpec().qualifiedName();
    err.println(name + ": " + e.getMessage());
    if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, err)) {
      err.println("Usage: " + name + " --help");
    }
    err.flush();
    return CommandFailure.Kind.BAD_INPUT.exitCode();
  }

  private static boolean verbose(CommandLine.ParseResult parsed) {
    for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }

  @Override
  public Integer call() {
    CommandLine.usage(this, System.out);
    return 0;
  }

  /** Reads the Kafka settings from the environment; null when no bootstrap servers are set. */
  static KafkaSettings kafkaFromEnvironment(Map<String, String> env) {
    String bootstrap = env.get("TOCSIN_KAFKA_BOOTSTRAP_SERVERS");
    if (bootstrap == null || bootstrap.isBlank()) {
      return null;
    }
    String replication = env.getOrDefault("TOCSIN_TOPIC_REPLICATION", "1");
    short factor;
    try {
      factor = Short.parseShort(replication);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "TOCSIN_TOPIC_REPLICATION must be a whole number: '" + replication + "'");
    }
    return new KafkaSettings(
        bootstrap,
        env.getOrDefault("TOCSIN_TOPIC_PREFIX", "tocsin."),
        factor,
        KafkaSettings.clientOverridesFrom(env));
  }

  /** Reads {@code TOCSIN_MANAGEMENT_ADDRESS} (host:port, default 127.0.0.1:8080). */
  static InetSocketAddress managementAddress(Map<String, String> env) {
    String value = env.getOrDefault("TOCSIN_MANAGEMENT_ADDRESS", "127.0.0.1:8080").strip();
    try {
      InetSocketAddress address = hostPort(value);
      return new InetSocketAddress(address.getHostString(), address.getPort());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "TOCSIN_MANAGEMENT_ADDRESS must be host:port (e.g. 127.0.0.1:8080): '" + value + "'");
    }
  }

  /** Reads {@code host:port}, port 0 to 65535 (0: any free port), without resolving the host. */
  static InetSocketAddress hostPort(String value) {
    int colon = value.lastIndexOf(':');
    if (colon < 1) {
      throw new NumberFormatException(value);
    }
    int port = Integer.parseInt(value.substring(colon + 1));
    if (port < 0 || port > 65535) {
      throw new NumberFormatException(value);
    }
    return InetSocketAddress.createUnresolved(value.substring(0, colon), port);
  }

  static Path dataDir(Map<String, String> env) {
    return Path.of(env.getOrDefault("TOCSIN_DATA_DIR", "tocsin-data")).toAbsolutePath();
  }

  /**
   * Says where the embedded broker listens and how other commands reach it; {@code advertised}:
   * whether the data directory names it (not the demo's throwaway one).
   */
  static String embeddedNotice(String bootstrap, int preferredPort, boolean advertised) {
    String where = "Kafka broker embedded on " + bootstrap;
    if (bootstrap.endsWith(":" + preferredPort)) {
      return where
          + "; tocsin commands in another terminal use it with no flags (other clients:"
          + " --bootstrap-servers "
          + bootstrap
          + ")";
    }
    return where
        + " (port "
        + preferredPort
        + " is taken); "
        + (advertised ? "tocsin commands with the same TOCSIN_DATA_DIR use it, others " : "")
        + "need TOCSIN_KAFKA_BOOTSTRAP_SERVERS="
        + bootstrap;
  }

  /** Blocks until the JVM is asked to stop (Ctrl-C, SIGTERM) or {@code duration} passes. */
  static void awaitStop(Pipeline pipeline, Duration duration) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              pipeline.close();
              stopped.countDown();
            },
            "tocsin-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    boolean signalled =
        duration == null
            ? awaitForever(stopped)
            : stopped.await(duration.toMillis(), TimeUnit.MILLISECONDS);
    if (!signalled) {
      Runtime.getRuntime().removeShutdownHook(hook);
      pipeline.close();
    }
  }

  private static boolean awaitForever(CountDownLatch latch) throws InterruptedException {
    latch.await();
    return true;
  }

  /** Runs a service against the configured Kafka, or an embedded broker when none is. */
  abstract static class ServiceCommand implements Callable<Integer> {

    @Mixin SharedOptions.DurationOption duration;
    @Mixin SharedOptions.ConfigFileOption config;
    @Spec CommandSpec spec;

    abstract void start(Pipeline pipeline, Path dataDir, Map<String, String> settings);

    /** Refuses settings this service cannot run with, before anything starts. */
    void check(Map<String, String> settings) {}

    /** Returns whether this service serves the operator console on the management address. */
    boolean servesConsole() {
      return false;
    }

    @Override
    public Integer call() throws Exception {
      Map<String, String> settings = config.settings();
      LogFormat.apply(settings, System.getenv());
      check(settings);
      if (servesConsole()) {
        // Refused before anything starts: a console open to the network without a token.
        Settings.console(settings).checkExposure(managementAddress(settings));
      }
      Pipeline pipeline = new Pipeline();
      Path dataDir = dataDir(settings);
      int port = Settings.embeddedKafkaPort(settings);
      pipeline.kafka(kafkaFromEnvironment(settings), dataDir, port);
      pipeline
          .embeddedBroker()
          .ifPresent(
              broker ->
                  System.out.println(
                      "tocsin "
                          + spec.name()
                          + ": "
                          + embeddedNotice(broker.bootstrapServers(), port, true)));
      pipeline.management(managementAddress(settings));
      start(pipeline, dataDir, settings);
      awaitStop(pipeline, duration.duration);
      return 0;
    }
  }

  /** Runs ingest, enrich and alerting in one JVM. */
  @Command(name = "run", description = "Run ingest, enrich and alerting in one JVM.")
  static final class Run extends ServiceCommand {
    @Mixin SharedOptions.FeedsFileOption feeds;

    @Override
    void start(Pipeline pipeline, Path dataDir, Map<String, String> settings) {
      pipeline.console(Settings.console(settings), Settings.ingest(settings).guard());
      pipeline.enrich(Settings.enrich(settings), dataDir);
      pipeline.alerting(Settings.alerting(settings), dataDir);
      pipeline.notifier(NotifierSettings.fromEnvironment(settings));
      startIngest(pipeline, feeds.file, settings);
    }

    @Override
    boolean servesConsole() {
      return true;
    }
  }

  /** Runs the feed ingest service alone. */
  @Command(name = "ingest", description = "Run the feed ingest service.")
  static final class Ingest extends ServiceCommand {
    @Mixin SharedOptions.FeedsFileOption feeds;

    @Override
    void start(Pipeline pipeline, Path dataDir, Map<String, String> settings) {
      startIngest(pipeline, feeds.file, settings);
    }
  }

  static void startIngest(Pipeline pipeline, Path feeds, Map<String, String> env) {
    Path file = feeds != null ? feeds : Path.of("feeds.yaml");
    List<Feed> declared =
        feeds != null || Files.exists(file) ? FeedRegistryFile.read(file) : List.of();
    pipeline.ingest(Settings.ingest(env), declared, Settings.instanceId(env));
  }

  /** Runs the enrichment Streams application alone. */
  @Command(name = "enrich", description = "Run the enrichment Kafka Streams application.")
  static final class Enrich extends ServiceCommand {
    @Override
    void start(Pipeline pipeline, Path dataDir, Map<String, String> settings) {
      pipeline.enrich(Settings.enrich(settings), dataDir);
    }
  }

  /** Runs the alerting Streams application and, unless told otherwise, the notifier. */
  @Command(
      name = "alerting",
      description =
          "Run the alerting Kafka Streams application and the notifier (sinks from"
              + " TOCSIN_NOTIFY_* variables).")
  static final class Alerting extends ServiceCommand {
    @Option(
        names = "--without-notifier",
        description =
            "Score and keep alerts only; `tocsin notifier` delivers them in a process of its own.")
    boolean withoutNotifier;

    @Override
    void start(Pipeline pipeline, Path dataDir, Map<String, String> settings) {
      pipeline.console(Settings.console(settings), Settings.ingest(settings).guard());
      pipeline.alerting(Settings.alerting(settings), dataDir);
      if (withoutNotifier) {
        LOG.info("Started without the notifier (--without-notifier): tocsin notifier delivers");
      } else {
        pipeline.notifier(NotifierSettings.fromEnvironment(settings));
      }
    }

    @Override
    boolean servesConsole() {
      return true;
    }
  }

  /** Runs the notifier alone, next to alerting started with {@code --without-notifier}. */
  @Command(
      name = "notifier",
      description =
          "Run the notifier alone: deliver tocsin.alerts to the sinks of TOCSIN_NOTIFY_* variables"
              + " (next to `tocsin alerting --without-notifier`).")
  static final class Notify extends ServiceCommand {
    @Override
    void check(Map<String, String> settings) {
      if (NotifierSettings.fromEnvironment(settings).sinks().isEmpty()) {
        throw CommandFailure.badInput(
            "no notification sink is configured: set TOCSIN_NOTIFY_CONFIG or a sink variable"
                + " such as TOCSIN_NOTIFY_WEBHOOK_URL (docs/alerting.md)");
      }
    }

    @Override
    void start(Pipeline pipeline, Path dataDir, Map<String, String> settings) {
      pipeline.notifier(NotifierSettings.fromEnvironment(settings));
    }
  }

  /** Runs a standalone single-node KRaft broker. */
  @Command(name = "broker", description = "Run a single-node KRaft Kafka broker in this JVM.")
  static final class Broker implements Callable<Integer> {
    @Option(
        names = "--port",
        description = "Client port (default: TOCSIN_EMBEDDED_KAFKA_PORT, else 9092).")
    Integer port;

    @Option(
        names = "--controller-port",
        defaultValue = "9094",
        description = "KRaft controller port (default 9094; 9093 is Alertmanager's).")
    int controllerPort;

    @Mixin SharedOptions.DurationOption duration;
    @Mixin SharedOptions.ConfigFileOption config;

    @Override
    public Integer call() throws Exception {
      Map<String, String> settings = config.settings();
      LogFormat.apply(settings, System.getenv());
      int clientPort = port != null ? port : Settings.embeddedKafkaPort(settings);
      Pipeline pipeline = new Pipeline();
      EmbeddedKafkaBroker broker =
          EmbeddedKafkaBroker.start(dataDir(settings).resolve("kafka"), clientPort, controllerPort);
      pipeline.add(broker);
      System.out.println("Kafka broker ready on " + broker.bootstrapServers());
      awaitStop(pipeline, duration.duration);
      return 0;
    }
  }
}
