package org.censorprobe.probe.measure.dns;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.censorprobe.probe.config.IpLiterals;

/** The nameservers of the system resolver, read from resolv.conf (never through the JDK's resolver). */
public final class SystemNameservers {
  static final int DNS_PORT = 53;
  // A hostile or broken resolv.conf must not make us read without end; real ones are a few hundred bytes.
  private static final long MAX_FILE_BYTES = 64 * 1024;

  private SystemNameservers() {}

  /**
   * The {@code nameserver} lines, in file order, port 53. Comments, options and lines that are not IP literals
   * are skipped; a scope suffix ({@code fe80::1%eth0}) is dropped. A missing or unreadable file gives an empty
   * list: the prober then records "no nameserver in resolv.conf" for SYSTEM queries.
   */
  public static List<InetSocketAddress> fromResolvConf(Path resolvConf) {
    List<String> lines;
    try {
      if (!Files.isRegularFile(resolvConf) || Files.size(resolvConf) > MAX_FILE_BYTES) return List.of();
      lines = Files.readAllLines(resolvConf, StandardCharsets.ISO_8859_1);
    } catch (IOException | SecurityException e) {
      return List.of();
    }
    List<InetSocketAddress> out = new ArrayList<>();
    for (String raw : lines) {
      String line = stripComment(raw).trim();
      String[] words = line.split("[ \t]+");
      if (words.length < 2 || !words[0].equals("nameserver")) continue;
      String host = words[1];
      int scope = host.indexOf('%');
      if (scope >= 0) host = host.substring(0, scope);
      InetAddress address = IpLiterals.parse(host);
      if (address != null) out.add(new InetSocketAddress(address, DNS_PORT));
    }
    return List.copyOf(out);
  }

  private static String stripComment(String line) {
    int hash = line.indexOf('#');
    int semi = line.indexOf(';');
    int cut = hash < 0 ? semi : semi < 0 ? hash : Math.min(hash, semi);
    return cut < 0 ? line : line.substring(0, cut);
  }
}
