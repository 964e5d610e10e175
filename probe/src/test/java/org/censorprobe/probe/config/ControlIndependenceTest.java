package org.censorprobe.probe.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Controls that one outage or block could take down together: warnings, never a refusal. */
class ControlIndependenceTest {
  static final Path WARN = ConfigLoaderTest.CONFIGS.resolve("warn");

  /** One fixture per warning rule: the file, the line the warning must be on, and its gist. */
  static Stream<Arguments> warnFixtures() {
    return Stream.of(
        Arguments.of("same-host", 5, "control.targets[1] 'tcp://www.debian.org:443' is on the same host as control.targets[0] (line 4)"),
        Arguments.of("same-domain", 7, "control.targets[2] 'http://network-test.debian.org/nm' shares the domain debian.org as control.targets[0] (line 5)"),
        Arguments.of("same-provider", 5, "control.targets[1] 'tcp://one.one.one.one:443' is run by Cloudflare, the same provider as control.targets[0] (line 4)"),
        Arguments.of("watched-domain", 5, "control.targets[1] 'https://developers.facebook.com/' is on facebook.com, where watched platform 'facebook' is measured"),
        Arguments.of("watched-address", 4, "control.targets[0] 'tcp://149.154.175.50:443' is on 149.154.175.50, where watched platform 'telegram' is measured"),
        Arguments.of("resolver-same-provider", 6, "control.resolver 'https://cloudflare-dns.com/dns-query' is run by Cloudflare, like resolvers[1] 'udp://1.1.1.1:53' (line 4)"),
        Arguments.of("resolver-same-provider-as-target", 3, "control.resolver 'https://cloudflare-dns.com/dns-query' is run by Cloudflare, like control.targets[1] 'https://www.cloudflare.com/' (line 6)"),
        Arguments.of("resolver-runs-platform", 3, "control.resolver 'https://dns.google/dns-query' is run by Google, which also runs watched platform 'google' (google.com)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("warnFixtures")
  void eachRuleWarnsOnceOnItsLine(String fixture, int line, String gist) throws Exception {
    Path file = WARN.resolve(fixture + ".yaml");
    ConfigLoader.Checked c = ConfigLoader.check(file);
    assertEquals(1, c.warnings().size(), () -> "expected exactly one warning, got: " + c.warnings());
    ConfigProblem w = c.warnings().get(0);
    assertEquals(line, w.line(), w::toString);
    assertTrue(w.message().contains(gist), () -> "message '" + w.message() + "' lacks '" + gist + "'");
    assertEquals(file.toString(), w.file());
    assertEquals(c.config(), ConfigLoader.load(file), "a warning never changes what is loaded");
  }

  @Test
  void theShippedTargetsFileHasNoWarning() throws Exception {
    assertEquals(List.of(), ConfigLoader.check(Path.of("../targets.yaml")).warnings());
  }

  @Test
  void independentControlsHaveNoWarning() throws Exception {
    assertEquals(List.of(), ConfigLoader.check(ConfigLoaderTest.CONFIGS.resolve("good/full.yaml")).warnings());
    assertEquals(List.of(), ConfigLoader.check(ConfigLoaderTest.CONFIGS.resolve("good/minimal.yaml")).warnings());
  }

  @Test
  void registrableDomainsComeFromThePublicSuffixList() {
    assertEquals("debian.org", ControlIndependence.registrableDomain("network-test.debian.org"));
    assertEquals("egov.kz", ControlIndependence.registrableDomain("www.egov.kz"));
    assertEquals("example.co.uk", ControlIndependence.registrableDomain("a.b.example.co.uk"));
    assertNull(ControlIndependence.registrableDomain("149.154.175.50"));
    assertNull(ControlIndependence.registrableDomain("co.uk"), "a public suffix is no one's domain");
  }

  @Test
  void providersAreKnownByAddressAndByName() {
    assertEquals("Cloudflare", ControlIndependence.providerOf("1.1.1.1").name());
    assertEquals("Cloudflare", ControlIndependence.providerOf("2606:4700:4700::1111").name());
    assertEquals("Cloudflare", ControlIndependence.providerOf("cloudflare-dns.com").name());
    assertEquals("Cloudflare", ControlIndependence.providerOf("www.cloudflare.com").name());
    assertEquals("Quad9", ControlIndependence.providerOf("dns.quad9.net").name());
    assertEquals("Google", ControlIndependence.providerOf("8.8.4.4").name());
    assertNull(ControlIndependence.providerOf("www.wikipedia.org"));
    assertNull(ControlIndependence.providerOf("notcloudflare.com"), "a suffix match needs a dot");
  }
}
