package org.censorprobe.probe.classify;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The first fingerprint of a list, in list order, that a text matches: what a loop over {@link
 * Fingerprint#matches} answers, found in one pass over the text for the patterns that are plain text.
 *
 * <p>Every response of every round is matched against the blockpage list (about 590 patterns, 550 of them plain
 * text once their escapes are read) over its title, each header line and its body sample. One {@code contains}
 * per pattern read each body several hundred times. Here the plain-text patterns share one Aho-Corasick automaton,
 * which reads the text once and reports the lowest list position among the patterns it contains; the other
 * patterns (real regexes, exact, prefix, DN) are then tried in list order, only those that come before that
 * position, so the answer is the loop's, pattern for pattern.
 *
 * <p>A real regex's {@link RequiredText required texts} are in the automaton too, so the same pass tells which of
 * them the text holds: a regex none of whose texts is there is passed over unread (it cannot match). A search for
 * each of them with {@code String.contains}, one pass per regex, was a third of the classifying thread's samples
 * under C1, which compiles {@code indexOf} as a plain loop.
 */
final class FirstMatch {
  private final List<Fingerprint> patterns;
  /** Positions (in {@link #patterns}) of the patterns not in the automaton, ascending. */
  private final int[] others;
  /** For each of {@link #others}: the ids of its required texts (one of which a match holds), or null. */
  private final int[][] othersNeed;
  /** How many distinct required texts the automaton holds. */
  private final int texts;
  // The automaton: node 0 is the root. Node v's edges are edgeChars/edgeTargets[edgeStart[v] .. edgeStart[v+1]),
  // sorted by char for a binary search. Flat arrays, not an array per node: most of the ~74,000 nodes of the
  // shipped list have one edge, and two small arrays each made the automaton 4.8 MB of a 24 MB live heap.
  private final int[] edgeStart;
  private final char[] edgeChars;
  private final int[] edgeTargets;
  private final int[] fail;
  /** The lowest pattern position that ends at this node or at any node of its fail chain; MAX_VALUE for none. */
  private final int[] lowestEnding;
  /** The id of the required text that ends at this node, or -1. */
  private final int[] textEnding;
  /** The nearest node of this node's fail chain (itself excluded) at which a required text ends, or -1. */
  private final int[] textOut;
  /**
   * The root's edge for each char below 256, or -1: most characters of an ordinary page are read at the root (no
   * pattern under way), which has the most edges, and binary searches over a node's edges were the largest frame of
   * the {@code rounds} thread's profile. Looked up here, a blockpage check of an ordinary response took 74 us
   * instead of 80-86 under C1 (bench's {@code CpuPerOp}).
   */
  private final int[] rootStep = new int[256];

  FirstMatch(List<Fingerprint> patterns) {
    this.patterns = List.copyOf(patterns);
    List<Integer> rest = new ArrayList<>();
    Trie trie = new Trie();
    for (int i = 0; i < this.patterns.size(); i++) {
      String text = plainText(this.patterns.get(i));
      if (text == null || text.isEmpty()) {
        rest.add(i);
      } else {
        trie.add(text, i);
      }
    }
    this.others = rest.stream().mapToInt(Integer::intValue).toArray();
    this.othersNeed = new int[others.length][];
    Map<String, Integer> ids = new HashMap<>();
    for (int k = 0; k < others.length; k++) {
      Fingerprint f = this.patterns.get(others[k]);
      List<String> required = f.literal() == null && f.regex() != null ? f.regex().required() : null;
      if (required == null) continue;
      othersNeed[k] = new int[required.size()];
      for (int j = 0; j < required.size(); j++) othersNeed[k][j] = trie.textId(required.get(j), ids);
    }
    this.texts = ids.size();
    int n = trie.size();
    this.edgeStart = new int[n + 1];
    this.edgeChars = new char[n - 1]; // a trie: every node but the root has one edge into it
    this.edgeTargets = new int[n - 1];
    this.fail = new int[n];
    this.lowestEnding = new int[n];
    this.textEnding = new int[n];
    this.textOut = new int[n];
    int e = 0;
    for (int v = 0; v < n; v++) {
      Trie.Node node = trie.nodes.get(v);
      edgeStart[v] = e;
      for (var edge : node.edges.entrySet()) {
        edgeChars[e] = edge.getKey();
        edgeTargets[e++] = edge.getValue();
      }
      lowestEnding[v] = node.ending;
      textEnding[v] = node.text;
    }
    edgeStart[n] = e;
    for (int c = 0; c < rootStep.length; c++) rootStep[c] = search(0, (char) c);
    link();
  }

  /** The text a pattern matches by containment, or null when it is not such a pattern. */
  private static String plainText(Fingerprint f) {
    return switch (f.patternType()) {
      case Fingerprint.CONTAINS -> f.pattern();
      case Fingerprint.REGEX -> f.literal();
      default -> null;
    };
  }

  /** Fail links, breadth first; each node's lowest ending folds in its fail target's (already final). */
  private void link() {
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    textOut[0] = -1;
    for (int e = edgeStart[0]; e < edgeStart[1]; e++) {
      fail[edgeTargets[e]] = 0;
      textOut[edgeTargets[e]] = -1;
      queue.add(edgeTargets[e]);
    }
    while (!queue.isEmpty()) {
      int v = queue.poll();
      for (int e = edgeStart[v]; e < edgeStart[v + 1]; e++) {
        char c = edgeChars[e];
        int child = edgeTargets[e];
        int f = fail[v];
        while (f != 0 && step(f, c) < 0) f = fail[f];
        int target = step(f, c);
        fail[child] = target >= 0 && target != child ? target : 0;
        lowestEnding[child] = Math.min(lowestEnding[child], lowestEnding[fail[child]]);
        textOut[child] = textEnding[fail[child]] >= 0 ? fail[child] : textOut[fail[child]];
        queue.add(child);
      }
    }
  }

  private int step(int node, char c) {
    return node == 0 && c < rootStep.length ? rootStep[c] : search(node, c);
  }

  private int search(int node, char c) {
    int i = Arrays.binarySearch(edgeChars, edgeStart[node], edgeStart[node + 1], c);
    return i >= 0 ? edgeTargets[i] : -1;
  }

  Optional<Fingerprint> first(String text) {
    if (text == null) return Optional.empty();
    boolean[] seen = new boolean[texts];
    int lowest = lowestContained(text, seen);
    for (int k = 0; k < others.length; k++) {
      int i = others[k];
      if (i > lowest) break;
      Fingerprint f = patterns.get(i);
      int[] needs = othersNeed[k];
      if (needs == null ? f.matches(text) : anySeen(needs, seen) && f.regex().findKnowingRequired(text)) {
        return Optional.of(f);
      }
    }
    return lowest == Integer.MAX_VALUE ? Optional.empty() : Optional.of(patterns.get(lowest));
  }

  private static boolean anySeen(int[] ids, boolean[] seen) {
    for (int id : ids) if (seen[id]) return true;
    return false;
  }

  /**
   * The lowest position of a plain-text pattern the text contains; marks in {@code seen} the required texts it
   * holds (all of them, unless a match of the first pattern ends the pass: then no other pattern is tried).
   */
  private int lowestContained(String text, boolean[] seen) {
    int lowest = Integer.MAX_VALUE;
    int v = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int next;
      while ((next = step(v, c)) < 0 && v != 0) v = fail[v];
      v = next < 0 ? 0 : next;
      // A text marked seen had its node's whole output chain marked with it: the walk stops there.
      for (int u = textEnding[v] >= 0 ? v : textOut[v]; u >= 0 && !seen[textEnding[u]]; u = textOut[u]) {
        seen[textEnding[u]] = true;
      }
      if (lowestEnding[v] < lowest) {
        lowest = lowestEnding[v];
        if (lowest == 0) break; // nothing can come before the first pattern
      }
    }
    return lowest;
  }

  /** The goto graph while it is built. */
  private static final class Trie {
    final List<Node> nodes = new ArrayList<>(List.of(new Node()));

    void add(String text, int position) {
      Node node = nodes.get(walk(text));
      node.ending = Math.min(node.ending, position);
    }

    /** The id of a required text, numbered in {@code ids} and added to the trie when new. */
    int textId(String text, Map<String, Integer> ids) {
      Integer id = ids.get(text);
      if (id == null) {
        id = ids.size();
        ids.put(text, id);
        nodes.get(walk(text)).text = id;
      }
      return id;
    }

    /** The node {@code text} leads to from the root, made as needed. */
    private int walk(String text) {
      int v = 0;
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        Integer next = nodes.get(v).edges.get(c);
        if (next == null) {
          next = nodes.size();
          nodes.add(new Node());
          nodes.get(v).edges.put(c, next);
        }
        v = next;
      }
      return v;
    }

    int size() {
      return nodes.size();
    }

    static final class Node {
      final java.util.TreeMap<Character, Integer> edges = new java.util.TreeMap<>(); // in char order
      int ending = Integer.MAX_VALUE;
      int text = -1;
    }
  }
}
