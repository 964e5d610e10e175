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
    var c = ConfigLoader.load(f);
    assertEquals(c, LoopbackConfig.check(c));
  }

  @Test
  void everythingThatCouldReachBeyondLoopbackIsAProblemOfItsOwn() throws Exception {
    Path f = write("""
        probe: { id: demo }
        resolvers: [ udp://9.9.9.9:53, https://dns.example/dns-query ]
        control:
          resolver: udp://10.0.0.53:53
          helpers: [ http://helper.example:8080/, { url: "https://127.0.80.1/", token_file: token } ]
          targets: [ https://www.example.org/, https://192.0.2.7/ ]
        dns: { not_bogons: [ 10.0.0.0/8, 0.0.0.0/0 ] }
        upload: { url: postgresql://127.0.0.1/x, user: u, password_file: token }
        platforms:
          a: { endpoints: [ "https://www.videoland.test/", "tcp://localhost:80", "dns://www.example.com" ] }
        """);
    var e = assertThrows(ConfigException.class, () -> LoopbackConfig.check(ConfigLoader.load(f)));
    String tail = " (the demo reaches nothing beyond loopback)";
    assertEquals(List.of(
        "resolvers: udp://9.9.9.9:53 is not on a loopback address",
        "resolvers: https://dns.example/dns-query is not on a loopback address",
        "control.resolver: udp://10.0.0.53:53 is not on a loopback address",
        "control.helpers: http://helper.example:8080/ is not on a loopback address",
        "control.targets: https://www.example.org/ is not under .test, the demo's own zone",
        "control.targets: https://192.0.2.7/ is not a loopback address",
        "platforms.a: tcp://localhost:80 is not under .test, the demo's own zone",
        "platforms.a: dns://www.example.com is not under .test, the demo's own zone",
        "dns.not_bogons: 10.0.0.0/8 is not inside loopback",
        "dns.not_bogons: 0.0.0.0/0 is not inside loopback",
        "upload: the demo forwards nothing").stream().map(p -> p + tail).toList(),
        e.problems().stream().map(ConfigProblem::message).toList());
    assertEquals(f.toString(), e.problems().get(0).file());
  }
}
