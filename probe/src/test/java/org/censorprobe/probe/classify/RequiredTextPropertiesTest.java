package org.censorprobe.probe.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * {@link RequiredText} may only skip a page that the regex cannot match: a skipped match is a missed blockpage.
 * Regexes are built from atoms over a two-letter alphabet (literals, escapes, classes, groups with alternation,
 * every quantifier and its lazy and possessive forms) and pages from the same letters, so that matches are common.
 */
class RequiredTextPropertiesTest {

  /** One branch (most tries) or several: every match holds the text of one of them. */
  @Property(tries = 8000)
  void everyMatchHoldsOneOfTheBranchesTexts(@ForAll("alternations") String regex, @ForAll("pages") String page) {
    List<String> anyOf = RequiredText.anyOf(regex, 0);
    if (anyOf != null && Pattern.compile(regex).matcher(page).find()) {
      assertTrue(anyOf.stream().anyMatch(page::contains), () -> regex + " matched " + page + " without any of "
          + anyOf);
    }
  }

  @Property(tries = 2000)
  void theBoundedRegexAnswersWhatThePatternAnswers(@ForAll("alternations") String regex,
                                                   @ForAll("pages") String page) {
    assertEquals(Pattern.compile(regex).matcher(page).find(), new BoundedRegex(Pattern.compile(regex)).find(page));
  }

  @Example
  void readsWhatIsCertainlyRequired() {
    assertEquals(List.of("twitter:card"), RequiredText.anyOf("<meta name=.*twitter:card", 0));
    assertEquals(List.of("fortinet.net"), RequiredText.anyOf("fortinet\\.net", 0));
    assertEquals(List.of("blocked"), RequiredText.anyOf("[a-z]+blocked\\d*", 0));
    assertEquals(List.of("ab"), RequiredText.anyOf("abc{2}x", 0), "a counted literal is not certain");
    assertEquals(List.of("ab"), RequiredText.anyOf("ab+c", 0), "abbc holds ab, not abc");
    assertEquals(List.of(" order"), RequiredText.anyOf("(by|on) order", 0), "a group's alternation is inside it");
    assertEquals(List.of("x"), RequiredText.anyOf("\uD83D\uDE00?x", 0), "an optional surrogate pair leaves whole");
    assertEquals(List.of("ab"), RequiredText.anyOf("abc?de", 0), "an optional literal ends the run before it");
    assertEquals(List.of("blocked", "was denied"), RequiredText.anyOf("blocked|access.*was denied", 0));
  }

  @Example
  void aBranchWithoutCertainTextLeavesNoFilter() {
    for (String regex : List.of("blocked|", "|blocked", "blocked|.*", "blocked|a?", "(?i)a|b")) {
      assertNull(RequiredText.anyOf(regex, 0), regex);
    }
  }

  @Example
  void givesNothingWhereNothingIsCertain() {
    for (String regex : List.of("(?i)blocked", "x\\p{L}yz", "\\Qa|b\\E", "a\\1", "\\x41bc",
        "[[a]b]cd", "a\\tb", "(?=ab)ab", "\\b{g}abc", ".*", "a?")) {
      assertNull(RequiredText.anyOf(regex, 0), regex);
    }
    assertNull(RequiredText.anyOf("blocked", Pattern.CASE_INSENSITIVE), "a flag changes what text matches");
  }

  @Example
  void mostShippedRegexesHaveRequiredText() {
    List<Fingerprint> regexes = Fingerprints.load(List.of()).all().stream()
        .filter(f -> f.regex() != null && f.literal() == null).toList();
    long filtered = regexes.stream().filter(f -> RequiredText.anyOf(f.pattern(), 0) != null).count();
    assertTrue(regexes.size() >= 20, "the shipped files hold real regexes: " + regexes.size());
    assertTrue(filtered * 10 >= regexes.size() * 8, filtered + " of " + regexes.size() + " have a required text");
  }

  @Provide
  Arbitrary<String> regexes() {
    Arbitrary<String> atom = Arbitraries.of("a", "b", "a", "b", "\\.", ".", "[ab]", "[^a]", "[]a]", "(a|b)",
        "(?:ab)", "(a)", "(b(a|)b)", "\\w", "\\s", "\\b", "^", "$", "x", "\\)");
    Arbitrary<String> quantifier = Arbitraries.of("", "", "", "?", "*", "+", "{2}", "{0,1}", "{1,}", "??", "*?",
        "++", "+?");
    Arbitrary<String> piece = atom.flatMap(a -> quantifier.map(q -> a.equals("^") || a.equals("$")
        || a.equals("\\b") ? a : a + q));
    return piece.list().ofMinSize(1).ofMaxSize(7).map(l -> String.join("", l));
  }

  /** One to three of {@link #regexes} as top-level branches (an empty one too). */
  @Provide
  Arbitrary<String> alternations() {
    Arbitrary<String> branch = Arbitraries.frequencyOf(Tuple.of(9, regexes()), Tuple.of(1, Arbitraries.just("")));
    return branch.list().ofMinSize(1).ofMaxSize(3).map(l -> String.join("|", l));
  }

  @Provide
  Arbitrary<String> pages() {
    return Arbitraries.strings().withChars("ab.x )").ofMaxLength(24);
  }
}
