package org.censorprobe.probe.measure.tcp;

import org.censorprobe.format.observe.TcpObservation;

/** A connect's observation and, when it succeeded, the open socket, which the caller then owns. */
public record TcpAttempt(TcpObservation observation, FlowSocket socket) {}
