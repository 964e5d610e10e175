package org.censorprobe.probe.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.censorprobe.format.net.IpAddress;
import org.junit.jupiter.api.Test;

class LoopbackTest {
  @Property
  void anIpv4AddressIsLoopbackExactlyWhenItIsIn127Slash8(@ForAll byte a, @ForAll byte b, @ForAll byte c,
                                                          @ForAll byte d) throws UnknownHostException {
    InetAddress address = InetAddress.getByAddress(new byte[] {a, b, c, d});
    assertEquals(a == 127, Loopback.is(address), address.toString());
    assertEquals(address.isLoopbackAddress(), Loopback.is(IpAddress.of(address)));
  }

  @Test
  void ipv6HasOneLoopbackAddressAndTheMappedFormOfIpv4Loopback() {
    assertTrue(Loopback.is(IpAddress.parse("::1")));
    assertTrue(Loopback.is(IpAddress.parse("::ffff:127.0.53.1")));
    assertFalse(Loopback.is(IpAddress.parse("::")));
    assertFalse(Loopback.is(IpAddress.parse("::2")));
    assertFalse(Loopback.is(IpAddress.parse("::ffff:10.0.0.1")));
    assertFalse(Loopback.is(IpAddress.parse("2001:db8::1")));
  }

  @Test
  void namesAreNeverTakenForLoopbackLiterals() {
    assertTrue(Loopback.isLiteral("127.0.1.1"));
    assertTrue(Loopback.isLiteral("[::1]"));
    assertFalse(Loopback.isLiteral("localhost"), "a name is looked up, so it is not trusted to be loopback");
    assertFalse(Loopback.isLiteral("127.0.0.1.example.org"));
    assertFalse(Loopback.isLiteral(null));
    assertThrows(LoopbackViolation.class,
        () -> Loopback.require(InetSocketAddress.createUnresolved("localhost", 80), "x"));
  }

  @Test
  void requireNamesWhatWantedTheAddress() throws UnknownHostException {
    var e = assertThrows(LoopbackViolation.class,
        () -> Loopback.require(InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 1}), "the status page"));
    assertEquals("the status page: 192.0.2.1 is not a loopback address", e.getMessage());
  }
}
