import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;

/**
 * The local Kafka image's stand-in for Kafka's kafka-broker-api-versions.sh (the tools module is
 * not on the image): exits 0 when the bootstrap brokers answer a cluster description, printing each
 * broker, and 1 with the reason otherwise.
 */
public final class BrokerApiVersions {
  private BrokerApiVersions() {}

  public static void main(String[] args) {
    String bootstrap = null;
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals("--bootstrap-server")) {
        bootstrap = args[i + 1];
      }
    }
    if (bootstrap == null) {
      System.err.println("usage: kafka-broker-api-versions.sh --bootstrap-server HOST:PORT");
      System.exit(2);
    }
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "8000");
    try (Admin admin = Admin.create(props)) {
      for (Node node : admin.describeCluster().nodes().get(8, TimeUnit.SECONDS)) {
        System.out.println(node.host() + ":" + node.port() + " (id: " + node.id() + ")");
      }
    } catch (Exception e) {
      System.err.println("brokers at " + bootstrap + " do not answer: " + e);
      System.exit(1);
    }
  }
}
