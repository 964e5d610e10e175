package org.censorprobe.probe.config;

import org.censorprobe.format.record.ProbeIdentity;
import org.censorprobe.format.endpoint.Endpoint;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;

/**
 * targets.yaml, validated. Immutable: a reload builds a new one.
 *
 * @param storeMaxBytes {@code store.max_size}: the store's disk cap, 0 for none
 * @param upload {@code upload:}, null when the probe forwards nothing
 */
public record ProbeConfig(
    Path source,
    ProbeIdentity probe,
    Timeouts timeouts,
    ScheduleSpec schedule,
    List<ResolverSpec> resolvers,
    ControlConfig control,
    List<Path> tlsTrust,
    List<Cidr> notBogons,
    Limits limits,
    ClassifierSettings classifier,
    String store,
    List<Platform> platforms,
    long storeMaxBytes,
    UploadSettings upload) {

  /** A config without a store cap or an upload (tests, tools). */
  public ProbeConfig(Path source, ProbeIdentity probe, Timeouts timeouts, ScheduleSpec schedule,
                     List<ResolverSpec> resolvers, ControlConfig control, List<Path> tlsTrust, List<Cidr> notBogons,
                     Limits limits, ClassifierSettings classifier, String store, List<Platform> platforms) {
    this(source, probe, timeouts, schedule, resolvers, control, tlsTrust, notBogons, limits, classifier, store,
        platforms, 0, null);
  }

  public ProbeConfig {
    resolvers = List.copyOf(resolvers);
    tlsTrust = List.copyOf(tlsTrust);
    notBogons = List.copyOf(notBogons);
    platforms = List.copyOf(platforms);
  }

  /** Resolvers a platform's names go through: the system resolver first, then the configured extras. */
  public List<ResolverSpec> localResolvers() {
    var all = new java.util.ArrayList<ResolverSpec>();
    all.add(ResolverSpec.SYSTEM);
    all.addAll(resolvers);
    return List.copyOf(all);
  }

  public boolean isDeclaredNotBogon(InetAddress address) {
    for (Cidr c : notBogons) if (c.contains(address)) return true;
    return false;
  }
}
