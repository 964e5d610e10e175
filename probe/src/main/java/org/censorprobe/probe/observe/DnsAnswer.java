package org.censorprobe.probe.observe;

/**
 * One resource record of an answer. {@code type} is A, AAAA or CNAME; {@code data} the address or target name.
 * {@code bogon}: the address is in an IANA special-purpose range and not declared in {@code dns.not_bogons}.
 */
public record DnsAnswer(String name, String type, long ttl, String data, boolean bogon) {}
