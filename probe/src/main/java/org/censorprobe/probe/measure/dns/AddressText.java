package org.censorprobe.probe.measure.dns;

/**
 * Address bytes as text, IPv6 in RFC 5952 form. The JDK prints IPv6 uncompressed and folds IPv4-mapped
 * addresses into IPv4, which would make a AAAA answer look like an A answer in the evidence.
 */
final class AddressText {
  private AddressText() {}

  static String format(byte[] a) {
    if (a.length == 4) return (a[0] & 0xff) + "." + (a[1] & 0xff) + "." + (a[2] & 0xff) + "." + (a[3] & 0xff);
    if (a.length != 16) throw new IllegalArgumentException("not an IP address: " + a.length + " bytes");
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) groups[i] = ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
    boolean mapped = groups[0] == 0 && groups[1] == 0 && groups[2] == 0 && groups[3] == 0 && groups[4] == 0
        && groups[5] == 0xffff;
    if (mapped) return "::ffff:" + format(java.util.Arrays.copyOfRange(a, 12, 16));
    // The longest run of two or more zero groups becomes "::" (the first one on a tie).
    int bestStart = -1;
    int bestLen = 1;
    for (int i = 0; i < 8; ) {
      if (groups[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && groups[j] == 0) j++;
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j;
    }
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        s.append("::");
        i += bestLen - 1;
        continue;
      }
      if (s.length() > 0 && s.charAt(s.length() - 1) != ':') s.append(':');
      s.append(Integer.toHexString(groups[i]));
    }
    return s.toString();
  }
}
