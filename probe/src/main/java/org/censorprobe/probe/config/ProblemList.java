package org.censorprobe.probe.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects every problem of one config file, so the user sees them all at once, in file order. */
final class ProblemList {
  private final String file;
  private final List<ConfigProblem> problems = new ArrayList<>();

  ProblemList(String file) {
    this.file = file;
  }

  void add(int line, String message) {
    problems.add(new ConfigProblem(file, line, message));
  }

  boolean isEmpty() {
    return problems.isEmpty();
  }

  /** Sorted by line; problems on one line keep the order they were found in (List.sort is stable). */
  List<ConfigProblem> inFileOrder() {
    List<ConfigProblem> sorted = new ArrayList<>(problems);
    sorted.sort(Comparator.comparingInt(ConfigProblem::line));
    return sorted;
  }
}
