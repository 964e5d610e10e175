package org.censorprobe.format.observe;

/** The DNS record types the probe asks for or records. */
public enum QueryType {
  A, AAAA, CNAME;

  /** Null for a type this version does not record. */
  public static QueryType fromWire(String s) {
    for (QueryType q : values()) if (q.name().equals(s)) return q;
    return null;
  }
}
