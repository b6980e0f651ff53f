package dev.tocsin.alerting.notify;

import java.time.Instant;

/** The attempts at one delivery; {@code group} is set while it waits in a group instead. */
final class Attempts {
  final Instant firstAt;
  Instant nextAt;
  int count;
  GroupBuffers.Group group;

  Attempts(Instant now) {
    this.firstAt = now;
    this.nextAt = now;
  }
}
