package dev.tocsin.platform.health;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/** Ready when the Kafka cluster answers a describe-cluster request within a timeout. */
public final class KafkaReachableCheck implements ReadinessCheck, AutoCloseable {

  private static final Duration TIMEOUT = Duration.ofSeconds(3);

  private final Admin admin;

  /** Creates the check with the given client settings. */
  public KafkaReachableCheck(Map<String, Object> clientConfig) {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put("request.timeout.ms", (int) TIMEOUT.toMillis());
    config.put("default.api.timeout.ms", (int) TIMEOUT.toMillis());
    this.admin = Admin.create(config);
  }

  @Override
  public String name() {
    return "kafka";
  }

  @Override
  public String problem() {
    try {
      admin
          .describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()))
          .nodes()
          .get(TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS);
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    } catch (Exception e) {
      return "unreachable: " + e.getMessage();
    }
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(5));
  }
}
