package org.censorprobe.probe.classify;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * A distinguished name as a set of {@code ATTR=value} pairs, so that "C=KZ, CN=Qaznet Trust Network" and the RFC
 * 2253 form "CN=Qaznet Trust Network,C=KZ" compare equal: order, spacing around separators, attribute-name case
 * and the long OID spelling of common attributes do not matter; values compare case-insensitively.
 */
public record DistinguishedName(Set<String> attributes) {

  public static DistinguishedName parse(String text) {
    Set<String> out = new TreeSet<>();
    if (text == null) return new DistinguishedName(out);
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length()) {
        cur.append(text.charAt(++i));
      } else if (c == '"') {
        quoted = !quoted;
      } else if ((c == ',' || c == ';' || c == '+') && !quoted) {
        add(out, cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    add(out, cur.toString());
    return new DistinguishedName(out);
  }

  private static void add(Set<String> out, String rdn) {
    int eq = rdn.indexOf('=');
    if (eq <= 0) return;
    String name = alias(rdn.substring(0, eq).trim().toUpperCase(Locale.ROOT));
    String value = rdn.substring(eq + 1).trim().toLowerCase(Locale.ROOT);
    out.add(name + "=" + value);
  }

  private static String alias(String name) {
    return switch (name) {
      case "OID.2.5.4.3", "2.5.4.3", "COMMONNAME" -> "CN";
      case "OID.2.5.4.6", "2.5.4.6", "COUNTRYNAME" -> "C";
      case "OID.2.5.4.10", "2.5.4.10", "ORGANIZATIONNAME" -> "O";
      case "OID.2.5.4.11", "2.5.4.11" -> "OU";
      case "S", "OID.2.5.4.8", "2.5.4.8" -> "ST";
      default -> name;
    };
  }

  /** Same attribute set: the DN names the same entity. */
  public boolean sameAs(DistinguishedName other) {
    return !attributes.isEmpty() && attributes.equals(other.attributes);
  }
}
