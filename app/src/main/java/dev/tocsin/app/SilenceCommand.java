package dev.tocsin.app;

import dev.tocsin.alerting.mute.AlertMatcher;
import dev.tocsin.alerting.mute.SilenceState;
import dev.tocsin.alerting.mute.SilenceStore;
import dev.tocsin.platform.kafka.KafkaSettings;
import dev.tocsin.platform.kafka.TopicProvisioner;
import dev.tocsin.schemas.Matcher;
import dev.tocsin.schemas.Silence;
import dev.tocsin.schemas.Topics;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code tocsin silence add|list|expire}: silences on the compacted silences topic. */
@Command(
    name = "silence",
    mixinStandardHelpOptions = true,
    description = "Hold back notifications of matching alerts for a while (add, list, expire).",
    subcommands = {
      SilenceCommand.Add.class,
      SilenceCommand.ListSilences.class,
      SilenceCommand.Expire.class,
      CommandLine.HelpCommand.class
    })
final class SilenceCommand implements Runnable {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static SilenceStore store(TopicsCommand.KafkaOptions kafka) {
    KafkaSettings settings = kafka.settings();
    Topics topics = Topics.withPrefix(settings.topicPrefix());
    TopicProvisioner.ensure(
        settings.clientConfig(), List.of(topics.silences()), settings.replicationFactor());
    return new SilenceStore(settings.clientConfig(), topics, Clock.systemUTC());
  }

  /** Adds a silence. */
  @Command(
      name = "add",
      description = "Silence the alerts matching every --matcher, from --starts (default now).")
  static final class Add implements Callable<Integer> {
    @Mixin TopicsCommand.KafkaOptions kafka;
    @Spec CommandSpec spec;

    @Option(
        names = {"-m", "--matcher"},
        required = true,
        paramLabel = "MATCHER",
        converter = MatcherConverter.class,
        description =
            "name=value, name!=value, name=~regex or name!~regex (full match); name is alertKey,"
                + " level, kind, status, eventType, profile, clusterId or a label; repeatable,"
                + " all must match.")
    List<AlertMatcher> matchers = new ArrayList<>();

    @ArgGroup(multiplicity = "1")
    End end;

    /** Either a span or an end instant. */
    static final class End {
      @Option(names = "--duration", description = "How long, e.g. 2h, 90m, 1d.")
      Duration duration;

      @Option(names = "--ends", description = "When it ends, e.g. 2026-11-27T09:00:00Z.")
      Instant ends;
    }

    @Option(names = "--starts", description = "When it starts (default now).")
    Instant starts;

    @Option(
        names = "--author",
        description = "Who asks for it (default: $USER, else the login name).")
    String author;

    @Option(names = "--comment", required = true, description = "Why, e.g. a ticket.")
    String comment;

    @Override
    public Integer call() {
      Instant from = starts != null ? starts : Instant.now();
      if (end.duration != null && (end.duration.isNegative() || end.duration.isZero())) {
        throw CommandFailure.badInput("--duration must be positive: " + end.duration);
      }
      Instant until = end.ends != null ? end.ends : from.plus(end.duration);
      // Checked here as the store would, so that bad input is told before Kafka is looked for.
      if (!until.isAfter(from) || !until.isAfter(Instant.now())) {
        throw CommandFailure.badInput(
            "A silence must end in the future and after it starts: --ends " + until);
      }
      String who =
          author != null
              ? author
              : System.getenv().getOrDefault("USER", System.getProperty("user.name", ""));
      if (who.isBlank()) {
        throw CommandFailure.badInput("Give --author NAME: USER is not set");
      }
      Silence silence = store(kafka).add(matchers, starts, until, who, comment);
      PrintWriter out = spec.commandLine().getOut();
      out.println(silence.getId());
      out.flush();
      return 0;
    }
  }

  /** Reads a matcher, rejecting a bad one with the reason (e.g. the regex error). */
  static final class MatcherConverter implements ITypeConverter<AlertMatcher> {
    @Override
    public AlertMatcher convert(String value) {
      try {
        return AlertMatcher.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** Prints the silences. */
  @Command(name = "list", description = "Print the active and pending silences.")
  static final class ListSilences implements Callable<Integer> {
    @Mixin TopicsCommand.KafkaOptions kafka;
    @Spec CommandSpec spec;

    @Option(names = "--all", description = "Include expired silences.")
    boolean all;

    @Override
    public Integer call() {
      Instant now = Instant.now();
      List<List<String>> rows = new ArrayList<>();
      rows.add(List.of("ID", "STATE", "MATCHERS", "STARTS", "ENDS", "AUTHOR", "COMMENT"));
      int shown = 0;
      for (Silence s :
          store(kafka).all().values().stream()
              .sorted(Comparator.comparing(Silence::getStartsAt).thenComparing(Silence::getId))
              .toList()) {
        SilenceState state = SilenceState.of(s, now);
        if (state == SilenceState.EXPIRED && !all) {
          continue;
        }
        shown++;
        rows.add(
            List.of(
                s.getId(),
                state.name().toLowerCase(Locale.ROOT),
                matchers(s.getMatchers()),
                TIME.format(s.getStartsAt()),
                TIME.format(s.getEndsAt()),
                s.getCreatedBy(),
                s.getComment().replaceAll("\\s+", " ")));
      }
      PrintWriter out = spec.commandLine().getOut();
      Table.print(out, rows);
      out.println(shown + " silences");
      out.flush();
      return 0;
    }

    private static String matchers(List<Matcher> matchers) {
      return matchers.stream()
          .map(m -> AlertMatcher.of(m.getName(), m.getValue(), m.getRegex(), m.getEqual()))
          .map(AlertMatcher::toString)
          .collect(Collectors.joining(","));
    }
  }

  /** Expires a silence, keeping its record. */
  @Command(name = "expire", description = "End a silence now; its record stays for the audit.")
  static final class Expire implements Callable<Integer> {
    @Mixin TopicsCommand.KafkaOptions kafka;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "The silence's id, as add printed it.")
    String id;

    @Override
    public Integer call() {
      Optional<Silence> expired = store(kafka).expire(id);
      if (expired.isEmpty()) {
        spec.commandLine().getErr().println("No such silence: " + id);
        spec.commandLine().getErr().flush();
        return 1;
      }
      spec.commandLine()
          .getOut()
          .println("Expired " + id + " at " + TIME.format(expired.get().getEndsAt()));
      spec.commandLine().getOut().flush();
      return 0;
    }
  }
}
