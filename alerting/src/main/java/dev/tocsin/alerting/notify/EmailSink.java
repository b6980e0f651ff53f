package dev.tocsin.alerting.notify;

import dev.tocsin.schemas.EscalationAlert;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Mails the alert as plain text over SMTP; the Message-ID derives from the alert key and version,
 * so that mail clients can thread and drop repeats.
 */
public final class EmailSink implements Sink {

  /** The header carrying the alert version key. */
  public static final String IDEMPOTENCY_HEADER = "X-Tocsin-Idempotency-Key";

  private final SinkConfig.Email config;
  private final Session session;

  /** Creates the sink. */
  public EmailSink(SinkConfig.Email config) {
    this.config = config;
    Properties props = new Properties();
    props.put("mail.smtp.host", config.host());
    props.put("mail.smtp.port", Integer.toString(config.port()));
    String millis = Long.toString(config.timeout().toMillis());
    props.put("mail.smtp.connectiontimeout", millis);
    props.put("mail.smtp.timeout", millis);
    props.put("mail.smtp.writetimeout", millis);
    if (config.startTls()) {
      props.put("mail.smtp.starttls.enable", "true");
      props.put("mail.smtp.starttls.required", "true");
    }
    Authenticator auth = null;
    if (config.username() != null) {
      props.put("mail.smtp.auth", "true");
      auth =
          new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
              return new PasswordAuthentication(config.username(), config.password());
            }
          };
    }
    this.session = Session.getInstance(props, auth);
  }

  @Override
  public String name() {
    return config.name();
  }

  @Override
  public DeliveryResult deliver(EscalationAlert alert, String idempotencyKey) {
    String repeat = Notifier.repeatSuffix(idempotencyKey);
    String versionKey = WebhookSink.alertVersionKey(alert) + repeat;
    try {
      String id = messageId(alert);
      // A repeat is a mail of its own, with a Message-ID of its own.
      if (!repeat.isEmpty()) {
        id = id.replace("@", "." + repeat.substring(1).replace(':', '.') + "@");
      }
      MimeMessage message = new KeyedMessage(session, id);
      message.setFrom(new InternetAddress(config.from()));
      for (String to : config.to()) {
        message.addRecipient(Message.RecipientType.TO, new InternetAddress(to));
      }
      message.setSubject(SlackPayload.headline(alert), StandardCharsets.UTF_8.name());
      message.setText(text(alert), StandardCharsets.UTF_8.name());
      message.setHeader(IDEMPOTENCY_HEADER, versionKey);
      Transport.send(message);
      return DeliveryResult.delivered(null);
    } catch (AddressException | SendFailedException e) {
      return DeliveryResult.permanent(null, "rejected by " + config.host() + ": " + e.getMessage());
    } catch (MessagingException e) {
      return DeliveryResult.retry(
          null, null, "cannot mail via " + config.host() + ":" + config.port() + ": " + e);
    }
  }

  @Override
  public boolean groups() {
    return true;
  }

  @Override
  public DeliveryResult deliverGroup(GroupNotification group) {
    try {
      String id = "<group." + group.idempotencyKey().replaceAll("[^A-Za-z0-9.-]", "_") + "@tocsin>";
      MimeMessage message = new KeyedMessage(session, id);
      message.setFrom(new InternetAddress(config.from()));
      for (String to : config.to()) {
        message.addRecipient(Message.RecipientType.TO, new InternetAddress(to));
      }
      message.setSubject(
          "[" + group.alerts().size() + " alerts] " + group.groupKey(),
          StandardCharsets.UTF_8.name());
      StringBuilder text = new StringBuilder();
      for (EscalationAlert alert : group.alerts()) {
        if (!text.isEmpty()) {
          text.append("\n----------------------------------------\n\n");
        }
        text.append(SlackPayload.headline(alert)).append("\n").append(text(alert));
      }
      message.setText(text.toString(), StandardCharsets.UTF_8.name());
      message.setHeader(IDEMPOTENCY_HEADER, group.idempotencyKey());
      Transport.send(message);
      return DeliveryResult.delivered(null);
    } catch (AddressException | SendFailedException e) {
      return DeliveryResult.permanent(null, "rejected by " + config.host() + ": " + e.getMessage());
    } catch (MessagingException e) {
      return DeliveryResult.retry(
          null, null, "cannot mail via " + config.host() + ":" + config.port() + ": " + e);
    }
  }

  static String messageId(EscalationAlert alert) {
    return "<"
        + alert.getAlertKey().replaceAll("[^A-Za-z0-9.-]", "_")
        + "."
        + alert.getVersion()
        + "@tocsin>";
  }

  static String text(EscalationAlert alert) {
    StringBuilder text = new StringBuilder();
    text.append(alert.getTitle()).append("\n\n").append(alert.getSummary()).append("\n\n");
    text.append("Level: ").append(alert.getLevel()).append(" (").append(alert.getStatus());
    text.append(")\nScore: ").append(String.format(Locale.ROOT, "%.2f", alert.getScore()));
    if (alert.getEventType() != null) {
      text.append("\nEvent: ").append(alert.getEventType());
      if (alert.getCameoCode() != null) {
        text.append(" (CAMEO ").append(alert.getCameoCode()).append(")");
      }
      if (alert.getGoldstein() != null) {
        text.append(", Goldstein ").append(alert.getGoldstein());
      }
    }
    if (!alert.getActors().isEmpty()) {
      text.append("\nActors: ").append(String.join(" -> ", alert.getActors()));
    }
    String surge = AlertJson.surgeLine(alert);
    if (surge != null) {
      text.append("\nSurge: ").append(surge);
    }
    text.append("\n\nWhy:\n")
        .append(
            alert.getReasons().stream()
                .map(r -> "  - " + r.getCode() + " (" + r.getWeight() + "): " + r.getDetail())
                .collect(Collectors.joining("\n")));
    text.append("\n\nEvidence (")
        .append(alert.getEvidence().getIndependentSources())
        .append(" independent sources: ")
        .append(String.join(", ", alert.getEvidence().getOutlets()))
        .append("):\n");
    alert.getEvidence().getLinks().forEach(link -> text.append("  ").append(link).append("\n"));
    if (alert.getRunbookUrl() != null) {
      text.append("\nRunbook: ").append(alert.getRunbookUrl()).append("\n");
    }
    text.append("\nAlert ").append(WebhookSink.alertVersionKey(alert)).append("\n");
    return text.toString();
  }

  /** A message whose Message-ID we choose instead of a random one. */
  private static final class KeyedMessage extends MimeMessage {
    private final String id;

    KeyedMessage(Session session, String id) {
      super(session);
      this.id = id;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", id);
    }
  }
}
