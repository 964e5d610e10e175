package org.censorprobe.probe.config;

import java.util.Locale;
import org.censorprobe.format.endpoint.ContentExpectation;
import org.censorprobe.format.endpoint.Endpoint;

/**
 * A non-sensitive endpoint measured in every round; {@code domestic} ones are hosted inside the country.
 * {@code expect} is what the control serves, when it defines it (null: any response below 500 counts).
 */
public record ControlTarget(Endpoint endpoint, boolean domestic, ContentExpectation expect) {

  /**
   * What the well-known captive-portal checks serve, so that a hotel's login page answering in their place is
   * recognised without the user writing it down.
   */
  public static ContentExpectation knownExpectation(Endpoint e) {
    if (e.kind() != Endpoint.Kind.URL) return null;
    String path = e.uri().getPath() == null ? "" : e.uri().getPath();
    String host = e.host().toLowerCase(Locale.ROOT);
    if (path.endsWith("/generate_204") || path.equals("/gen_204")) return new ContentExpectation(204, null);
    if (host.equals("detectportal.firefox.com") && path.equals("/success.txt")) {
      return new ContentExpectation(200, "success");
    }
    if (host.equals("captive.apple.com") || path.endsWith("/hotspot-detect.html")) {
      return new ContentExpectation(200, "Success");
    }
    if (host.equals("www.msftconnecttest.com") && path.equals("/connecttest.txt")) {
      return new ContentExpectation(200, "Microsoft Connect Test");
    }
    return null;
  }
}
