package org.censorprobe.reporter.read;

/** One named fact of an evidence sample, already reduced to bounded text. */
public record Fact(String name, String value) {}
