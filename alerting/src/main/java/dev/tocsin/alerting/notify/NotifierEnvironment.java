package dev.tocsin.alerting.notify;

import dev.tocsin.platform.config.Setting;
import dev.tocsin.platform.config.Setting.Type;
import dev.tocsin.schemas.AlertLevel;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Defines the notifier's settings ({@code TOCSIN_NOTIFY_*}) and reads them into {@link
 * NotifierSettings}: from the notifier's own YAML file when {@code TOCSIN_NOTIFY_CONFIG} names one,
 * else one sink per configured receiver.
 */
final class NotifierEnvironment {

  /** The settings of the notifier, in the order of the documentation's table. */
  static final List<Setting> DEFINED =
      List.of(
          Setting.of(
              "TOCSIN_NOTIFY_CONFIG",
              null,
              "unset: sinks from the variables below",
              "the notifier's own YAML file: sinks, routes, retries ([alerting.md](alerting.md));"
                  + " when set, the `TOCSIN_NOTIFY_*` sink variables below are not read",
              Type.TEXT),
          Setting.of(
              "TOCSIN_NOTIFY_WEBHOOK_URL",
              null,
              "unset",
              "URL of the webhook sink `webhook` (JSON `POST`)",
              Type.URL),
          Setting.of(
              "TOCSIN_NOTIFY_WEBHOOK_SECRET",
              null,
              "unset: unsigned",
              "HMAC-SHA256 key that signs each webhook request (also `tocsin demo --webhook`)",
              Type.TEXT),
          Setting.of(
              "TOCSIN_NOTIFY_SLACK_URL",
              null,
              "unset",
              "Slack incoming-webhook URL of the sink `slack`",
              Type.URL),
          Setting.of(
              "TOCSIN_NOTIFY_PAGERDUTY_ROUTING_KEY",
              null,
              "unset",
              "PagerDuty Events v2 routing key of the sink `pagerduty`",
              Type.TEXT),
          Setting.of(
              "TOCSIN_NOTIFY_PAGERDUTY_URL",
              "https://events.pagerduty.com/v2/enqueue",
              null,
              "PagerDuty Events v2 endpoint",
              Type.URL),
          Setting.of(
              "TOCSIN_NOTIFY_ALERTMANAGER_URL",
              null,
              "unset",
              "Alertmanager base URL of the sink `alertmanager`",
              Type.URL),
          Setting.of(
              "TOCSIN_ALERTMANAGER_URL",
              null,
              "unset",
              "the same, under the name the compose file sets on `alerting`"
                  + " (`http://alertmanager:9093`); `TOCSIN_NOTIFY_ALERTMANAGER_URL` wins",
              Type.URL),
          Setting.of(
              "TOCSIN_NOTIFY_ALERTMANAGER_RESEND",
              "1m",
              null,
              "how often firing alerts are posted to Alertmanager again",
              Type.DURATION),
          Setting.of(
              "TOCSIN_NOTIFY_SMTP_HOST",
              null,
              "unset",
              "SMTP server of the email sink `email`",
              Type.TEXT),
          Setting.of("TOCSIN_NOTIFY_SMTP_PORT", "25", null, "SMTP port", Type.PORT),
          Setting.of(
              "TOCSIN_NOTIFY_SMTP_STARTTLS",
              "false",
              null,
              "`true` to require STARTTLS",
              Type.oneOf("true", "false")),
          Setting.of("TOCSIN_NOTIFY_SMTP_USERNAME", null, "unset", "SMTP user name", Type.TEXT),
          Setting.of("TOCSIN_NOTIFY_SMTP_PASSWORD", null, "unset", "SMTP password", Type.TEXT),
          Setting.of(
              "TOCSIN_NOTIFY_EMAIL_FROM",
              null,
              "unset",
              "sender address of alert emails",
              Type.TEXT),
          Setting.of(
              "TOCSIN_NOTIFY_EMAIL_TO",
              null,
              "unset",
              "comma-separated recipients of alert emails",
              Type.LIST),
          Setting.of(
              "TOCSIN_NOTIFY_MIN_LEVEL",
              "info",
              null,
              "lowest alert level delivered: `info`, `elevated`, `high` or `critical`",
              Type.oneOf("info", "elevated", "high", "critical")),
          Setting.of(
              "TOCSIN_NOTIFY_MAX_AGE",
              "1h",
              null,
              "how long a delivery is retried before it goes to `tocsin.alerts.dlq`",
              Type.DURATION),
          Setting.of(
              "TOCSIN_NOTIFY_REPEAT_INTERVAL",
              "4h",
              null,
              "a still-firing alert is notified again after this long, not more often (routes in"
                  + " `TOCSIN_NOTIFY_CONFIG` may set their own)",
              Type.DURATION),
          Setting.of(
              "TOCSIN_NOTIFY_INHIBIT",
              "default",
              null,
              "`default`: a high or critical alert holds back info and elevated notifications of"
                  + " the same cluster; `off`: no inhibition",
              Type.oneOf("default", "off")),
          Setting.of(
              "TOCSIN_NOTIFY_GROUP_BY",
              "profile,eventType",
              null,
              "alert fields and labels whose equal values group alerts into one webhook, Slack or"
                  + " email notification; `none`: one notification per alert",
              Type.LIST),
          Setting.of(
              "TOCSIN_NOTIFY_GROUP_WAIT",
              "30s",
              null,
              "how long a new group collects alerts before its first notification",
              Type.DURATION),
          Setting.of(
              "TOCSIN_NOTIFY_GROUP_INTERVAL",
              "5m",
              null,
              "how long a group waits before notifying alerts added to it since",
              Type.DURATION),
          Setting.of(
              "TOCSIN_NOTIFY_INSTANCE_ID",
              "0",
              null,
              "distinguishes notifier instances' transactional ids",
              Type.NAME));

