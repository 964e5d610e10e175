package org.censorprobe.reporter.read;

/** The controls in one round, as its records' {@code round} object tells. */
public record ControlState(int controlsTotal, int controlsOk, int domesticTotal, int domesticOk, String localNetwork) {
  public static final String UP = "up";
  public static final String DOWN = "down";
  public static final String GATEWAY_CUT = "gateway_cut";

  /** The local network itself failed: all controls down, or everything abroad cut off. */
  public boolean networkDown() {
    return DOWN.equals(localNetwork) || GATEWAY_CUT.equals(localNetwork);
  }
}
