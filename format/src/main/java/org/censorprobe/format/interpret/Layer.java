package org.censorprobe.format.interpret;

/** Where in the path a method's observation sits. */
public enum Layer { DNS, TCP, TLS, HTTP, NETWORK, TARGET, CONTROL, PROBE }