  private NotifierEnvironment() {}

  static NotifierSettings read(Map<String, String> env) {
    String file = env.get("TOCSIN_NOTIFY_CONFIG");
    if (present(file)) {
      return NotifierConfigFile.read(Path.of(file.strip()), env);
    }
    List<SinkConfig> sinks = new ArrayList<>();
    String webhook = env.get("TOCSIN_NOTIFY_WEBHOOK_URL");
    if (present(webhook)) {
      sinks.add(
          new SinkConfig.Webhook(
              "webhook",
              uri(env, "TOCSIN_NOTIFY_WEBHOOK_URL"),
              env.get("TOCSIN_NOTIFY_WEBHOOK_SECRET"),
              null));
    }
    if (present(env.get("TOCSIN_NOTIFY_SLACK_URL"))) {
      sinks.add(new SinkConfig.Slack("slack", uri(env, "TOCSIN_NOTIFY_SLACK_URL"), null));
    }
    if (present(env.get("TOCSIN_NOTIFY_PAGERDUTY_ROUTING_KEY"))) {
      sinks.add(
          new SinkConfig.PagerDuty(
              "pagerduty",
              present(env.get("TOCSIN_NOTIFY_PAGERDUTY_URL"))
                  ? uri(env, "TOCSIN_NOTIFY_PAGERDUTY_URL")
                  : null,
              env.get("TOCSIN_NOTIFY_PAGERDUTY_ROUTING_KEY"),
              null));
    }
    // TOCSIN_ALERTMANAGER_URL is the name the compose file and the operations guide use.
    String alertmanager =
        present(env.get("TOCSIN_NOTIFY_ALERTMANAGER_URL"))
            ? "TOCSIN_NOTIFY_ALERTMANAGER_URL"
            : "TOCSIN_ALERTMANAGER_URL";
    if (present(env.get(alertmanager))) {
      sinks.add(
          new SinkConfig.Alertmanager(
              "alertmanager",
              uri(env, alertmanager),
              duration(env, "TOCSIN_NOTIFY_ALERTMANAGER_RESEND", null),
              null));
    }
    if (present(env.get("TOCSIN_NOTIFY_SMTP_HOST"))) {
      String port = env.getOrDefault("TOCSIN_NOTIFY_SMTP_PORT", "25");
      int smtpPort;
      try {
        smtpPort = Integer.parseInt(port.strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "TOCSIN_NOTIFY_SMTP_PORT must be a port number: '" + port + "'");
      }
      sinks.add(
          new SinkConfig.Email(
              "email",
              env.get("TOCSIN_NOTIFY_SMTP_HOST"),
              smtpPort,
              Boolean.parseBoolean(env.getOrDefault("TOCSIN_NOTIFY_SMTP_STARTTLS", "false")),
              env.get("TOCSIN_NOTIFY_SMTP_USERNAME"),
              env.get("TOCSIN_NOTIFY_SMTP_PASSWORD"),
              env.get("TOCSIN_NOTIFY_EMAIL_FROM"),
              Arrays.stream(env.getOrDefault("TOCSIN_NOTIFY_EMAIL_TO", "").split(","))
                  .map(String::strip)
                  .filter(a -> !a.isEmpty())
                  .toList(),
              null));
    }
    String level = env.getOrDefault("TOCSIN_NOTIFY_MIN_LEVEL", "info").strip();
    AlertLevel minLevel;
    try {
      minLevel = AlertLevel.valueOf(level.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "TOCSIN_NOTIFY_MIN_LEVEL must be info, elevated, high or critical: '" + level + "'");
    }
    List<Route> routes =
        sinks.isEmpty()
            ? List.of()
            : List.of(
                new Route(
                    minLevel, Set.of(), Map.of(), sinks.stream().map(SinkConfig::name).toList()));
    String inhibit = env.getOrDefault("TOCSIN_NOTIFY_INHIBIT", "default").strip();
    if (!inhibit.equals("default") && !inhibit.equals("off")) {
      throw new IllegalArgumentException(
          "TOCSIN_NOTIFY_INHIBIT must be default or off: '" + inhibit + "'");
    }
    return new NotifierSettings(
        sinks,
        routes,
        null,
        5,
        null,
        duration(env, "TOCSIN_NOTIFY_MAX_AGE", null),
        env.getOrDefault("TOCSIN_NOTIFY_INSTANCE_ID", "0"),
        duration(env, "TOCSIN_NOTIFY_REPEAT_INTERVAL", null),
        inhibit.equals("off") ? List.of() : null,
        grouping(env));
  }

  private static Grouping grouping(Map<String, String> env) {
    String by = env.get("TOCSIN_NOTIFY_GROUP_BY");
    List<String> groupBy =
        by == null
            ? Grouping.defaults().groupBy()
            : Arrays.stream(by.split(",")).map(String::strip).filter(n -> !n.isEmpty()).toList();
    if (groupBy.size() == 1 && groupBy.get(0).equals("none")) {
      groupBy = List.of();
    }
    return new Grouping(
        groupBy,
        duration(env, "TOCSIN_NOTIFY_GROUP_WAIT", null),
        duration(env, "TOCSIN_NOTIFY_GROUP_INTERVAL", null));
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }

  private static URI uri(Map<String, String> env, String name) {
    try {
      return new URI(env.get(name).strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(name + " must be a URL: '" + env.get(name) + "'", e);
    }
  }

  static Duration duration(Map<String, String> env, String name, Duration fallback) {
    String value = env.get(name);
    return present(value) ? NotifierSettings.parseDuration(name, value) : fallback;
  }
}
