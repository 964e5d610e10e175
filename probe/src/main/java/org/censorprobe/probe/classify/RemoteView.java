package org.censorprobe.probe.classify;

import java.util.List;
import java.util.Map;

/**
 * What a remote control vantage (an OONI web-connectivity test helper) saw for the same endpoint at the same time.
 * {@code reachable} false means the helper itself could not be asked ({@code unreachableReason} says why); then
 * every other field is empty and the classifier uses local evidence only. Keys of {@code tcp} and {@code tls} are
 * {@code "ip:port"} ({@code "[v6]:port"} for IPv6). Failures use the project's failure strings.
 */
public record RemoteView(String helperId, boolean reachable, String unreachableReason, Dns dns,
                         Map<String, Tcp> tcp, Map<String, Tls> tls, Http http) {
  public RemoteView {
    tcp = tcp == null ? Map.of() : Map.copyOf(tcp);
    tls = tls == null ? Map.of() : Map.copyOf(tls);
  }

  public static RemoteView unreachable(String helperId, String reason) {
    return new RemoteView(helperId, false, reason, null, Map.of(), Map.of(), null);
  }

  /** {@code failure} null and {@code addrs} the addresses when the helper's resolver answered. */
  public record Dns(String failure, List<String> addrs) {
    public Dns {
      addrs = addrs == null ? List.of() : List.copyOf(addrs);
    }
  }

  public record Tcp(boolean ok, String failure) {}

  public record Tls(String serverName, boolean ok, String failure) {}

  /** {@code statusCode} 0 when no response head arrived. */
  public record Http(String failure, int statusCode, long bodyLength, String title) {}

  public static String key(String address, int port) {
    return (address.indexOf(':') >= 0 ? "[" + address + "]" : address) + ":" + port;
  }
}
