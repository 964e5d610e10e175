package org.censorprobe.probe.store;

import java.time.Instant;
import org.censorprobe.format.interpret.Method;
import org.censorprobe.format.interpret.Verdict;

/**
 * A platform's roll-up verdict in one stored round, as its records carry it ({@code platform_verdict}):
 * what a status page's history strip shows. {@code method} is null for ok.
 */
public record PlatformRound(String roundId, Instant at, String platform, String platformName, Verdict verdict,
                            Method method) {}
