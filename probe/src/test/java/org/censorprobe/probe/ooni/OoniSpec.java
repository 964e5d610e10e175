package org.censorprobe.probe.ooni;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks one exported line against ooni/spec's required keys and types, as written down in
 * {@code ooni/ooni-spec-keys.json} (which says which spec files and commit it comes from). Returns every problem
 * with its path, so that a failing test says what is wrong where.
 */
final class OoniSpec {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final JsonNode spec;
  private final Set<String> failureStrings = new HashSet<>();
  private final String otherFailurePrefix;
  private final Set<String> failureKeys = new HashSet<>();
  private final Set<String> omitted = new HashSet<>();

  private OoniSpec(JsonNode spec) {
    this.spec = spec;
    spec.path("failures").path("strings").forEach(s -> failureStrings.add(s.asText()));
    spec.path("failures").path("keys").forEach(s -> failureKeys.add(s.asText()));
    otherFailurePrefix = spec.path("failures").path("other_prefix").asText();
    spec.path("censorprobe_omits").fieldNames().forEachRemaining(omitted::add);
  }

  static OoniSpec load() {
    try (InputStream in = OoniSpec.class.getResourceAsStream("/ooni/ooni-spec-keys.json")) {
      return new OoniSpec(JSON.readTree(in));
    } catch (IOException e) {
      throw new IllegalStateException("ooni/ooni-spec-keys.json is missing or not JSON", e);
    }
  }

  /** The spec files and commit the key list was derived from. */
  String source() {
    return spec.path("spec").path("repository").asText() + " at " + spec.path("spec").path("commit").asText();
  }

  /** Whether df-007 lists {@code s} as a failure string (not counting the unknown_failure catch-all). */
  boolean listsFailure(String s) {
    return failureStrings.contains(s);
  }

  /** Every problem of one exported line; empty when it follows the spec. */
  List<String> problems(String line) {
    List<String> out = new ArrayList<>();
    JsonNode m;
    try {
      m = JSON.readTree(line);
    } catch (IOException e) {
      return List.of("not JSON: " + e.getMessage());
    }
    check(m, spec.path("root").asText(), "$", out);
    extensions(m, out);
    return out;
  }

  private void check(JsonNode value, String type, String path, List<String> out) {
    if (!matches(value, type, path, out, true)) {
      out.add(path + ": " + kind(value) + " where the spec has " + type);
    }
  }

  /** Whether {@code value} is of {@code type}; when {@code report}, the problems inside a matching object too. */
  private boolean matches(JsonNode v, String type, String path, List<String> out, boolean report) {
    for (String alt : alternatives(type)) {
      if (matchesOne(v, alt, path, out, report)) return true;
    }
    return false;
  }

  private boolean matchesOne(JsonNode v, String t, String path, List<String> out, boolean report) {
    if (t.startsWith("array<")) {
      if (!v.isArray()) return false;
      String inner = t.substring(6, t.length() - 1);
      int i = 0;
      for (JsonNode e : v) check(e, inner, path + "[" + i++ + "]", out);
      return true;
    }
    if (t.startsWith("map<")) {
      if (!v.isObject()) return false;
      String inner = t.substring(4, t.length() - 1);
      for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        check(e.getValue(), inner, path + "." + e.getKey(), out);
      }
      return true;
    }
    if (t.startsWith("#")) {
      if (!v.isObject()) return false;
      object(v, t.substring(1), path, out);
      return true;
    }
    return switch (t) {
      case "string" -> v.isTextual();
      case "integer" -> v.isIntegralNumber();
      case "number" -> v.isNumber();
      case "boolean" -> v.isBoolean();
      case "null" -> v.isNull();
      case "object" -> v.isObject();
      case "array" -> v.isArray();
      default -> throw new IllegalArgumentException("unknown type in ooni-spec-keys.json: " + t);
    };
  }

  private void object(JsonNode v, String name, String path, List<String> out) {
    JsonNode def = spec.path("objects").path(name);
    if (def.isMissingNode()) throw new IllegalArgumentException("no object '" + name + "' in ooni-spec-keys.json");
    for (Iterator<Map.Entry<String, JsonNode>> it = def.path("required").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> r = it.next();
      if (!v.has(r.getKey())) {
        if (!omitted.contains(name + "." + r.getKey())) out.add(path + ": no " + r.getKey() + " (" + name + ")");
        continue;
      }
      check(v.get(r.getKey()), r.getValue().asText(), path + "." + r.getKey(), out);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      String p = path + "." + key;
      if (def.path("forbidden").has(key)) out.add(p + ": " + def.path("forbidden").path(key).asText());
      if (def.path("optional").has(key)) check(e.getValue(), def.path("optional").path(key).asText(), p, out);
      else if (!def.path("required").has(key) && !key.startsWith("x_")) {
        out.add(p + ": not a key of " + name + ", and not an x_ key");
      }
      if (failureKeys.contains(key) && !e.getValue().isNull()) failure(e.getValue(), p, out);
      if (def.path("patterns").has(key) && e.getValue().isTextual()
          && !Pattern.matches(def.path("patterns").path(key).asText(), e.getValue().asText())) {
        out.add(p + ": '" + e.getValue().asText() + "' does not match " + def.path("patterns").path(key).asText());
      }
    }
  }

  private void failure(JsonNode f, String path, List<String> out) {
    String s = f.asText();
    if (!f.isTextual() || !failureStrings.contains(s) && !s.startsWith(otherFailurePrefix)) {
      out.add(path + ": '" + s + "' is not a failure string of df-007");
    }
  }

  /** Every data format used in test_keys is named in extensions. */
  private void extensions(JsonNode m, List<String> out) {
    JsonNode keys = spec.path("extensions").path("keys");
    for (Iterator<String> it = m.path("test_keys").fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (keys.has(k) && !m.path("extensions").has(keys.path(k).asText())) {
        out.add("$.extensions: no " + keys.path(k).asText() + " for test_keys." + k);
      }
    }
  }

  /** The alternatives of a type at its top level: "string|#binary_data" has two, "array<a|b>" one. */
  private static List<String> alternatives(String type) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    int from = 0;
    for (int i = 0; i < type.length(); i++) {
      char c = type.charAt(i);
      if (c == '<') depth++;
      else if (c == '>') depth--;
      else if (c == '|' && depth == 0) {
        out.add(type.substring(from, i));
        from = i + 1;
      }
    }
    out.add(type.substring(from));
    return out;
  }

  private static String kind(JsonNode v) {
    return v.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " " + abbreviate(v.toString());
  }

  private static String abbreviate(String s) {
    return s.length() > 60 ? s.substring(0, 60) + "..." : s;
  }
}
