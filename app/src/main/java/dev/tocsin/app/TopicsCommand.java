package dev.tocsin.app;

import dev.tocsin.platform.kafka.KafkaSettings;
import dev.tocsin.platform.kafka.TopicProvisioner;
import dev.tocsin.schemas.AvroSerde;
import dev.tocsin.schemas.Topic;
import dev.tocsin.schemas.Topics;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Creates and describes the catalogue's topics on the configured Kafka cluster. */
@Command(
    name = "topics",
    description = "Create or describe Tocsin's topics.",
    subcommands = {TopicsCommand.Init.class, TopicsCommand.Describe.class})
final class TopicsCommand {

  /** Options shared by the topics subcommands. */
  static class KafkaOptions {
    private static final Duration CONFIGURED_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration LOCAL_TIMEOUT = Duration.ofSeconds(5);

    @Option(
        names = "--bootstrap-servers",
        description =
            "Kafka bootstrap servers (default: TOCSIN_KAFKA_BOOTSTRAP_SERVERS, else the local"
                + " pipeline that tocsin run started); wins over the variable and --config.")
    String bootstrapServers;

    @Mixin SharedOptions.ConfigFileOption config;

    /** Returns the settings in force: the file's, under the environment's, under the options'. */
    Map<String, String> config() {
      Map<String, String> env = new HashMap<>(config.settings());
      if (bootstrapServers != null) {
        env.put("TOCSIN_KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
      }
      return env;
    }

    /**
     * Returns the Kafka to use: the configured one, else the local pipeline's; fails with the fix
     * when it does not answer or none is found.
     */
    KafkaSettings settings() {
      Map<String, String> config = config();
      KafkaSettings configured = KafkaSettings.fromEnvironment(config);
      if (configured != null) {
        LocalKafka.problem(configured.clientConfig(), CONFIGURED_TIMEOUT)
            .ifPresent(
                problem -> {
                  throw CommandFailure.kafkaUnavailable(
                      "Cannot reach Kafka: "
                          + problem
                          + " (set by "
                          + (bootstrapServers != null
                              ? "--bootstrap-servers"
                              : "TOCSIN_KAFKA_BOOTSTRAP_SERVERS")
                          + ")");
                });
        return configured;
      }
      List<String> candidates =
          LocalKafka.candidates(Settings.dataDir(config), Settings.embeddedKafkaPort(config));
      Map<String, String> local = new HashMap<>(config);
      local.put("TOCSIN_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + LocalKafka.DEFAULT_PORT);
      KafkaSettings defaults = KafkaSettings.fromEnvironment(local);
      String found =
          LocalKafka.find(candidates, defaults.clientConfig(), LOCAL_TIMEOUT)
              .orElseThrow(
                  () ->
                      CommandFailure.kafkaUnavailable(
                          "No Kafka configured and no local pipeline answers on "
                              + String.join(" or ", candidates)
                              + ": start one with 'tocsin run', or set"
                              + " TOCSIN_KAFKA_BOOTSTRAP_SERVERS or pass --bootstrap-servers"));
      local.put("TOCSIN_KAFKA_BOOTSTRAP_SERVERS", found);
      return KafkaSettings.fromEnvironment(local);
    }
  }

  /** Creates every missing catalogue topic (the compose deployment's one-shot init). */
  @Command(name = "init", description = "Create every missing topic of the catalogue.")
  static final class Init implements Callable<Integer> {
    @Mixin KafkaOptions kafka;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      KafkaSettings settings = kafka.settings();
      Topics topics = Topics.withPrefix(settings.topicPrefix());
      List<String> created =
          TopicProvisioner.ensure(
              settings.clientConfig(), topics.all(), settings.replicationFactor());
      PrintWriter out = spec.commandLine().getOut();
      out.println(
          created.isEmpty() ? "All topics exist." : "Created " + String.join(", ", created));
      out.flush();
      return 0;
    }
  }

  /** Prints each catalogue topic with its partitions, configs and value schema fingerprints. */
  @Command(
      name = "describe",
      description = "Print the topics with their configs and schema fingerprints.")
  static final class Describe implements Callable<Integer> {
    @Mixin KafkaOptions kafka;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      KafkaSettings settings = kafka.settings();
      Topics topics = Topics.withPrefix(settings.topicPrefix());
      PrintWriter out = spec.commandLine().getOut();
      try (Admin admin = Admin.create(settings.clientConfig())) {
        Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        List<String> present =
            topics.all().stream().map(Topic::name).filter(existing::contains).toList();
        Map<String, TopicDescription> descriptions =
            admin.describeTopics(present).allTopicNames().get(30, TimeUnit.SECONDS);
        Map<ConfigResource, Config> configs =
            admin
                .describeConfigs(
                    present.stream()
                        .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n))
                        .toList())
                .all()
                .get(30, TimeUnit.SECONDS);
        for (Topic<String, ?> topic : topics.all()) {
          out.println(topic.name());
          TopicDescription d = descriptions.get(topic.name());
          if (d == null) {
            out.println("  MISSING (run: tocsin topics init)");
          } else {
            out.printf(
                "  partitions %d, replication %d%n",
                d.partitions().size(), d.partitions().get(0).replicas().size());
            Config config =
                configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()));
            Map<String, String> set = new TreeMap<>();
            for (ConfigEntry e : config.entries()) {
              if (e.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG) {
                set.put(e.name(), e.value());
              }
            }
            out.println("  configs " + set);
          }
          out.println("  key: UTF-8 string; value: " + valueSchema(topic));
        }
      }
      out.flush();
      return 0;
    }

    private static String valueSchema(Topic<String, ?> topic) {
      return topic
          .avroSerde()
          .map(
              serde -> {
                var schema = SpecificData.get().getSchema(serde.type());
                Collection<org.apache.avro.Schema> versions =
                    dev.tocsin.schemas.SchemaHistory.versions(schema.getName());
                return schema.getFullName()
                    + " (single-object Avro); fingerprints "
                    + versions.stream()
                        .map(AvroSerde::fingerprint)
                        .collect(Collectors.joining(", ", "[", "]"));
              })
          .orElse("JSON schema versions, keyed by fingerprint");
    }
  }
}
