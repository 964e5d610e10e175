package org.censorprobe.reporter.read;

/** Who measured: the probe's id and where it sits. Fields are null/0 when no record of the probe said. */
public record ProbeInfo(String id, String network, long asn, String country) {
  public static ProbeInfo unknown(String id) {
    return new ProbeInfo(id, null, 0, null);
  }
}
