package dev.tocsin.app;

import dev.tocsin.alerting.notify.NotifierSettings;
import dev.tocsin.alerting.surge.SurgeSettings;
import dev.tocsin.alerting.topology.AlertSettings;
import dev.tocsin.app.Setting.Type;
import dev.tocsin.app.console.ConsoleSettings;
import dev.tocsin.enrich.profile.WatchProfile;
import dev.tocsin.enrich.topology.EnrichSettings;
import dev.tocsin.ingest.IngestSettings;
import dev.tocsin.ingest.poll.PollPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Defines every setting of Tocsin and reads them from environment variables over an optional YAML
 * file, failing with a message that names the setting and its bad value.
 */
final class Settings {

  /** The environment variable naming the configuration file, when {@code --config} does not. */
  static final String CONFIG_VARIABLE = "TOCSIN_CONFIG";

  private static final Logger LOG = LoggerFactory.getLogger(Settings.class);
  private static final DurationConverter DURATIONS = new DurationConverter();

  /** Every setting, in the order of the documentation's table. */
  static final List<Setting> DEFINED =
      List.of(
          env(
              CONFIG_VARIABLE,
              null,
              "unset: no file",
              "YAML file of settings ([format](#configuration-file)); `--config FILE` wins over it",
              Type.TEXT),
          any(
              "TOCSIN_KAFKA_BOOTSTRAP_SERVERS",
              null,
              "unset: start an embedded single-node broker",
              "Kafka bootstrap servers, `host:port[,host:port...]`",
              Type.TEXT),
          any(
              "TOCSIN_EMBEDDED_KAFKA_PORT",
              Integer.toString(LocalKafka.DEFAULT_PORT),
              "a free port when it is taken",
              "loopback port of the embedded broker's client listener (`tocsin run`, `demo`,"
                  + " `ingest`, `enrich`, `alerting`), which they print at start; a command with no"
                  + " bootstrap servers uses the pipeline that answers there (or that the data"
                  + " directory's `kafka-bootstrap-servers` file names)",
              Type.PORT),
          any(
              "TOCSIN_TOPIC_PREFIX",
              "tocsin.",
              null,
              "prefix of every topic name, Streams application id and transactional id; letters,"
                  + " digits, `.`, `_`, `-`",
              Type.PREFIX),
          any(
              "TOCSIN_TOPIC_REPLICATION",
              "1",
              null,
              "replication factor of the topics Tocsin creates (compose with three brokers: `3`)",
              Type.POSITIVE_NUMBER),
          any(
              "TOCSIN_KAFKA_CLIENT_*",
              null,
              null,
              "passed to every Kafka client: the rest of the name, lower-cased, `_` becoming `.`"
                  + " (`TOCSIN_KAFKA_CLIENT_SECURITY_PROTOCOL=SASL_SSL` sets `security.protocol`;"
                  + " `TOCSIN_KAFKA_CLIENT_NUM_STANDBY_REPLICAS=1` gives enrich's and alerting's"
                  + " state stores a standby replica, `TOCSIN_KAFKA_CLIENT_NUM_STREAM_THREADS=2`"
                  + " a second Streams thread, `TOCSIN_KAFKA_CLIENT_COMMIT_INTERVAL_MS=500` a"
                  + " longer Streams commit interval than the default 50 ms: more throughput,"
                  + " more latency at each repartition hop)",
              Type.TEXT),
          any(
              "TOCSIN_DATA_DIR",
              "tocsin-data",
              "relative to the working directory; `/var/lib/tocsin` in the image",
              "Kafka Streams state (`streams/`) and the embedded broker's log (`kafka/`)",
              Type.TEXT),
          any(
              "TOCSIN_MANAGEMENT_ADDRESS",
              "127.0.0.1:8080",
              "`0.0.0.0:8080` in the image",
              "`host:port` of `/health/live`, `/health/ready`, `/metrics` and the operator console"
                  + " (`/`; `tocsin run`, `demo` and `alerting` serve it)",
              Type.HOST_PORT),
          any(
              "TOCSIN_CONSOLE_TOKEN",
              null,
              "unset: no sign-in, allowed only on a loopback management address",
              "token a browser gives to sign in to the operator console (or sends as `Authorization:"
                  + " Bearer`); required when the management address is not loopback",
              Type.TEXT),
          any(
              "TOCSIN_CONSOLE_WINDOW",
              "7d",
              null,
              "how far back the operator console keeps alerts, stories and delivery receipts in"
                  + " memory (rebuilt from the topics at start)",
              Type.DURATION),
          any(
              "TOCSIN_CONSOLE_STORIES",
              "2000",
              null,
              "the most recent stories the operator console keeps in memory",
              Type.POSITIVE_NUMBER),
          any(
              "TOCSIN_LOG_FORMAT",
              "text",
              "`json` in the image",
              "`text` (one line per event) or `json` (one JSON object per line: `timestamp` in"
                  + " epoch ms, `level`, `threadName`, `loggerName`, `mdc`, `formattedMessage`,"
                  + " `throwable`), on stderr",
              Type.oneOf("text", "json")),
          any(
              "TOCSIN_LOG_LEVEL",
              "WARN",
              "`INFO` in `deploy/tocsin.env`",
              "level of Tocsin's own loggers (`dev.tocsin.*`); Kafka's stay at `ERROR`",
              Type.oneOf("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF")),
          env(
              "TOCSIN_JAVA_OPTS",
              "-Xmx1g",
              "`-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError` in the image",
              "JVM options, read by the launcher script (`./tocsin`, the image), not by Tocsin",
              Type.TEXT),
          env(
              "TOCSIN_CDS",
              "on",
              null,
              "`off` starts the JVM without the class-data sharing archive the launcher script"
                  + " (`./tocsin`, the image) maps for a faster start",
              Type.oneOf("on", "off")),
          any(
              "TOCSIN_INSTANCE_ID",
              null,
              "the host name",
              "names an ingest instance in the `<prefix>ingest` consumer group (static"
                  + " membership) and its transactions; keep it stable across restarts and unique"
                  + " among instances",
              Type.NAME),
          any(
              "TOCSIN_INGEST_WORKERS",
              "16",
              null,
              "feeds fetched at once by one instance",
              Type.POSITIVE_NUMBER),
          any(
              "TOCSIN_INGEST_PER_HOST_LIMIT",
              "2",
              null,
              "fetches of one host at once",
              Type.POSITIVE_NUMBER),
          any(
              "TOCSIN_INGEST_MIN_INTERVAL",
              "1m",
              null,
              "shortest interval between two polls of a feed",
              Type.DURATION),
          any(
              "TOCSIN_INGEST_MAX_INTERVAL",
              "1h",
              null,
              "longest interval between two polls of a healthy feed",
              Type.DURATION),
          any(
              "TOCSIN_INGEST_MAX_BACKOFF",
              "6h",
              null,
              "longest delay after consecutive failures",
              Type.DURATION),
          any(
              "TOCSIN_INGEST_MAX_RETRY_AFTER",
              "1d",
              null,
              "longest `Retry-After` honoured",
              Type.DURATION),
          any(
              "TOCSIN_INGEST_CONNECT_TIMEOUT",
              "10s",
              null,
              "TCP and TLS connect timeout",
              Type.DURATION),
          any(
              "TOCSIN_INGEST_REQUEST_TIMEOUT",
              "30s",
              null,
              "whole-request deadline",
              Type.DURATION),
          any(
              "TOCSIN_INGEST_MAX_BODY_BYTES",
              "10485760",
              null,
              "largest feed body accepted, after decompression",
              Type.POSITIVE_NUMBER),
          any(
              "TOCSIN_INGEST_ALLOWED_ADDRESSES",
              null,
              "empty",
              "comma-separated CIDR blocks (or `loopback`) exempt from the private-address guard,"
                  + " e.g. an internal feed proxy",
              Type.LIST),
          any(
              "TOCSIN_ENRICH_DEDUP_RETENTION",
              "48h",
              null,
              "how long enrich's index remembers stories (ids, fingerprints, gists, clusters):"
                  + " older copies count as new stories; the index's heap grows with the stories"
                  + " in this window (about 2 KB a story, see docs/performance.md)",
              Type.DURATION),
          any(
              "TOCSIN_ENRICH_STANDBY_REPLICAS",
              "0",
              null,
              "Kafka Streams standby replicas of enrich's state stores: with 1, a second instance"
                  + " keeps a warm copy and takes over without replaying the changelogs; a positive"
                  + " value wins over `TOCSIN_KAFKA_CLIENT_NUM_STANDBY_REPLICAS`",
              Type.oneOf("0", "1", "2", "3")),
          any(
              "TOCSIN_ENRICH_INDEX_PARTITIONS",
              "1",
              null,
              "partitions of enrich's index topic; each watch's stories are judged by one index"
                  + " task, so more than one pays only with several watches (shard by watch)",
              Type.POSITIVE_NUMBER),
          any(
              "TOCSIN_ENRICH_CLUSTER_MEMBERS",
              "100",
              null,
              "members a cluster record lists; past them it keeps counts, outlets, languages and"
                  + " independent sources only, so a busy story's record stays small",
              Type.POSITIVE_NUMBER),
          any(
              "TOCSIN_ALERTING_QUIET_PERIOD",
              "24h",
              null,
              "an alert whose cluster has had no new story for this long is resolved (RESOLVED on"
                  + " `tocsin.alerts`; PagerDuty and Alertmanager resolve it too); a cluster that"
                  + " comes back fires again with the next version",
              Type.DURATION),
          any(
              "TOCSIN_ALERTING_RUNBOOK_URL",
              null,
              "unset: no link",
              "runbook link put on every alert (`runbookUrl`; Slack shows it, Alertmanager gets"
                  + " it as the `runbook_url` annotation)",
              Type.URL),
          any(
              "TOCSIN_NOTIFY_CONFIG",
              null,
              "unset: sinks from the variables below",
              "the notifier's own YAML file: sinks, routes, retries ([alerting.md](alerting.md));"
                  + " when set, the `TOCSIN_NOTIFY_*` sink variables below are not read",
              Type.TEXT),
          any(
              "TOCSIN_NOTIFY_WEBHOOK_URL",
              null,
              "unset",
              "URL of the webhook sink `webhook` (JSON `POST`)",
              Type.URL),
          any(
              "TOCSIN_NOTIFY_WEBHOOK_SECRET",
              null,
              "unset: unsigned",
              "HMAC-SHA256 key that signs each webhook request (also `tocsin demo --webhook`)",
              Type.TEXT),
          any(
              "TOCSIN_NOTIFY_SLACK_URL",
              null,
              "unset",
              "Slack incoming-webhook URL of the sink `slack`",
              Type.URL),
          any(
              "TOCSIN_NOTIFY_PAGERDUTY_ROUTING_KEY",
              null,
              "unset",
              "PagerDuty Events v2 routing key of the sink `pagerduty`",
              Type.TEXT),
          any(
              "TOCSIN_NOTIFY_PAGERDUTY_URL",
              "https://events.pagerduty.com/v2/enqueue",
              null,
              "PagerDuty Events v2 endpoint",
              Type.URL),
          any(
              "TOCSIN_NOTIFY_ALERTMANAGER_URL",
              null,
              "unset",
              "Alertmanager base URL of the sink `alertmanager`",
              Type.URL),
          any(
              "TOCSIN_ALERTMANAGER_URL",
              null,
              "unset",
              "the same, under the name the compose file sets on `alerting`"
                  + " (`http://alertmanager:9093`); `TOCSIN_NOTIFY_ALERTMANAGER_URL` wins",
              Type.URL),
          any(
              "TOCSIN_NOTIFY_ALERTMANAGER_RESEND",
              "1m",
              null,
              "how often firing alerts are posted to Alertmanager again",
              Type.DURATION),
          any(
              "TOCSIN_NOTIFY_SMTP_HOST",
              null,
              "unset",
              "SMTP server of the email sink `email`",
              Type.TEXT),
          any("TOCSIN_NOTIFY_SMTP_PORT", "25", null, "SMTP port", Type.PORT),
          any(
              "TOCSIN_NOTIFY_SMTP_STARTTLS",
              "false",
              null,
              "`true` to require STARTTLS",
              Type.oneOf("true", "false")),
          any("TOCSIN_NOTIFY_SMTP_USERNAME", null, "unset", "SMTP user name", Type.TEXT),
          any("TOCSIN_NOTIFY_SMTP_PASSWORD", null, "unset", "SMTP password", Type.TEXT),
          any(
              "TOCSIN_NOTIFY_EMAIL_FROM",
              null,
              "unset",
              "sender address of alert emails",
              Type.TEXT),
          any(
              "TOCSIN_NOTIFY_EMAIL_TO",
              null,
              "unset",
              "comma-separated recipients of alert emails",
              Type.LIST),
          any(
              "TOCSIN_NOTIFY_MIN_LEVEL",
              "info",
              null,
              "lowest alert level delivered: `info`, `elevated`, `high` or `critical`",
              Type.oneOf("info", "elevated", "high", "critical")),
          any(
              "TOCSIN_NOTIFY_MAX_AGE",
              "1h",
              null,
              "how long a delivery is retried before it goes to `tocsin.alerts.dlq`",
              Type.DURATION),
          any(
              "TOCSIN_NOTIFY_REPEAT_INTERVAL",
              "4h",
              null,
              "a still-firing alert is notified again after this long, not more often (routes in"
                  + " `TOCSIN_NOTIFY_CONFIG` may set their own)",
              Type.DURATION),
          any(
              "TOCSIN_NOTIFY_INHIBIT",
              "default",
              null,
              "`default`: a high or critical alert holds back info and elevated notifications of"
                  + " the same cluster; `off`: no inhibition",
              Type.oneOf("default", "off")),
          any(
              "TOCSIN_NOTIFY_GROUP_BY",
              "profile,eventType",
              null,
              "alert fields and labels whose equal values group alerts into one webhook, Slack or"
                  + " email notification; `none`: one notification per alert",
              Type.LIST),
          any(
              "TOCSIN_NOTIFY_GROUP_WAIT",
              "30s",
              null,
              "how long a new group collects alerts before its first notification",
              Type.DURATION),
          any(
              "TOCSIN_NOTIFY_GROUP_INTERVAL",
              "5m",
              null,
              "how long a group waits before notifying alerts added to it since",
              Type.DURATION),
          any(
              "TOCSIN_NOTIFY_INSTANCE_ID",
              "0",
              null,
              "distinguishes notifier instances' transactional ids",
              Type.NAME));

