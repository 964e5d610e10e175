package org.censorprobe.probe.config;

import java.util.List;

/**
 * A YAML value with the line it starts on, so every config problem can name its line. Jackson's JsonNode drops
 * locations, hence this small tree of our own.
 */
sealed interface YamlNode permits YamlNode.Scalar, YamlNode.Mapping, YamlNode.Sequence {
  int line();

  /** What the value is, for "expected X, got Y" messages. */
  String kindName();

  /** A plain value. {@code text} is as written (null for a YAML null); {@code bool} is set when YAML reads a boolean. */
  record Scalar(String text, Boolean bool, int line) implements YamlNode {
    boolean isNull() {
      return text == null;
    }

    @Override
    public String kindName() {
      return isNull() ? "nothing (null)" : "a scalar '" + text + "'";
    }
  }

  /** One key of a mapping; {@code line} is the key's line. */
  record Entry(String key, int line, YamlNode value) {}

  /** Keys in file order, duplicates already reported and dropped. */
  record Mapping(List<Entry> entries, int line) implements YamlNode {
    public Mapping {
      entries = List.copyOf(entries);
    }

    Entry get(String key) {
      for (Entry e : entries) if (e.key().equals(key)) return e;
      return null;
    }

    @Override
    public String kindName() {
      return "a mapping";
    }
  }

  record Sequence(List<YamlNode> items, int line) implements YamlNode {
    public Sequence {
      items = List.copyOf(items);
    }

    @Override
    public String kindName() {
      return "a list";
    }
  }
}
