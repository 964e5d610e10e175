package org.censorprobe.reporter.incidents;

/** How many rounds something (an endpoint, a method) was seen in. */
public record Count(String name, int rounds) {}
