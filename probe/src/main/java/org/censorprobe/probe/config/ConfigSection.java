package org.censorprobe.probe.config;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.censorprobe.format.text.DurationText;

/**
 * One mapping of the config (a block like {@code timeouts:}) with typed, reporting getters. Every getter returns
 * null when the key is absent, null, or wrong, so callers apply defaults; wrong values are reported on their line.
 */
final class ConfigSection {
  private final YamlNode.Mapping mapping;
  private final String path;
  private final ProblemList problems;

  private ConfigSection(YamlNode.Mapping mapping, String path, ProblemList problems) {
    this.mapping = mapping;
    this.path = path;
    this.problems = problems;
  }

  /** The section, or null (reported) when {@code node} is not a mapping. Unknown keys are reported here. */
  static ConfigSection of(YamlNode node, String path, ProblemList problems, List<String> allowedKeys) {
    if (!(node instanceof YamlNode.Mapping m)) {
      problems.add(node.line(), path + " is " + node.kindName() + " (expected a mapping with keys: "
          + String.join(", ", allowedKeys) + ")");
      return null;
    }
    Set<String> allowed = Set.copyOf(allowedKeys);
    for (YamlNode.Entry e : m.entries()) {
      if (!allowed.contains(e.key())) {
        String guess = KeySuggestion.closest(e.key(), allowedKeys).map(k -> "did you mean '" + k + "'? ").orElse("");
        problems.add(e.line(), "unknown key '" + e.key() + "' in " + path + " (" + guess + "expected one of: "
            + String.join(", ", allowedKeys) + ")");
      }
    }
    return new ConfigSection(m, path, problems);
  }

  String path() {
    return path;
  }

  int line() {
    return mapping.line();
  }

  String pathOf(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** The value node, or null when absent or written as null. */
  YamlNode node(String key) {
    YamlNode.Entry e = mapping.get(key);
    if (e == null) return null;
    if (e.value() instanceof YamlNode.Scalar s && s.isNull()) return null;
    return e.value();
  }

  /** The line a problem about {@code key} goes on: its value's, or the section's when the key is absent. */
  int lineOf(String key) {
    YamlNode.Entry e = mapping.get(key);
    return e == null ? mapping.line() : e.line();
  }

  void requirePresent(String key, String expected) {
    if (node(key) == null) problems.add(lineOf(key), path + ": missing key '" + key + "' (expected " + expected + ")");
  }

  /** The scalar's text; numbers are accepted as text (an id may well be all digits). */
  String string(String key, String expected) {
    YamlNode n = node(key);
    if (n == null) return null;
    return scalarText(n, pathOf(key), expected, problems);
  }

  static String scalarText(YamlNode n, String where, String expected, ProblemList problems) {
    if (n instanceof YamlNode.Scalar s && !s.isNull()) return s.text();
    problems.add(n.line(), where + " is " + n.kindName() + " (expected " + expected + ")");
    return null;
  }

  Long integer(String key, long min, long max) {
    String text = string(key, "an integer from " + min + " to " + max);
    if (text == null) return null;
    long value;
    try {
      value = Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      problems.add(node(key).line(), pathOf(key) + " '" + text + "' is not an integer (expected an integer from "
          + min + " to " + max + ")");
      return null;
    }
    if (value < min || value > max) {
      problems.add(node(key).line(), pathOf(key) + " " + value + " is out of range (expected an integer from "
          + min + " to " + max + ")");
      return null;
    }
    return value;
  }

  Double decimal(String key, double exclusiveMin, double max) {
    String expected = "a number greater than " + fmt(exclusiveMin) + " and at most " + fmt(max);
    String text = string(key, expected);
    if (text == null) return null;
    double value;
    try {
      value = Double.parseDouble(text.strip());
    } catch (NumberFormatException e) {
      value = Double.NaN;
    }
    if (!(value > exclusiveMin && value <= max)) {
      problems.add(node(key).line(), pathOf(key) + " '" + text + "' is not valid (expected " + expected + ")");
      return null;
    }
    return value;
  }

  Boolean bool(String key) {
    YamlNode n = node(key);
    if (n == null) return null;
    // Only true/false: YAML 1.1's yes/no/on/off are too easy to write by accident.
    if (n instanceof YamlNode.Scalar s && s.bool() != null
        && (s.text().equalsIgnoreCase("true") || s.text().equalsIgnoreCase("false"))) {
      return s.bool();
    }
    problems.add(n.line(), pathOf(key) + " is " + n.kindName() + " (expected true or false)");
    return null;
  }

  /** A duration; zero only when {@code zeroAllowed}. */
  Duration duration(String key, boolean zeroAllowed) {
    String text = string(key, DurationText.EXPECTED);
    if (text == null) return null;
    Duration d = DurationText.parse(text);
    int line = node(key).line();
    if (d == null) {
      problems.add(line, pathOf(key) + " '" + text + "' is not a duration (expected " + DurationText.EXPECTED + ")");
      return null;
    }
    if (d.isZero() && !zeroAllowed) {
      problems.add(line, pathOf(key) + " is zero (expected a positive duration such as 5s)");
      return null;
    }
    return d;
  }

  Long size(String key, long min, long max) {
    String text = string(key, ByteSizeText.EXPECTED);
    if (text == null) return null;
    long bytes = ByteSizeText.parse(text);
    int line = node(key).line();
    if (bytes < 0) {
      problems.add(line, pathOf(key) + " '" + text + "' is not a size (expected " + ByteSizeText.EXPECTED + ")");
      return null;
    }
    if (bytes < min || bytes > max) {
      problems.add(line, pathOf(key) + " " + text + " is out of range (expected " + ByteSizeText.format(min) + " to "
          + ByteSizeText.format(max) + ")");
      return null;
    }
    return bytes;
  }

  /** A list's items; a missing key is an empty list. */
  List<YamlNode> list(String key, String itemExpected) {
    YamlNode n = node(key);
    if (n == null) return List.of();
    if (n instanceof YamlNode.Sequence s) return s.items();
    problems.add(n.line(), pathOf(key) + " is " + n.kindName() + " (expected a list of " + itemExpected + ")");
    return List.of();
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
