package org.censorprobe.probe.measure.dns;

import java.io.IOException;

/** A reply came but cannot be used: it carries the failure string to record (bogus or misbehaving). */
final class DnsReplyException extends IOException {
  private final String failure;

  DnsReplyException(String failure, String detail) {
    super(detail);
    this.failure = failure;
  }

  String failure() {
    return failure;
  }
}
