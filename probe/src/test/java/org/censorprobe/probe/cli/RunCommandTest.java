package org.censorprobe.probe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class RunCommandTest {
  @Test
  void listenTakesIpLiteralsOnlyNeverANameToResolve() {
    InetSocketAddress a = RunCommand.listenAddress("127.0.0.1:19847");
    assertEquals("127.0.0.1", a.getAddress().getHostAddress());
    assertEquals(19847, a.getPort());
    assertEquals(9, RunCommand.listenAddress("[::1]:9").getPort());
    assertTrue(RunCommand.listenAddress(":8080").getAddress().isAnyLocalAddress());
    assertThrows(IllegalArgumentException.class, () -> RunCommand.listenAddress("localhost:8080"));
    assertThrows(IllegalArgumentException.class, () -> RunCommand.listenAddress("127.0.0.1"));
    assertThrows(IllegalArgumentException.class, () -> RunCommand.listenAddress("127.0.0.1:70000"));
  }
}
