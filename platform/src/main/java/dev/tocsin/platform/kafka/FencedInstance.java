package dev.tocsin.platform.kafka;

import java.util.Objects;
import org.apache.kafka.common.errors.FencedInstanceIdException;

/**
 * Recognises and explains the end of a static group member that the broker fenced: another process
 * joined the same consumer group with the same {@code group.instance.id}, which happens only when
 * two live processes share {@code TOCSIN_INSTANCE_ID}. The fenced member cannot rejoin under that
 * id without fencing the other in turn, so the service stops instead of retrying.
 */
public final class FencedInstance {

  private FencedInstance() {}

  /** Returns whether {@code error}, or one of its causes, says the broker fenced this member. */
  public static boolean causedBy(Throwable error) {
    for (Throwable e = error; e != null; e = e.getCause()) {
      if (e instanceof FencedInstanceIdException) {
        return true;
      }
      if (e.getCause() == e) {
        return false;
      }
    }
    return false;
  }

  /**
   * Returns what to tell the operator when {@code service}'s member {@code member} of consumer
   * group {@code group} is fenced.
   */
  public static String message(String service, String group, String member) {
    Objects.requireNonNull(service, "service");
    return service
        + " stops: another process joined consumer group "
        + group
        + " as "
        + member
        + ", so the broker fenced this one. Two live processes share "
        + KafkaSettings.INSTANCE_ID_VARIABLE
        + ": give each its own (docs/operations.md, \"Restart without a rebalance\")";
  }
}
