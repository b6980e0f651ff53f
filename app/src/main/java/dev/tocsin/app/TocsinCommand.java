package dev.tocsin.app;

import dev.tocsin.alerting.notify.NotifierSettings;
import dev.tocsin.enrich.topology.EnrichSettings;
import dev.tocsin.ingest.IngestSettings;
import dev.tocsin.ingest.registry.FeedRegistryFile;
import dev.tocsin.platform.kafka.EmbeddedKafkaBroker;
import dev.tocsin.platform.kafka.KafkaSettings;
import dev.tocsin.schemas.Feed;
import java.io.PrintWriter;
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
    description = "Turns news feeds into explained escalation alerts, on Apache Kafka.")
public final class TocsinCommand implements Callable<Integer> {

  /**
   * The subcommands in the order the usage lists them. Picocli reads each one's options through
   * reflection when it is added, which is most of a short command's start-up, so {@link #main} adds
   * only the one the command line names.
   */
  static final List<Class<?>> SUBCOMMANDS =
      List.of(
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
          CommandLine.HelpCommand.class);

  private static final Logger LOG = LoggerFactory.getLogger(TocsinCommand.class);

  @Option(
      names = "--verbose",
      scope = CommandLine.ScopeType.INHERIT,
      description = "When the command fails, print the error's stack trace too.")
  boolean verbose;

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.exit(commandLine(args).execute(args));
  }

  /**
   * The command line for {@code args}: when the first argument names a subcommand other than {@code
   * help}, with that subcommand alone (no other could match); otherwise, as for the usage, {@code
   * help} and suggestions after a typo, with every subcommand.
   */
  static CommandLine commandLine(String... args) {
    String first = args.length > 0 ? args[0] : "";
    Class<?> named = null;
    for (Class<?> subcommand : SUBCOMMANDS) {
      Command command = subcommand.getAnnotation(Command.class);
      if (subcommand != CommandLine.HelpCommand.class
          && (command.name().equals(first) || List.of(command.aliases()).contains(first))) {
        named = subcommand;
      }
    }
    CommandLine cli = new CommandLine(new TocsinCommand());
    for (Class<?> subcommand : named != null ? List.<Class<?>>of(named) : SUBCOMMANDS) {
      cli.addSubcommand(subcommand);
    }
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
        Settings.console(settings).checkExposure(Settings.managementAddress(settings));
      }
      Pipeline pipeline = new Pipeline();
      Path dataDir = Settings.dataDir(settings);
      int port = Settings.embeddedKafkaPort(settings);
      pipeline.kafka(
          KafkaSettings.fromEnvironment(settings),
          dataDir,
          port,
          KafkaSettings.instanceIdFrom(settings));
      pipeline
          .embeddedBroker()
          .ifPresent(
              broker ->
                  System.out.println(
                      "tocsin "
                          + spec.name()
                          + ": "
                          + embeddedNotice(broker.bootstrapServers(), port, true)));
      pipeline.management(Settings.managementAddress(settings));
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
      pipeline.console(
          Settings.console(settings), IngestSettings.fromEnvironment(settings).guard());
      pipeline.enrich(EnrichSettings.fromEnvironment(settings), dataDir);
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
    pipeline.ingest(IngestSettings.fromEnvironment(env), declared);
  }

  /** Runs the enrichment Streams application alone. */
  @Command(name = "enrich", description = "Run the enrichment Kafka Streams application.")
  static final class Enrich extends ServiceCommand {
    @Override
    void start(Pipeline pipeline, Path dataDir, Map<String, String> settings) {
      pipeline.enrich(EnrichSettings.fromEnvironment(settings), dataDir);
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
      pipeline.console(
          Settings.console(settings), IngestSettings.fromEnvironment(settings).guard());
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
          EmbeddedKafkaBroker.start(
              Settings.dataDir(settings).resolve("kafka"), clientPort, controllerPort);
      pipeline.add(broker);
      System.out.println("Kafka broker ready on " + broker.bootstrapServers());
      awaitStop(pipeline, duration.duration);
      return 0;
    }
  }
}
