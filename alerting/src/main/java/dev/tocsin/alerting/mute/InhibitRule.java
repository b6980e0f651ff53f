package dev.tocsin.alerting.mute;

import dev.tocsin.schemas.EscalationAlert;
import java.util.List;
import java.util.Objects;

/**
 * Holds back notifications of target alerts while a source alert fires, as Alertmanager's
 * inhibit_rules do: a firing alert matching every {@code source} matcher inhibits another alert
 * matching every {@code target} matcher when both carry the same, present value for each name in
 * {@code equal}.
 *
 * <p>Unlike Alertmanager, a name absent from both alerts does not count as equal: alerts without a
 * cluster id never inhibit one another through {@code equal: [clusterId]}.
 *
 * @param source matchers a firing alert must satisfy to inhibit
 * @param target matchers an alert must satisfy to be inhibited
 * @param equal field or label names whose values must be present and equal on both
 */
public record InhibitRule(
    List<AlertMatcher> source, List<AlertMatcher> target, List<String> equal) {

  /** Validates and copies the rule. */
  public InhibitRule {
    source = List.copyOf(Objects.requireNonNull(source, "source"));
    target = List.copyOf(Objects.requireNonNull(target, "target"));
    equal = List.copyOf(equal == null ? List.of() : equal);
    if (source.isEmpty() || target.isEmpty()) {
      throw new IllegalArgumentException("an inhibit rule needs source and target matchers");
    }
  }

  /**
   * Returns the default rule: a HIGH or CRITICAL alert holds back INFO and ELEVATED alerts of the
   * same cluster.
   */
  public static InhibitRule defaultRule() {
    return new InhibitRule(
        List.of(AlertMatcher.parse("level=~HIGH|CRITICAL")),
        List.of(AlertMatcher.parse("level=~INFO|ELEVATED")),
        List.of("clusterId"));
  }

  /** Returns whether the firing alert {@code source} inhibits {@code target} under this rule. */
  public boolean inhibits(EscalationAlert source, EscalationAlert target) {
    if (source.getAlertKey().equals(target.getAlertKey())) {
      return false;
    }
    if (!this.target.stream().allMatch(m -> m.matches(target))
        || !this.source.stream().allMatch(m -> m.matches(source))) {
      return false;
    }
    for (String name : equal) {
      String a = AlertMatcher.valueOf(source, name);
      if (a == null || !a.equals(AlertMatcher.valueOf(target, name))) {
        return false;
      }
    }
    return true;
  }
}
