package org.censorprobe.format.scrub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.censorprobe.format.net.IpAddress;

/** The scrubber's two promises, for any text and any address. */
class ScrubberPropertiesTest {
  /** Characters that end a spelling on either side: what pages, headers and messages put around an address. */
  private static final String SEPARATORS = " \n\t/\"'=<>,;()[]!?&#@";

  private static Scrubber scrubbing(IpAddress a) {
    return new Scrubber(Set.of(a), new byte[32]);
  }

  @Property(tries = 2000)
  void theScrubbedTextHoldsNoSpellingOfTheAddress(@ForAll("addresses") IpAddress a, @ForAll int which,
                                                  @ForAll String before, @ForAll String after,
                                                  @ForAll("separator") char left, @ForAll("separator") char right) {
    List<String> spellings = Spellings.of(a);
    String spelling = spellings.get(Math.floorMod(which, spellings.size()));
    String text = before + left + spelling + right + after;
    String scrubbed = scrubbing(a).text(text);
    for (String s : spellings) {
      for (char l : SEPARATORS.toCharArray()) {
        for (char r : SEPARATORS.toCharArray()) {
          assertFalse(scrubbed.contains(l + s + r), () -> "'" + s + "' left in " + scrubbed);
        }
      }
      assertFalse(scrubbed.startsWith(s + right) || scrubbed.endsWith(left + s), scrubbed);
    }
    assertFalse(scrubbing(a).finds(scrubbed), scrubbed);
    assertEquals(scrubbed, scrubbing(a).text(scrubbed), "scrubbing twice changes nothing more");
  }

  @Property(tries = 2000)
  void aTextWithoutTheAddressIsUnchanged(@ForAll("addresses") IpAddress a,
                                         @ForAll("textsWithoutIt") java.util.function.Function<IpAddress, String> t) {
    String text = t.apply(a);
    assertEquals(text, scrubbing(a).text(text));
  }

  @Provide
  Arbitrary<IpAddress> addresses() {
    Arbitrary<IpAddress> v4 = Arbitraries.bytes().array(byte[].class).ofSize(4).map(IpAddress::of);
    Arbitrary<IpAddress> v6 = Arbitraries.bytes().array(byte[].class).ofSize(16).map(IpAddress::of);
    // Zero runs, where the compressed spellings differ, are rare among random bytes: make them common.
    Arbitrary<IpAddress> sparse = Arbitraries.integers().between(0, 0xffff).list().ofSize(8)
        .map(gs -> gs.stream().map(g -> g % 3 == 0 ? 0 : g).toList())
        .map(ScrubberPropertiesTest::fromGroups);
    Arbitrary<IpAddress> known = Arbitraries.of("10.0.0.10", "192.0.2.1", "2001:db8::1", "::ffff:192.0.2.1",
        "fe80::1:0:0:1", "1::").map(IpAddress::parse);
    return Arbitraries.oneOf(v4, v6, sparse, known);
  }

  @Provide
  Arbitrary<Character> separator() {
    return Arbitraries.of(SEPARATORS.chars().mapToObj(c -> (char) c).toList());
  }

  /**
   * Texts of words, other addresses and near misses of the address (the address inside a longer number), joined by
   * separators. Addresses that hold ours as their dotted tail are not "other": there it is a spelling.
   */
  @Provide
  Arbitrary<java.util.function.Function<IpAddress, String>> textsWithoutIt() {
    Arbitrary<IpAddress> others = addresses();
    Arbitrary<String> words = Arbitraries.strings().withChars("abcdefxyz0123456789.:-%").ofMaxLength(12);
    // Not 0: a leading zero is another spelling of the same number (010.0.0.1 is 10.0.0.1).
    Arbitrary<Integer> digits = Arbitraries.integers().between(1, 9);
    Arbitrary<Token> token = Arbitraries.oneOf(
        others.map(Token::other), words.map(Token::word), digits.map(Token::nearMissBefore),
        digits.map(Token::nearMissAfter), Arbitraries.just(Token.nearMissColon()));
    return Combinators.combine(token.list().ofMaxSize(8), separator().list().ofMinSize(8).ofMaxSize(8),
            Arbitraries.integers())
        .as((tokens, seps, which) -> a -> {
          StringBuilder s = new StringBuilder();
          for (int i = 0; i < tokens.size(); i++) {
            String word = tokens.get(i).text(a, which);
            if (word != null) s.append(word).append(seps.get(i));
          }
          return s.toString();
        });
  }

  /** One word of a text that must stay as it is; null when it would be a spelling of the address after all. */
  private interface Token {
    String text(IpAddress a, int which);

    static Token other(IpAddress b) {
      return (a, which) -> {
        if (b.equals(a) || holdsAsTail(b, a)) return null;
        List<String> s = Spellings.of(b);
        return s.get(Math.floorMod(which, s.size()));
      };
    }

    /** A word none of whose substrings reads as the address, percent-encoded or not. */
    static Token word(String w) {
      return (a, which) -> {
        String plain = w.replace("%3A", ":").replace("%3a", ":").replace("%2E", ".").replace("%2e", ".");
        for (int i = 0; i < plain.length(); i++) {
          for (int j = i + 1; j <= plain.length(); j++) {
            if (IpAddress.tryParse(plain.substring(i, j)).filter(x -> x.equals(a) || holdsAsTail(x, a)).isPresent()) {
              return null;
            }
          }
        }
        return w;
      };
    }

    /** "1" before a dotted spelling, or a group before a colon spelling: a longer number. */
    static Token nearMissBefore(int d) {
      return (a, which) -> a.family() == IpAddress.Family.IPV4 ? d + a.toString() : d + ":" + full(a);
    }

    static Token nearMissAfter(int d) {
      return (a, which) -> a.family() == IpAddress.Family.IPV4 ? a + "." + d : full(a) + ":" + d;
    }

    static Token nearMissColon() {
      return (a, which) -> a.family() == IpAddress.Family.IPV4 ? "1" + a + "1" : full(a) + "f";
    }
  }

  /** The uncompressed spelling, so that a group before or after it cannot make a shorter valid form. */
  private static String full(IpAddress a) {
    byte[] b = a.bytes();
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i > 0) s.append(':');
      s.append(Integer.toHexString(((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff)));
    }
    return s.toString();
  }

  /** {@code b} is IPv6 and its last four bytes are IPv4 {@code a}: its dotted-tail spelling holds {@code a}. */
  private static boolean holdsAsTail(IpAddress b, IpAddress a) {
    if (a.family() != IpAddress.Family.IPV4 || b.family() != IpAddress.Family.IPV6) return false;
    return Arrays.equals(Arrays.copyOfRange(b.bytes(), 12, 16), a.bytes());
  }

  private static IpAddress fromGroups(List<Integer> groups) {
    byte[] b = new byte[16];
    for (int i = 0; i < 8; i++) {
      b[2 * i] = (byte) (groups.get(i) >> 8);
      b[2 * i + 1] = (byte) (int) groups.get(i);
    }
    return IpAddress.of(b);
  }
}
