package org.censorprobe.probe.measure;

import java.util.List;
import org.censorprobe.format.endpoint.Endpoint;
import org.censorprobe.format.net.IpAddress;
import org.censorprobe.format.observe.HelperObservation;

/**
 * A vantage outside the censored network, asked to measure the same endpoint at the same moment. The measurer owns
 * this interface; the control package's client implements it (so measuring never depends on the control server).
 */
public interface RemoteVantage {
  /**
   * Measures {@code endpoint} from outside, connecting also to {@code localAddresses} (what this probe's resolver
   * gave). Runs its concurrent work on {@code fanout} (at most {@link #tasks()} tasks besides the caller's) and
   * gives up by {@code deadlineNanos} (the endpoint's budget). Never throws: every helper asked, and how it failed,
   * is in the observation.
   */
  HelperObservation ask(Endpoint endpoint, List<IpAddress> localAddresses, Fanout fanout, long deadlineNanos);

  /** The most tasks one {@link #ask} runs at once on the fan-out, the asking task included. */
  int tasks();
}