  private Settings() {}

  private static Setting any(
      String name, String defaultValue, String note, String meaning, Type type) {
    return new Setting(name, defaultValue, note, meaning, type, Setting.Source.ANY);
  }

  private static Setting env(
      String name, String defaultValue, String note, String meaning, Type type) {
    return new Setting(name, defaultValue, note, meaning, type, Setting.Source.ENVIRONMENT);
  }

  /** Returns the setting that {@code variable} sets, if any. */
  static Optional<Setting> defined(String variable) {
    return DEFINED.stream().filter(s -> s.matches(variable)).findFirst();
  }

  /**
   * Returns the settings in force: those of the YAML file ({@code file}, else the one {@code
   * TOCSIN_CONFIG} names, else none) under the environment's, every one checked. Throws a {@link
   * ConfigException} naming the setting and the bad value, or the file's line, when one is wrong.
   */
  static Map<String, String> load(Path file, Map<String, String> env) {
    String named = env.get(CONFIG_VARIABLE);
    Path source = file != null ? file : blank(named) ? null : Path.of(named.strip());
    Map<String, String> config = new HashMap<>();
    if (source != null) {
      config.putAll(ConfigFile.read(source));
    }
    env.forEach(
        (name, value) -> {
          if (!blank(value) || !config.containsKey(name)) {
            config.put(name, value);
          }
          // Not an error: the environment holds variables of other programs, and of launchers.
          if (name.startsWith("TOCSIN_") && defined(name).isEmpty()) {
            LOG.warn("The environment variable {} names no setting of Tocsin: ignored", name);
          }
        });
    check(config);
    return Map.copyOf(config);
  }

