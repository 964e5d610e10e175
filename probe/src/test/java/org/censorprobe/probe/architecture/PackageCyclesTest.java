package org.censorprobe.probe.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * "The path reads measure → records → classify → store → metrics / reporter": no package of the production code
 * depends, through any chain of imports, on a package that depends on it. Read from the sources of every module,
 * so a cycle fails the build where it is made.
 */
class PackageCyclesTest {
  private static final Pattern IMPORT = Pattern.compile(
      "^import\\s+(?:static\\s+)?(org\\.censorprobe(?:\\.[a-z][a-z0-9_]*)+)\\.[A-Z]", Pattern.MULTILINE);
  private static final Pattern PACKAGE = Pattern.compile("^package\\s+([a-z0-9_.]+);", Pattern.MULTILINE);

  /** The repository's top: the module's working directory is probe/. */
  static Path top() {
    Path p = Path.of("").toAbsolutePath();
    return Files.exists(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("format")) ? p : p.getParent();
  }

  static Map<String, Set<String>> graph() throws IOException {
    Map<String, Set<String>> g = new TreeMap<>();
    for (String module : List.of("format", "central", "probe", "reporter")) {
      Path src = top().resolve(module).resolve("src/main/java");
      if (!Files.isDirectory(src)) continue;
      try (Stream<Path> files = Files.walk(src)) {
        for (Path f : files.filter(x -> x.toString().endsWith(".java")).toList()) {
          String text = Files.readString(f);
          Matcher pm = PACKAGE.matcher(text);
          if (!pm.find()) continue;
          String from = pm.group(1);
          Set<String> to = g.computeIfAbsent(from, k -> new TreeSet<>());
          Matcher im = IMPORT.matcher(text);
          while (im.find()) if (!im.group(1).equals(from)) to.add(im.group(1));
        }
      }
    }
    return g;
  }

  /** Tarjan's strongly connected components with more than one package. */
  static List<Set<String>> cycles(Map<String, Set<String>> g) {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    Set<String> onStack = new TreeSet<>();
    List<Set<String>> out = new ArrayList<>();
    int[] next = {0};
    for (String v : g.keySet()) if (!index.containsKey(v)) strong(v, g, index, low, stack, onStack, out, next);
    return out;
  }

  private static void strong(String v, Map<String, Set<String>> g, Map<String, Integer> index,
                             Map<String, Integer> low, Deque<String> stack, Set<String> onStack,
                             List<Set<String>> out, int[] next) {
    index.put(v, next[0]);
    low.put(v, next[0]++);
    stack.push(v);
    onStack.add(v);
    for (String w : g.getOrDefault(v, Set.of())) {
      if (!index.containsKey(w)) {
        strong(w, g, index, low, stack, onStack, out, next);
        low.put(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.contains(w)) {
        low.put(v, Math.min(low.get(v), index.get(w)));
      }
    }
    if (low.get(v).equals(index.get(v))) {
      Set<String> c = new TreeSet<>();
      String w;
      do {
        w = stack.pop();
        onStack.remove(w);
        c.add(w);
      } while (!w.equals(v));
      if (c.size() > 1) out.add(c);
    }
  }

  @Test
  @DisplayName("no cycle between the packages of format, central, probe and reporter")
  void noPackageCycles() throws IOException {
    Map<String, Set<String>> g = graph();
    assertTrue(g.size() > 20, "the sources were found: " + g.keySet());
    assertEquals(List.of(), cycles(g), "packages that depend on each other");
  }

  @Test
  @DisplayName("the cycle finder finds a cycle (so the test above can fail)")
  void findsACycle() {
    Map<String, Set<String>> g = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a"));
    assertEquals(List.of(Set.of("a", "b", "c")), cycles(new TreeMap<>(g)));
  }

  @Test
  @DisplayName("the classifier sees only records: it imports nothing of measuring, rounds, storage or the vantage")
  void classifierSeesOnlyRecords() throws IOException {
    Set<String> deps = graph().get("org.censorprobe.probe.classify");
    for (String forbidden : List.of("measure", "round", "store", "control", "schedule", "upload", "metrics")) {
      assertTrue(deps.stream().noneMatch(d -> d.startsWith("org.censorprobe.probe." + forbidden)),
          "classify imports " + deps);
    }
  }
}
