package org.censorprobe.probe.classify;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One line of a fingerprint file: {@code {type, id, pattern, pattern_type, source}}. Types:
 * {@code dns_blocking_address} (an address a censor's resolver hands out), {@code blockpage} (a response body,
 * title or header line), {@code false_positive} (a page that matches a blockpage pattern but is a real site's
 * page), {@code interception_issuer} (a certificate issuer DN used for TLS interception), {@code notice}
 * (attribution only). Pattern types: {@code exact}, {@code contains}, {@code prefix}, {@code regex}, {@code dn}.
 */
public record Fingerprint(String type, String id, String pattern, String patternType, String source,
                          BoundedRegex regex, String literal, DistinguishedName dn) {

  public static final String DNS_BLOCKING_ADDRESS = "dns_blocking_address";
  public static final String BLOCKPAGE = "blockpage";
  public static final String FALSE_POSITIVE = "false_positive";
  public static final String INTERCEPTION_ISSUER = "interception_issuer";
  public static final String NOTICE = "notice";

  public static final String EXACT = "exact";
  public static final String CONTAINS = "contains";
  public static final String PREFIX = "prefix";
  public static final String REGEX = "regex";
  public static final String DN = "dn";
  /** notice lines only */
  public static final String NONE = "none";

  static Fingerprint of(String type, String id, String pattern, String patternType, String source) {
    String pt = patternType == null ? CONTAINS : patternType.toLowerCase(Locale.ROOT);
    if (type.equals(DNS_BLOCKING_ADDRESS) && pt.equals(EXACT)) {
      // Addresses are compared in their one canonical spelling: a file may write an IPv6 address long-hand.
      pattern = org.censorprobe.format.net.IpAddress.tryParse(pattern).map(Object::toString).orElse(pattern);
    }
    // compiled anyway, even when matched as a literal: a bad one is an error
    BoundedRegex regex = pt.equals(REGEX) ? new BoundedRegex(Pattern.compile(pattern)) : null;
    String literal = pt.equals(REGEX) ? literalOf(pattern) : null;
    DistinguishedName dn = pt.equals(DN) ? DistinguishedName.parse(pattern) : null;
    return new Fingerprint(type, id, pattern, pt, source, regex, literal, dn);
  }

  /** The compiled regex of a {@code regex} line, null for the other pattern types. */
  public Pattern compiled() {
    return regex == null ? null : regex.pattern();
  }

  /**
   * Most published blockpage "regexes" are plain text with escaped dots ({@code fortinet\.net}). Those are
   * matched with {@code String.contains}, which finds exactly what the regex would, several times faster: the
   * classifier checks about a thousand of them against every response. Null when the pattern is a real regex.
   */
  static String literalOf(String regex) {
    StringBuilder out = new StringBuilder(regex.length());
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\') {
        if (i + 1 >= regex.length()) return null;
        char next = regex.charAt(++i);
        // \d, \s, \b, \Q, \1, \p{..}...: classes, anchors, quoting and back-references are not literal.
        if (Character.isLetterOrDigit(next)) return null;
        out.append(next);
      } else if (".[]{}()*+?^$|".indexOf(c) >= 0) {
        return null;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Whether {@code text} matches this fingerprint's pattern (null text never matches). */
  public boolean matches(String text) {
    if (text == null) return false;
    return switch (patternType) {
      case EXACT -> text.equals(pattern);
      case PREFIX -> text.startsWith(pattern);
      case REGEX -> literal != null ? text.contains(literal) : regex.find(text);
      case DN -> dn.sameAs(DistinguishedName.parse(text));
      default -> text.contains(pattern);
    };
  }
}
