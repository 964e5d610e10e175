package org.censorprobe.probe.ooni;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.censorprobe.format.observe.Failure;
import org.censorprobe.format.observe.FailureType;
import org.censorprobe.format.observe.Operation;
import org.junit.jupiter.api.Test;

class OoniFailuresTest {
  @Test
  void everyTranslationIsAStringOfDf007AndEveryOtherFailureKeepsItsName() {
    OoniSpec spec = OoniSpec.load();
    for (FailureType t : FailureType.values()) {
      Failure f = Failure.of(t, Operation.CONNECT);
      String same = OoniFailures.equivalent(t);
      if (same != null) {
        assertTrue(spec.listsFailure(same) || same.equals("unknown_failure"), same);
        assertEquals(same, OoniFailures.ooni(f));
        assertNull(OoniFailures.censorprobe(f));
      } else {
        assertEquals("unknown_failure: " + t.wire(), OoniFailures.ooni(f));
        assertEquals(t.wire(), OoniFailures.censorprobe(f), "censorprobe's name is kept beside OONI's catch-all");
      }
    }
    assertNull(OoniFailures.ooni(null));
  }

  @Test
  void theProbesOwnBudgetIsNotReportedAsANetworkTimeout() {
    assertEquals("unknown_failure: budget_exhausted",
        OoniFailures.ooni(Failure.of(FailureType.BUDGET_EXHAUSTED, Operation.CONNECT)));
  }
}
