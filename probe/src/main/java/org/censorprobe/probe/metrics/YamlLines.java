package org.censorprobe.probe.metrics;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * The web config's YAML as a small tree whose nodes keep their line, so each problem is reported as FILE:LINE
 * (Jackson's JsonNode drops locations). Duplicate keys are problems, not silently resolved.
 */
final class YamlLines {
  private static final int MAX_DEPTH = 16;

  sealed interface Node permits Scalar, Mapping, Sequence {
    int line();

    String kindName();
  }

  record Scalar(String text, int line) implements Node {
    boolean isNull() {
      return text == null;
    }

    @Override
    public String kindName() {
      return text == null ? "empty" : "a scalar";
    }
  }

  record Entry(String key, int line, Node value) {}

  record Mapping(List<Entry> entries, int line) implements Node {
    @Override
    public String kindName() {
      return "a mapping";
    }

    Entry get(String key) {
      for (Entry e : entries) if (e.key().equals(key)) return e;
      return null;
    }
  }

  record Sequence(List<Node> items, int line) implements Node {
    @Override
    public String kindName() {
      return "a list";
    }
  }

  private final BiConsumer<Integer, String> problems;

  YamlLines(BiConsumer<Integer, String> problems) {
    this.problems = problems;
  }

  /** The root node; null for an empty document or a syntax error (reported). */
  Node read(String text) {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(text.length() + 1);
    options.setNestingDepthLimit(MAX_DEPTH);
    try (YAMLParser p = YAMLFactory.builder().loaderOptions(options).build().createParser(text)) {
      JsonToken first = p.nextToken();
      if (first == null) return null;
      Node root = value(p, first, 1, 0);
      if (p.nextToken() != null) problems.accept(line(p), "a second YAML document (expected one document only)");
      return root;
    } catch (JsonProcessingException e) {
      if (e.getCause() instanceof MarkedYAMLException m && m.getProblemMark() != null) {
        problems.accept(m.getProblemMark().getLine() + 1, "YAML syntax error: " + m.getProblem());
      } else {
        int line = e.getLocation() == null ? 0 : Math.max(e.getLocation().getLineNr(), 0);
        problems.accept(line, "YAML syntax error: " + String.valueOf(e.getOriginalMessage()).lines().findFirst()
            .orElse("unreadable"));
      }
      return null;
    } catch (IOException e) {
      problems.accept(0, "cannot read YAML: " + e.getMessage());
      return null;
    }
  }

  private Node value(YAMLParser p, JsonToken token, int ownerLine, int depth) throws IOException {
    if (depth > MAX_DEPTH) throw new JsonParseException(p, "nesting deeper than " + MAX_DEPTH);
    int line = line(p);
    if (p.isCurrentAlias()) {
      problems.accept(line, "YAML alias '*" + p.getText() + "' (aliases are not supported)");
      return new Scalar(null, line);
    }
    switch (token) {
      case START_OBJECT: {
        List<Entry> entries = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          int keyLine = line(p);
          Node v = value(p, p.nextToken(), keyLine, depth + 1);
          Integer earlier = seen.putIfAbsent(key, keyLine);
          if (earlier != null) {
            problems.accept(keyLine, "duplicate key '" + key + "' (first on line " + earlier + ")");
          } else {
            entries.add(new Entry(key, keyLine, v));
          }
        }
        return new Mapping(List.copyOf(entries), ownerLine);
      }
      case START_ARRAY: {
        List<Node> items = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) items.add(value(p, t, line(p), depth + 1));
        return new Sequence(List.copyOf(items), ownerLine);
      }
      case VALUE_NULL:
        return new Scalar(null, line);
      default:
        return new Scalar(p.getText(), line);
    }
  }

  private static int line(YAMLParser p) {
    return p.currentTokenLocation().getLineNr();
  }
}
