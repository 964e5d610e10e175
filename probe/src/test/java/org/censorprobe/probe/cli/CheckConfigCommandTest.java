package org.censorprobe.probe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CheckConfigCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cmd = Main.commandLine();
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(err));
    return cmd.execute(args);
  }

  @Test
  void goodConfigPrintsASummaryAndExitsZero() {
    int code = run("check-config", "--config", "src/test/resources/config/good/full.yaml");
    assertEquals(0, code, err::toString);
    assertEquals("", err.toString());
    String s = out.toString();
    assertTrue(s.contains("probe: kz-almaty-1 (country KZ, network Kazakhtelecom, AS9198)"), s);
    assertTrue(s.contains("platforms: 2 (facebook, telegram)"), s);
    assertTrue(s.contains("endpoints: 5 (url 1, tls 1, tcp 3; 2 by IP address, no DNS)"), s);
    assertTrue(s.contains("controls: 3 (domestic 1, international 2)"), s);
    assertTrue(s.contains("resolvers: system, udp://1.1.1.1:53, tcp://[2606:4700:4700::1111]:5353,"
        + " https://dns.example.net/dns-query"), s);
    assertTrue(s.contains("control resolver: https://dns.google/dns-query"), s);
    assertTrue(s.contains("helpers: 2"), s);
  }

  @Test
  void badConfigPrintsEveryProblemToStderrAndExitsTwo() {
    String file = "src/test/resources/config/many-problems.yaml";
    int code = run("check-config", "--config", file);
    assertEquals(Main.EXIT_BAD_CONFIG, code);
    assertEquals("", out.toString());
    List<String> lines = err.toString().lines().toList();
    assertEquals(7, lines.size(), err::toString);
    List<String> prefixes = List.of("2", "3", "6", "7", "7", "8", "9");
    for (int i = 0; i < lines.size(); i++) {
      assertTrue(lines.get(i).startsWith(file + ":" + prefixes.get(i) + ": "), lines.get(i));
    }
  }

  @Test
  void brokenFingerprintFileIsAConfigErrorWithItsLine() {
    int code = run("check-config", "--config", "src/test/resources/config/bad-fingerprints/targets.yaml");
    assertEquals(Main.EXIT_BAD_CONFIG, code);
    assertTrue(err.toString().contains("broken.jsonl:2: "), err::toString);
  }

  @Test
  void missingConfigExitsTwo() {
    assertEquals(Main.EXIT_BAD_CONFIG, run("check-config", "--config", "src/test/resources/config/nothing.yaml"));
    assertTrue(err.toString().startsWith("src/test/resources/config/nothing.yaml:0: no such config file"), err::toString);
  }

  /** Parses the shipped file; measures nothing. */
  @Test
  void shippedTargetsFileChecksClean() {
    assertEquals(0, run("check-config", "--config", "../targets.yaml"), err::toString);
    assertEquals("", err.toString(), "no problem and no warning");
    assertTrue(out.toString().contains("platforms: 11"), out::toString);
    assertTrue(out.toString().contains("domestic 2"), out::toString);
    assertTrue(!out.toString().contains("warning"), out::toString);
  }

  /** Two controls on one provider (both on debian.org): valid, exit 0, one FILE:LINE warning on standard error. */
  @Test
  void twoControlsOnOneProviderWarnOnceAndPass() {
    String file = "src/test/resources/config/warn/same-domain.yaml";
    assertEquals(0, run("check-config", "--config", file), err::toString);
    List<String> lines = err.toString().lines().toList();
    assertEquals(1, lines.size(), err::toString);
    assertTrue(lines.get(0).startsWith(file + ":7: warning: control.targets[2] 'http://network-test.debian.org/nm'"
        + " shares the domain debian.org"), lines.get(0));
    assertTrue(out.toString().contains("config OK: " + file), out::toString);
    assertTrue(out.toString().contains("warnings: 1"), out::toString);
  }
}
