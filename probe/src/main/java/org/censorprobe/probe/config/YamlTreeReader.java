package org.censorprobe.probe.config;

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
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads YAML text into a {@link YamlNode} tree, walking Jackson's token stream so every node keeps its line.
 * Duplicate keys and aliases are reported (and the walk goes on) rather than silently resolved: a duplicate
 * platform id would otherwise make one platform vanish without a word.
 */
final class YamlTreeReader {
  /** Deeper than any real config; bounds recursion on hostile input. */
  private static final int MAX_DEPTH = 32;

  private final ProblemList problems;

  YamlTreeReader(ProblemList problems) {
    this.problems = problems;
  }

  /** The document's root, or null when the text is empty or has a syntax error (already reported). */
  YamlNode read(String text) {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(text.length() + 1);
    options.setNestingDepthLimit(MAX_DEPTH);
    YAMLFactory factory = YAMLFactory.builder().loaderOptions(options).build();
    try (YAMLParser parser = factory.createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first == null) return null;
      YamlNode root = readValue(parser, first, 1, 0);
      if (parser.nextToken() != null) {
        problems.add(line(parser), "a second YAML document (expected one document only)");
      }
      return root;
    } catch (JsonProcessingException e) {
      reportSyntaxError(e);
      return null;
    } catch (IOException e) {
      problems.add(0, "cannot read YAML: " + e.getMessage());
      return null;
    }
  }

  /** {@code ownerLine} is the line of the key that holds a container: a missing key inside is reported there. */
  private YamlNode readValue(YAMLParser p, JsonToken token, int ownerLine, int depth) throws IOException {
    if (depth > MAX_DEPTH) throw new JsonParseException(p, "nesting deeper than " + MAX_DEPTH);
    int line = line(p);
    if (p.isCurrentAlias()) {
      problems.add(line, "YAML alias '*" + p.getText() + "' (expected a plain value: aliases are not supported)");
      return new YamlNode.Scalar(null, null, line);
    }
    return switch (token) {
      case START_OBJECT -> readMapping(p, ownerLine, depth);
      case START_ARRAY -> readSequence(p, ownerLine, depth);
      case VALUE_NULL -> new YamlNode.Scalar(null, null, line);
      // YAML 1.1 reads yes/no/on/off as booleans: keep the text, so "country: NO" is still Norway.
      case VALUE_TRUE -> new YamlNode.Scalar(p.getText(), Boolean.TRUE, line);
      case VALUE_FALSE -> new YamlNode.Scalar(p.getText(), Boolean.FALSE, line);
      default -> new YamlNode.Scalar(p.getText(), null, line);
    };
  }

  private YamlNode.Mapping readMapping(YAMLParser p, int ownerLine, int depth) throws IOException {
    List<YamlNode.Entry> entries = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      int keyLine = line(p);
      YamlNode value = readValue(p, p.nextToken(), keyLine, depth + 1);
      Integer earlier = seen.putIfAbsent(key, keyLine);
      if (earlier != null) {
        problems.add(keyLine, "duplicate key '" + key + "' (first defined on line " + earlier + "; each key once)");
      } else {
        entries.add(new YamlNode.Entry(key, keyLine, value));
      }
    }
    return new YamlNode.Mapping(entries, ownerLine);
  }

  private YamlNode.Sequence readSequence(YAMLParser p, int ownerLine, int depth) throws IOException {
    List<YamlNode> items = new ArrayList<>();
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
      items.add(readValue(p, t, line(p), depth + 1));
    }
    return new YamlNode.Sequence(items, ownerLine);
  }

  private static int line(YAMLParser p) {
    return p.currentTokenLocation().getLineNr();
  }

  /** SnakeYAML knows where the problem is and where the construct it broke began; Jackson's location is coarser. */
  private void reportSyntaxError(JsonProcessingException e) {
    if (e.getCause() instanceof MarkedYAMLException m && m.getProblemMark() != null) {
      String context = m.getContext() == null || m.getContextMark() == null ? ""
          : m.getContext() + " that starts on line " + (m.getContextMark().getLine() + 1) + "; ";
      problems.add(m.getProblemMark().getLine() + 1, "YAML syntax error: " + m.getProblem() + " (" + context
          + "expected valid YAML)");
      return;
    }
    int line = e.getLocation() == null ? 0 : Math.max(e.getLocation().getLineNr(), 0);
    String message = e.getOriginalMessage() == null ? "unreadable YAML" : e.getOriginalMessage().strip().lines()
        .findFirst().orElse("unreadable YAML");
    problems.add(line, "YAML syntax error: " + message + " (expected valid YAML)");
  }
}
