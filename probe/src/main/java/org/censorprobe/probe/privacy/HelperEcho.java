package org.censorprobe.probe.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;
import org.censorprobe.format.net.IpAddress;
import org.censorprobe.format.observe.EndpointObservations;
import org.censorprobe.format.observe.HelperObservation;
import org.censorprobe.format.record.Measurement;

/**
 * The address a censorprobe control-server saw the probe's request come from, which it echoes in its answer under
 * {@link #FIELD} (docs/control-protocol.md). Behind a NAT that is the probe's public address: the one a portal
 * that echoes "your address is ..." would print, and which no interface of the probe carries.
 */
public final class HelperEcho {
  /** censorprobe's extension to the test-helper answer; OONI's clients ignore {@code x_} keys. */
  public static final String FIELD = "x_client_address";

  private static final ObjectMapper JSON = new ObjectMapper();

  private HelperEcho() {}

  /** The address the record's helper answer echoes; empty when there is none or it is not an address. */
  public static Optional<IpAddress> of(Measurement m) {
    if (!(m.steps() instanceof EndpointObservations o)) return Optional.empty();
    HelperObservation h = o.helper();
    if (h == null || h.responseJson() == null) return Optional.empty();
    try {
      JsonNode echoed = JSON.readTree(h.responseJson()).get(FIELD);
      return echoed != null && echoed.isTextual() ? IpAddress.tryParse(echoed.textValue()) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty(); // kept answers are checked JSON objects; a record read back from elsewhere may not be
    }
  }
}