  /**
   * Checks every Tocsin setting in {@code config}: each value against its type, then each service's
   * settings as a whole, so that a bad one stops the command before anything starts.
   */
  static void check(Map<String, String> config) {
    try {
      config.forEach(
          (name, value) -> {
            if (!blank(value)) {
              defined(name).ifPresent(s -> s.check(name, value));
            }
          });
      LogFormat.fromEnvironment(config);
      TocsinCommand.kafkaFromEnvironment(config);
      TocsinCommand.managementAddress(config);
      console(config);
      ingest(config);
      enrich(config);
      alerting(config);
      NotifierSettings.fromEnvironment(config);
      if (!blank(config.get("TOCSIN_INSTANCE_ID"))) {
        instanceId(config);
      }
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage(), e);
    }
  }

  // Reading a setting that DEFINED lacks is a bug: it would be missing from the docs and the file.
  private static String requireDefined(String name) {
    if (defined(name).isEmpty()) {
      throw new IllegalStateException(name + " is not in Settings.DEFINED");
    }
    return name;
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  /** The ingest settings: {@code TOCSIN_INGEST_*} over {@link IngestSettings#defaults()}. */
  static IngestSettings ingest(Map<String, String> env) {
    IngestSettings d = IngestSettings.defaults();
    PollPolicy p = d.policy();
    try {
      PollPolicy policy =
          new PollPolicy(
              duration(env, "TOCSIN_INGEST_MIN_INTERVAL", p.minInterval()),
              duration(env, "TOCSIN_INGEST_MAX_INTERVAL", p.maxInterval()),
              duration(env, "TOCSIN_INGEST_MAX_BACKOFF", p.maxBackoff()),
              duration(env, "TOCSIN_INGEST_MAX_RETRY_AFTER", p.maxRetryAfter()));
      return new IngestSettings(
          policy,
          integer(env, "TOCSIN_INGEST_WORKERS", d.workers()),
          integer(env, "TOCSIN_INGEST_PER_HOST_LIMIT", d.perHostLimit()),
          duration(env, "TOCSIN_INGEST_CONNECT_TIMEOUT", d.connectTimeout()),
          duration(env, "TOCSIN_INGEST_REQUEST_TIMEOUT", d.requestTimeout()),
          integer(env, "TOCSIN_INGEST_MAX_BODY_BYTES", d.maxBodyBytes()),
          list(env, "TOCSIN_INGEST_ALLOWED_ADDRESSES"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Invalid ingest settings: " + e.getMessage(), e);
    }
  }

  /**
   * The enrich settings: {@code TOCSIN_ENRICH_DEDUP_RETENTION}, {@code
   * TOCSIN_ENRICH_STANDBY_REPLICAS}, {@code TOCSIN_ENRICH_INDEX_PARTITIONS} and {@code
   * TOCSIN_ENRICH_CLUSTER_MEMBERS} over the defaults.
   */
  static EnrichSettings enrich(Map<String, String> env) {
    EnrichSettings d = EnrichSettings.defaults();
    Duration retention = duration(env, "TOCSIN_ENRICH_DEDUP_RETENTION", d.dedupRetention());
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException(
          "TOCSIN_ENRICH_DEDUP_RETENTION must be positive: '" + retention + "'");
    }
    int standbys = integer(env, "TOCSIN_ENRICH_STANDBY_REPLICAS", d.standbyReplicas());
    if (standbys < 0) {
      throw new IllegalArgumentException(
          "TOCSIN_ENRICH_STANDBY_REPLICAS must not be negative: '" + standbys + "'");
    }
    int partitions = integer(env, "TOCSIN_ENRICH_INDEX_PARTITIONS", d.indexPartitions());
    if (partitions < 1) {
      throw new IllegalArgumentException(
          "TOCSIN_ENRICH_INDEX_PARTITIONS must be positive: '" + partitions + "'");
    }
    int members = integer(env, "TOCSIN_ENRICH_CLUSTER_MEMBERS", d.clusterMembers());
    if (members < 1) {
      throw new IllegalArgumentException(
          "TOCSIN_ENRICH_CLUSTER_MEMBERS must be positive: '" + members + "'");
    }
    return d.withDedupRetention(retention)
        .withStandbyReplicas(standbys)
        .withIndexPartitions(partitions)
        .withClusterMembers(members);
  }

  /**
   * The alerting settings: {@code TOCSIN_ALERTING_QUIET_PERIOD} over the defaults, surges from the
   * watch profile's {@code surge:} section.
   */
  static AlertSettings alerting(Map<String, String> env) {
    AlertSettings defaults = AlertSettings.defaults();
    AlertSettings d = defaults.withSurge(surge(defaults.profileId()));
    String runbook = env.get(requireDefined("TOCSIN_ALERTING_RUNBOOK_URL"));
    if (runbook != null && !runbook.isBlank()) {
      d = d.withPolicy(d.policy().withRunbookUrl(runbook.strip()));
    }
    try {
      return d.withQuietPeriod(duration(env, "TOCSIN_ALERTING_QUIET_PERIOD", d.quietPeriod()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("TOCSIN_ALERTING_QUIET_PERIOD: " + e.getMessage(), e);
    }
  }

  /** The {@code surge:} section of the bundled watch profile {@code profileId}. */
  static SurgeSettings surge(String profileId) {
    String resource = "/profiles/" + profileId + ".yaml";
    try (InputStream in = WatchProfile.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no bundled profile named '" + profileId + "'");
      }
      return SurgeSettings.fromProfile(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read profile " + resource, e);
    }
  }

  /** {@code TOCSIN_CONSOLE_*}: the operator console's token, window and size. */
  static ConsoleSettings console(Map<String, String> env) {
    return new ConsoleSettings(
        env.get(requireDefined("TOCSIN_CONSOLE_TOKEN")),
        duration(env, "TOCSIN_CONSOLE_WINDOW", Duration.ofDays(7)),
        integer(env, "TOCSIN_CONSOLE_STORIES", 2000));
  }

  /** {@code TOCSIN_EMBEDDED_KAFKA_PORT}: the embedded broker's preferred client port. */
  static int embeddedKafkaPort(Map<String, String> env) {
    return integer(env, "TOCSIN_EMBEDDED_KAFKA_PORT", LocalKafka.DEFAULT_PORT);
  }

  /** {@code TOCSIN_INSTANCE_ID}, else the host name: stable across restarts of one host. */
  static String instanceId(Map<String, String> env) {
    String id = env.get(requireDefined("TOCSIN_INSTANCE_ID"));
    if (id != null && !id.isBlank()) {
      if (!id.matches("[A-Za-z0-9._-]{1,100}")) {
        throw new IllegalArgumentException(
            "TOCSIN_INSTANCE_ID may hold letters, digits, '.', '_' and '-' only: '" + id + "'");
      }
      return id;
    }
    try {
      return InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._-]", "-");
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(
          "Set TOCSIN_INSTANCE_ID: the host name is unavailable (" + e.getMessage() + ")", e);
    }
  }

  static Duration duration(Map<String, String> env, String name, Duration fallback) {
    return parse(env, name, fallback, DURATIONS::convert, "a duration such as 30s, 5m or PT1H");
  }

  static int integer(Map<String, String> env, String name, int fallback) {
    return parse(env, name, fallback, Integer::parseInt, "a whole number");
  }

  static long integer(Map<String, String> env, String name, long fallback) {
    return parse(env, name, fallback, Long::parseLong, "a whole number");
  }

  static List<String> list(Map<String, String> env, String name) {
    String value = env.get(requireDefined(name));
    if (value == null || value.isBlank()) {
      return List.of();
    }
    return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private static <T> T parse(
      Map<String, String> env, String name, T fallback, Function<String, T> parser, String what) {
    String value = env.get(requireDefined(name));
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return parser.apply(value.strip());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(name + " must be " + what + ": '" + value + "'", e);
    }
  }
}
