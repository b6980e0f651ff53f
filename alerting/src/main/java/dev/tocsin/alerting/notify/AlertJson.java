package dev.tocsin.alerting.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tocsin.schemas.EscalationAlert;
import dev.tocsin.schemas.Surge;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/** Renders an alert as JSON: every field of the Avro record under its own name. */
public final class AlertJson {

  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private AlertJson() {}

  /** Returns the webhook body: the alert's fields plus its idempotency key. */
  public static String webhookBody(EscalationAlert alert, String idempotencyKey) {
    ObjectNode body = toJson(alert);
    body.put("idempotencyKey", idempotencyKey);
    return write(body);
  }

  /**
   * Returns the webhook body of a group notification: {@code groupKey}, {@code groupLabels}, {@code
   * idempotencyKey} and {@code alerts}, each alert with every field plus its own idempotency key.
   */
  public static String webhookGroupBody(GroupNotification group) {
    ObjectNode body = NODES.objectNode();
    body.put("groupKey", group.groupKey());
    ObjectNode labels = body.putObject("groupLabels");
    group.groupLabels().forEach(labels::put);
    body.put("idempotencyKey", group.idempotencyKey());
    ArrayNode alerts = body.putArray("alerts");
    for (int i = 0; i < group.alerts().size(); i++) {
      alerts.add(toJson(group.alerts().get(i)).put("idempotencyKey", group.alertKeys().get(i)));
    }
    return write(body);
  }

  /** Returns the alert as a JSON object; times are ISO-8601 instants, enums their symbols. */
  public static ObjectNode toJson(IndexedRecord record) {
    ObjectNode node = NODES.objectNode();
    for (Schema.Field field : record.getSchema().getFields()) {
      node.set(field.name(), value(record.get(field.pos())));
    }
    return node;
  }

  /** Returns a surge window's figures in one line, or null when the alert is not a surge. */
  public static String surgeLine(EscalationAlert alert) {
    Surge surge = alert.getSurge();
    if (surge == null) {
      return null;
    }
    return String.format(
        Locale.ROOT,
        "%s: %d in %s – %s, threshold %.1f (baseline %.1f ± %.1f, %s)",
        surge.getSeries(),
        surge.getCount(),
        surge.getWindowStart(),
        surge.getWindowEnd(),
        surge.getThreshold(),
        surge.getBaselineMean(),
        surge.getBaselineStdDev(),
        surge.getMethod());
  }

  static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("Cannot render JSON", e);
    }
  }

  private static JsonNode value(Object value) {
    if (value == null) {
      return NODES.nullNode();
    } else if (value instanceof IndexedRecord record) {
      return toJson(record);
    } else if (value instanceof CharSequence text) {
      return NODES.textNode(text.toString());
    } else if (value instanceof Enum<?> symbol) {
      return NODES.textNode(symbol.name());
    } else if (value instanceof Instant instant) {
      return NODES.textNode(instant.toString());
    } else if (value instanceof Integer i) {
      return NODES.numberNode(i);
    } else if (value instanceof Long l) {
      return NODES.numberNode(l);
    } else if (value instanceof Double d) {
      return NODES.numberNode(d);
    } else if (value instanceof Float f) {
      return NODES.numberNode(f);
    } else if (value instanceof Boolean b) {
      return NODES.booleanNode(b);
    } else if (value instanceof Collection<?> items) {
      ArrayNode array = NODES.arrayNode();
      items.forEach(item -> array.add(value(item)));
      return array;
    } else if (value instanceof Map<?, ?> map) {
      ObjectNode object = NODES.objectNode();
      map.forEach((k, v) -> object.set(k.toString(), value(v)));
      return object;
    }
    return NODES.textNode(value.toString());
  }
}
