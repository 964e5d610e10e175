package org.censorprobe.probe.classify;

public record RoundSummary(int controlsTotal, int controlsOk, int domesticTotal, int domesticOk,
                           LocalNetwork localNetwork) {}
