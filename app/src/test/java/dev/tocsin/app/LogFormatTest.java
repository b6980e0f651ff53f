package dev.tocsin.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusUtil;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogFormatTest {

  @Test
  void shouldWriteOneParsableJsonObjectPerLineWhenFormatIsJson() throws Exception {
    LoggerContext context = configure(Map.of("TOCSIN_LOG_FORMAT", "json"));
    ByteArrayOutputStream out = redirect(context, JsonEncoder.class);
    Logger log = context.getLogger("dev.tocsin.ingest.FeedPoller");

    log.warn("Feed {} failed: {}", "https://example.org/a.rss", "HTTP 503 \"Service Unavailable\"");
    log.warn("two\nlines\tand a tab; Корея 북한 \u2028 end");
    log.error(
        "Cannot publish",
        new IllegalStateException("outer", new java.io.IOException("inner\ncause")));
    context.stop();

    String[] lines = out.toString(StandardCharsets.UTF_8).split("\n", -1);
    assertThat(lines).hasSize(4); // three events, each ending in a newline
    assertThat(lines[3]).isEmpty();
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> events = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      events.add(json.readTree(lines[i]));
    }
    assertThat(events).allSatisfy(e -> assertThat(e.isObject()).isTrue());
    assertThat(events.get(0).get("level").asText()).isEqualTo("WARN");
    assertThat(events.get(0).get("loggerName").asText()).isEqualTo("dev.tocsin.ingest.FeedPoller");
    assertThat(events.get(0).get("formattedMessage").asText())
        .isEqualTo("Feed https://example.org/a.rss failed: HTTP 503 \"Service Unavailable\"");
    assertThat(events.get(1).get("formattedMessage").asText())
        .isEqualTo("two\nlines\tand a tab; Корея 북한 \u2028 end");
    JsonNode thrown = events.get(2).get("throwable");
    assertThat(thrown.get("className").asText()).isEqualTo("java.lang.IllegalStateException");
    assertThat(fieldNames(thrown)).contains("cause");
  }

  @Test
  void shouldWriteTextWhenFormatIsNotSet() throws Exception {
    LoggerContext context = configure(Map.of());
    ByteArrayOutputStream out = redirect(context, PatternLayoutEncoder.class);

    context.getLogger("dev.tocsin.app.Pipeline").warn("plain {}", "text");
    context.stop();

    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("WARN", "dev.tocsin.app.Pipeline", "plain text")
        .doesNotStartWith("{");
  }

  @Test
  void shouldLeaveOutTheKafkaStackTracesOfAFencedMemberButNotTheServicesOwnLine() throws Exception {
    LoggerContext context = configure(Map.of());
    ByteArrayOutputStream out = redirect(context, PatternLayoutEncoder.class);
    Exception fenced =
        new org.apache.kafka.streams.errors.StreamsException(
            new org.apache.kafka.common.errors.FencedInstanceIdException("another member"));

    context
        .getLogger("org.apache.kafka.streams.KafkaStreams")
        .error("Encountered the following exception during processing", fenced);
    context
        .getLogger("org.apache.kafka.streams.KafkaStreams")
        .error("client {} failed", "x", fenced);
    context.getLogger("dev.tocsin.platform.kafka.StreamsRunner").error("enrich stops: fenced");
    context
        .getLogger("org.apache.kafka.clients.NetworkClient")
        .error("other failure", new IllegalStateException("not fenced"));
    context.stop();

    assertThat(out.toString(StandardCharsets.UTF_8))
        .doesNotContain("FencedInstanceIdException")
        .doesNotContain("Encountered")
        .doesNotContain("client x failed")
        .contains("enrich stops: fenced")
        .contains("other failure");
  }

  @Test
  void shouldNameVariableAndValueWhenFormatIsUnknown() {
    assertThat(LogFormat.fromEnvironment(Map.of())).isEqualTo(LogFormat.TEXT);
    assertThat(LogFormat.fromEnvironment(Map.of("TOCSIN_LOG_FORMAT", "json")))
        .isEqualTo(LogFormat.JSON);
    assertThatThrownBy(() -> LogFormat.fromEnvironment(Map.of("TOCSIN_LOG_FORMAT", "xml")))
        .hasMessageContaining("TOCSIN_LOG_FORMAT")
        .hasMessageContaining("'xml'");
  }

  @Test
  void shouldConfigureLoggingAgainWhenTheConfigFileSetsTheLevelOrFormat() {
    LoggerContext context = (LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
    try {
      LogFormat.apply(Map.of("TOCSIN_LOG_LEVEL", "DEBUG"), Map.of());

      assertThat(context.getLogger("dev.tocsin").getLevel()).hasToString("DEBUG");
      assertThat(context.getLogger("org.apache.kafka").getLevel()).hasToString("ERROR");
    } finally {
      LogFormat.apply(Map.of("TOCSIN_LOG_LEVEL", "WARN"), Map.of());
    }
    assertThat(context.getLogger("dev.tocsin").getLevel()).hasToString("WARN");
    assertThatThrownBy(() -> LogFormat.apply(Map.of("TOCSIN_LOG_FORMAT", "xml"), Map.of()))
        .hasMessageContaining("TOCSIN_LOG_FORMAT");
  }

  /** Configures a fresh context from the shipped logback.xml; properties stand in for env. */
  private static LoggerContext configure(Map<String, String> properties) throws Exception {
    URL config = LogFormat.class.getResource("/logback.xml");
    assertThat(config).as("logback.xml on the class path").isNotNull();
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new LogbackMDCAdapter());
    properties.forEach(context::putProperty);
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(config);
    // A warning makes logback print its whole status list to stdout at start-up.
    assertThat(new StatusUtil(context).getHighestLevel(0))
        .as("logback status: %s", context.getStatusManager().getCopyOfStatusList())
        .isLessThan(Status.WARN);
    return context;
  }

  /** Returns what the root's only appender writes, after checking its encoder. */
  private static ByteArrayOutputStream redirect(LoggerContext context, Class<?> encoder) {
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
    root.iteratorForAppenders().forEachRemaining(appenders::add);
    assertThat(appenders).extracting(Appender::getName).containsExactly("CONSOLE");
    assertThat(((OutputStreamAppender<ILoggingEvent>) appenders.get(0)).getEncoder())
        .isInstanceOf(encoder);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ((OutputStreamAppender<ILoggingEvent>) appenders.get(0)).setOutputStream(out);
    return out;
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }
}
