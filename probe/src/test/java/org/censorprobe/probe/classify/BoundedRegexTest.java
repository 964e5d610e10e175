package org.censorprobe.probe.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class BoundedRegexTest {
  @Test
  void aMatchStoppedByTheBudgetLeavesTheThreadsMatcherUsable() {
    BoundedRegex regex = new BoundedRegex(Pattern.compile("(a+)+b"));

    // The page holds the regex's required "b", so the matcher runs (and backtracks) over it.
    assertFalse(regex.find("b" + "a".repeat(40) + "c"), "catastrophic backtracking stops as no match");
    assertTrue(regex.find("xx aab yy"));
    assertFalse(regex.find("aac"));
  }

  @Test
  void threadsSharingOneRegexEachGetTheirOwnAnswer() throws Exception {
    BoundedRegex regex = new BoundedRegex(Pattern.compile("blocked (by|on) order [0-9]+"));
    Pattern plain = regex.pattern();
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      texts.add(i % 3 == 0 ? "page " + i + " blocked by order " + i : i % 3 == 1 ? "blocked on order x" + i : "ok " + i);
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> answers = new ArrayList<>();
      for (String t : texts) answers.add(pool.submit(() -> regex.find(t)));
      for (int i = 0; i < texts.size(); i++) {
        assertEquals(plain.matcher(texts.get(i)).find(), answers.get(i).get(), texts.get(i));
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
