package org.censorprobe.probe.store;

/** A row as re-judging reads it: the record and the revision it is in (bumped by every re-judgement). */
public record StoredRecord(String id, int revision, String record) {}
