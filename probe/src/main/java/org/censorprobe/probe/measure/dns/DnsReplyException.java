package org.censorprobe.probe.measure.dns;

import java.io.IOException;
import org.censorprobe.format.observe.FailureType;
import org.censorprobe.format.observe.Operation;

/**
 * A query that cannot be used: a reply came that is bogus or misbehaving, or (operation {@code resolve_server}) the
 * DoH server's own name could not be resolved, so the query was never sent. It carries what to record.
 */
final class DnsReplyException extends IOException {
  private final FailureType failure;
  private final Operation operation;

  DnsReplyException(FailureType failure, String detail) {
    this(failure, Operation.RESOLVE, detail);
  }

  DnsReplyException(FailureType failure, Operation operation, String detail) {
    super(detail);
    this.failure = failure;
    this.operation = operation;
  }

  FailureType failure() {
    return failure;
  }

  Operation operation() {
    return operation;
  }
}
