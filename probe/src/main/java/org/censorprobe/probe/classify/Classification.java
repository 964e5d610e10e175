package org.censorprobe.probe.classify;

import java.util.Map;

/**
 * A verdict with what justifies it. {@code method} is {@code layer.reason} (see {@link Methods}), null for a plain
 * {@code ok}. {@code evidence} is one sentence a journalist can quote; {@code facts} the structured data behind it
 * (addresses, issuers, titles, timings), JSON-serialisable values only.
 */
public record Classification(Verdict verdict, String method, Confidence confidence, String evidence,
                             Map<String, Object> facts) {
  public Classification {
    facts = facts == null ? Map.of() : Map.copyOf(facts);
  }
}
