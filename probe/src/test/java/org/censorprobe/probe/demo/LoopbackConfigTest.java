package org.censorprobe.probe.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.censorprobe.probe.config.ConfigException;
import org.censorprobe.probe.config.ConfigLoader;
import org.censorprobe.probe.config.ConfigProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoopbackConfigTest {
  @TempDir Path dir;

  private Path write(String yaml) throws Exception {
    Path f = dir.resolve("targets.yaml");
    Files.writeString(f, yaml);
    Files.writeString(dir.resolve("token"), "t");
    return f;
  }

  @Test
  void aConfigOfTheDemoWorldPasses() throws Exception {
    Path f = write("""
        probe: { id: demo }
        resolvers: [ udp://127.0.53.9:5353, "tcp://[::1]:5353" ]
        control:
          resolver: udp://127.0.53.2:5353
          helpers: [ http://127.0.80.1:8080/ ]
          targets: [ https://www.control-one.test:4443/, https://127.0.2.9:4443/ ]
        dns: { not_bogons: [ 127.0.0.0/8, 127.0.1.0/24, "::1/128" ] }
        platforms:
          a: { endpoints: [ "https://www.videoland.test:4443/", "tcp://127.0.1.1:4443", "dns://www.x.test" ] }
        """);
    var c = ConfigLoader.check(f);
    assertEquals(c.config(), LoopbackConfig.check(c));
  }

  @Test
  void everythingThatCouldReachBeyondLoopbackIsAProblemOfItsOwnOnItsLine() throws Exception {
    Path f = write("""
        probe: { id: demo }
        resolvers:
          - udp://9.9.9.9:53
          - udp://127.0.53.9:5353
          - https://dns.example/dns-query
        control:
          resolver: udp://10.0.0.53:53
          helpers: [ http://helper.example:8080/, { url: "https://127.0.80.1/", token_file: token } ]
          targets:
            - https://www.example.org/
            - { url: "https://192.0.2.7/", domestic: true }
        dns: { not_bogons: [ 10.0.0.0/8, 0.0.0.0/0 ] }
        upload:
          url: postgresql://127.0.0.1/x
          user: u
          password_file: token
        platforms:
          b:
            endpoints:
              - https://www.videoland.test/
              - tcp://localhost:80
          a: { endpoints: [ "https://www.videoland.test/", "dns://www.example.com" ] }
        """);
    var e = assertThrows(ConfigException.class, () -> LoopbackConfig.check(ConfigLoader.check(f)));
    String tail = " (the demo reaches nothing beyond loopback)";
    assertEquals(List.of(
        "3: resolvers: udp://9.9.9.9:53 is not on a loopback address",
        "5: resolvers: https://dns.example/dns-query is not on a loopback address",
        "7: control.resolver: udp://10.0.0.53:53 is not on a loopback address",
        "8: control.helpers: http://helper.example:8080/ is not on a loopback address",
        "10: control.targets: https://www.example.org/ is not under .test, the demo's own zone",
        "11: control.targets: https://192.0.2.7/ is not a loopback address",
        "12: dns.not_bogons: 10.0.0.0/8 is not inside loopback",
        "12: dns.not_bogons: 0.0.0.0/0 is not inside loopback",
        "13: upload: the demo forwards nothing",
        "21: platforms.b: tcp://localhost:80 is not under .test, the demo's own zone",
        "22: platforms.a: dns://www.example.com is not under .test, the demo's own zone").stream()
            .map(p -> p + tail).toList(),
        e.problems().stream().map(p -> p.line() + ": " + p.message()).toList());
    assertEquals(f.toString(), e.problems().get(0).file());
  }
}
