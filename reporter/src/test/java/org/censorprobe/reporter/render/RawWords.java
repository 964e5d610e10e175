package org.censorprobe.reporter.render;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.censorprobe.format.interpret.Confidence;
import org.censorprobe.format.interpret.Fact;
import org.censorprobe.format.interpret.LocalNetwork;
import org.censorprobe.format.interpret.Method;
import org.censorprobe.format.interpret.Technique;
import org.censorprobe.format.observe.FailureType;
import org.censorprobe.reporter.read.Status;

/**
 * The vocabulary a reader must never meet in a report's prose: method and failure wire names, fact keys, the
 * Java names of enums, JSON. Built from the enums themselves, so a method or failure added later is covered.
 */
final class RawWords {
  /** Fact keys made of more than one word (the one-word keys, "answers" or "retried", are ordinary words). */
  static final List<String> FACT_KEYS = List.of("dns_injection", "bogon_answers", "blocking_address", "dns_failures",
      "dns_consistency", "tampered_names", "sni_swap", "http_failure", "blockpage_fingerprint", "captive_portal",
      "unexpected_content", "cross_platform", "endpoint_method");

  private RawWords() {}

  static Set<String> all() {
    Set<String> words = new LinkedHashSet<>(FACT_KEYS);
    for (Method m : Method.values()) {
      words.add(m.wire());
      words.add(m.name());
    }
    for (FailureType f : FailureType.values()) {
      words.add(f.wire());
      if (f.name().contains("_")) words.add(f.name());
    }
    for (Technique t : Technique.values()) words.add(t.name());
    for (LocalNetwork n : LocalNetwork.values()) if (n.name().contains("_")) words.add(n.name());
    for (Confidence c : Confidence.values()) words.add(c.name());
    for (Fact.Missing m : Fact.Missing.values()) words.add(m.wire());
    words.add(Status.NO_DATA.name());
    return words;
  }

  /** Every raw word, JSON punctuation or {@code null} found in {@code text}. */
  static List<String> in(String text) {
    List<String> found = new ArrayList<>();
    for (String w : all()) {
      Matcher m = Pattern.compile("(?<![\\w.])" + Pattern.quote(w) + "(?![\\w])").matcher(text);
      if (m.find()) found.add(w + " at «" + around(text, m.start()) + "»");
    }
    for (String json : List.of("{\"", "\":", "[\"", "\\bnull\\b", "×")) {
      Matcher m = Pattern.compile(json.startsWith("\\b") ? json : Pattern.quote(json)).matcher(text);
      if (m.find()) found.add(json + " at «" + around(text, m.start()) + "»");
    }
    return found;
  }

  private static String around(String text, int at) {
    return text.substring(Math.max(0, at - 40), Math.min(text.length(), at + 40));
  }
}
