package dev.tocsin.alerting.mute;

import dev.tocsin.schemas.AlertStatus;
import dev.tocsin.schemas.EscalationAlert;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Applies inhibit rules: finds the firing alert, if any, that holds back another. */
public final class Inhibitor {

  private final List<InhibitRule> rules;

  /** Creates an inhibitor over {@code rules}; none inhibits nothing. */
  public Inhibitor(List<InhibitRule> rules) {
    this.rules = List.copyOf(Objects.requireNonNull(rules, "rules"));
  }

  /**
   * Returns the alert among {@code alerts} (the latest version of each alert key) that inhibits
   * {@code target}: one that is not resolved and that some rule lets inhibit it.
   */
  public Optional<EscalationAlert> inhibitor(
      EscalationAlert target, Iterable<EscalationAlert> alerts) {
    if (rules.isEmpty()) {
      return Optional.empty();
    }
    for (EscalationAlert source : alerts) {
      if (source.getStatus() == AlertStatus.RESOLVED) {
        continue;
      }
      for (InhibitRule rule : rules) {
        if (rule.inhibits(source, target)) {
          return Optional.of(source);
        }
      }
    }
    return Optional.empty();
  }
}
