package org.censorprobe.probe.measure.dns;

import java.io.IOException;
import org.censorprobe.format.observe.FailureType;

/** A reply came but cannot be used: it carries the failure string to record (bogus or misbehaving). */
final class DnsReplyException extends IOException {
  private final FailureType failure;

  DnsReplyException(FailureType failure, String detail) {
    super(detail);
    this.failure = failure;
  }

  FailureType failure() {
    return failure;
  }
}
