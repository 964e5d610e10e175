package org.censorprobe.probe.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Example;

/**
 * {@link FirstMatch} must answer exactly what the plain loop over {@link Fingerprint#matches} answers, for every
 * list and every text: which fingerprint a page matches is named in the verdict's evidence. Patterns and texts are
 * drawn from a four-letter alphabet (with the regex metacharacters a literal escapes) so that overlaps, shared
 * prefixes, patterns inside patterns and duplicates are common.
 */
class FirstMatchPropertiesTest {

  @Property(tries = 2000)
  void answersWhatTheLoopAnswers(@ForAll("lists") List<Fingerprint> list, @ForAll("texts") String text) {
    assertEquals(loop(list, text), new FirstMatch(list).first(text));
  }

  /** Real regexes only: nothing in the automaton ends the pass before their required texts are looked for. */
  @Property(tries = 2000)
  void answersWhatTheLoopAnswersForRealRegexes(@ForAll("regexLists") List<Fingerprint> list,
                                               @ForAll("texts") String text) {
    assertEquals(loop(list, text), new FirstMatch(list).first(text));
  }

  @Example
  void shippedBlockpagesAndFalsePositivesOnPagesBuiltFromThemselves() {
    Fingerprints shipped = Fingerprints.load(List.of());
    for (String type : List.of(Fingerprint.BLOCKPAGE, Fingerprint.FALSE_POSITIVE)) {
      List<Fingerprint> list = shipped.all().stream().filter(f -> f.type().equals(type)).toList();
      FirstMatch m = new FirstMatch(list);
      int matched = 0;
      for (int i = 0; i < list.size(); i++) {
        Fingerprint f = list.get(i);
        String plain = f.literal() != null ? f.literal() : f.pattern();
        // The pattern's own text inside a page, next to its neighbour's: every position, and overlaps.
        String neighbour = list.get((i + 1) % list.size()).pattern();
        for (String page : List.of(plain, "<html>" + plain + "</html>", neighbour + plain, plain.substring(1))) {
          Optional<Fingerprint> expected = loop(list, page);
          assertEquals(expected, m.first(page), page);
          if (expected.isPresent()) matched++;
        }
      }
      assertTrue(matched > list.size(), type + ": too few pages matched for the check to mean anything: " + matched);
    }
  }

  /**
   * The plain loop, with a regex matched by {@link java.util.regex.Pattern} itself: no literal reading, no required
   * text, no budget (the texts are short), so a shortcut that is wrong in both places still shows.
   */
  private static Optional<Fingerprint> loop(List<Fingerprint> list, String text) {
    if (text == null) return Optional.empty();
    for (Fingerprint f : list) {
      boolean match = f.compiled() != null ? f.compiled().matcher(text).find() : f.matches(text);
      if (match) return Optional.of(f);
    }
    return Optional.empty();
  }

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.strings().withChars("abcd.").ofMaxLength(40);
  }

  @Provide
  Arbitrary<List<Fingerprint>> lists() {
    return lists(Arbitraries.of(Fingerprint.CONTAINS, Fingerprint.REGEX, Fingerprint.EXACT, Fingerprint.PREFIX,
        "escaped", "wildcard", "either", "either-wildcard"));
  }

  @Provide
  Arbitrary<List<Fingerprint>> regexLists() {
    return lists(Arbitraries.of("wildcard", "either", "either-wildcard"));
  }

  private static Arbitrary<List<Fingerprint>> lists(Arbitrary<String> kinds) {
    Arbitrary<String> words = Arbitraries.strings().withChars("abcd").ofMinLength(0).ofMaxLength(5);
    Arbitrary<Fingerprint> one = Combinators.combine(kinds, words, words).as(FirstMatchPropertiesTest::fingerprint);
    return one.list().ofMaxSize(12).map(l -> {
      // ids by position, so that two equal patterns are still two fingerprints
      List<Fingerprint> out = new ArrayList<>();
      for (int i = 0; i < l.size(); i++) {
        Fingerprint f = l.get(i);
        out.add(Fingerprint.of(f.type(), "f" + i, f.pattern(), f.patternType(), "test"));
      }
      return out;
    });
  }

  private static Fingerprint fingerprint(String kind, String a, String b) {
    return switch (kind) {
      // a literal written as a regex: the automaton's
      case "escaped" -> Fingerprint.of(Fingerprint.BLOCKPAGE, "x", a + "\\." + b, Fingerprint.REGEX, "test");
      // a real regex: tried in order, outside the automaton
      case "wildcard" -> Fingerprint.of(Fingerprint.BLOCKPAGE, "x", a + "." + b, Fingerprint.REGEX, "test");
      // real regexes whose required texts (one per branch) the automaton looks for
      case "either" -> Fingerprint.of(Fingerprint.BLOCKPAGE, "x", a + "|" + b, Fingerprint.REGEX, "test");
      case "either-wildcard" -> Fingerprint.of(Fingerprint.BLOCKPAGE, "x", a + ".|c" + b, Fingerprint.REGEX, "test");
      default -> Fingerprint.of(Fingerprint.BLOCKPAGE, "x", a + b, kind, "test");
    };
  }
}
