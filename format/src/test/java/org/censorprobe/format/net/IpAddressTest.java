package org.censorprobe.format.net;

import static org.junit.jupiter.api.Assertions.*;

import java.net.InetAddress;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpAddressTest {
  @ParameterizedTest
  @CsvSource({
      "2a00:1450:4001:82b:0:0:0:200e, 2a00:1450:4001:82b::200e",
      "2A00:1450:4001:082B::200E, 2a00:1450:4001:82b::200e",
      "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
      "2001:0db8:0000:0000:0000:0000:0002:0001, 2001:db8::2:1",
      "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
      "0:0:0:0:0:0:0:1, ::1",
      "::, ::",
      "::ffff:192.0.2.1, ::ffff:192.0.2.1",
      "0:0:0:0:0:ffff:c000:201, ::ffff:192.0.2.1",
      "[2001:db8::1], 2001:db8::1",
      "192.0.2.1, 192.0.2.1",
      "010.001.002.003, 10.1.2.3"})
  void everySpellingReadsAsTheCanonicalText(String spelling, String canonical) {
    assertEquals(canonical, IpAddress.parse(spelling).toString());
  }

  @ParameterizedTest
  @CsvSource({"www.example.org", "1.2.3", "1.2.3.256", "1::2::3", "1:2:3:4:5:6:7:8:9", "12345::1", "fe80::1%eth0",
      "'  '", "1.2.3.4.5", "::g"})
  void namesAndGarbageAreNotAddresses(String text) {
    assertTrue(IpAddress.tryParse(text).isEmpty(), text);
  }

  @Test
  void twoSpellingsOfOneAddressAreOneValue() {
    IpAddress a = IpAddress.parse("2a00:1450:4001:82b:0:0:0:200e");
    IpAddress b = IpAddress.parse("2a00:1450:4001:82b::200e");
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertEquals(0, a.compareTo(b));
  }

  @Test
  void ipv4SortsBeforeIpv6AndByValue() {
    assertTrue(IpAddress.parse("255.255.255.255").compareTo(IpAddress.parse("::1")) < 0);
    assertTrue(IpAddress.parse("9.0.0.1").compareTo(IpAddress.parse("10.0.0.1")) < 0);
    assertTrue(IpAddress.parse("2001:db8::2").compareTo(IpAddress.parse("2001:db8::10")) < 0);
  }

  @Property
  void canonicalTextParsesBackToTheSameBytes(@ForAll @Size(16) byte[] bytes) {
    IpAddress a = IpAddress.of(bytes);
    assertEquals(a, IpAddress.parse(a.toString()));
    assertEquals(a.toString(), IpAddress.parse(a.toString()).toString());
  }

  @Property
  void theJdksLongFormReadsAsTheCanonicalText(@ForAll @Size(16) byte[] bytes) throws Exception {
    InetAddress jdk = InetAddress.getByAddress(bytes);
    // The JDK folds IPv4-mapped addresses into IPv4; those have their own canonical form.
    if (jdk.getAddress().length == 16) {
      assertEquals(IpAddress.of(bytes).toString(), IpAddress.parse(jdk.getHostAddress()).toString());
    }
  }

  @Property
  void ipv4RoundTrips(@ForAll @Size(4) byte[] bytes) {
    IpAddress a = IpAddress.of(bytes);
    assertEquals(a, IpAddress.parse(a.toString()));
    assertEquals(IpAddress.Family.IPV4, a.family());
  }

  @Test
  void ipPortUsesBracketsForIpv6() {
    assertEquals("[2001:db8::1]:443", IpPort.parse("[2001:DB8:0::1]:443").toString());
    assertEquals("192.0.2.1:80", IpPort.parse("192.0.2.1:80").toString());
    assertThrows(IllegalArgumentException.class, () -> IpPort.parse("2001:db8::1:443"));
  }
}
