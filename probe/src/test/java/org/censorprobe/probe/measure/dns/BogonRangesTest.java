package org.censorprobe.probe.measure.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import org.censorprobe.probe.config.Cidr;
import org.censorprobe.probe.config.IpLiterals;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class BogonRangesTest {
  private static final BogonRanges IANA = BogonRanges.excluding(List.of());

  @ParameterizedTest(name = "{0} is a bogon ({1})")
  @CsvSource({
      "0.0.0.0, this network",
      "0.1.2.3, this network",
      "10.10.34.35, private",
      "100.64.0.1, shared address space (CGN)",
      "100.127.255.254, shared address space (CGN)",
      "127.0.0.1, loopback",
      "127.255.255.254, loopback",
      "169.254.169.254, link local",
      "172.16.0.1, private",
      "172.31.255.255, private",
      "192.0.0.8, IETF protocol assignments",
      "192.0.0.170, NAT64 discovery",
      "192.0.2.1, TEST-NET-1",
      "192.88.99.1, deprecated 6to4 relay anycast",
      "192.168.1.1, private",
      "198.18.0.1, benchmarking",
      "198.19.255.255, benchmarking",
      "198.51.100.7, TEST-NET-2",
      "203.0.113.9, TEST-NET-3",
      "224.0.0.1, multicast",
      "239.255.255.250, multicast",
      "240.0.0.1, reserved",
      "255.255.255.255, limited broadcast",
      "::, unspecified",
      "::1, loopback",
      "::10.0.0.1, deprecated IPv4-compatible",
      "64:ff9b:1::1, local-use NAT64",
      "64:ff9b::a00:1, well-known NAT64 embedding a private IPv4 (10.0.0.1)",
      "100::1, discard-only",
      "2001::1, Teredo",
      "2001:2::1, benchmarking",
      "2001:10::1, deprecated ORCHID",
      "2001:db8::1, documentation",
      "2002:c000:201::1, 6to4",
      "3fff::1, documentation (2024)",
      "5f00::1, segment routing SIDs",
      "fc00::1, unique local",
      "fd12:3456::1, unique local",
      "fe80::1, link local",
      "fec0::1, deprecated site local",
      "ff02::1, multicast",
  })
  void specialPurposeAddressesAreBogons(String address, String range) {
    assertTrue(IANA.isBogon(IpLiterals.parse(address)), address + " (" + range + ")");
  }

  @ParameterizedTest(name = "{0} is not a bogon ({1})")
  @CsvSource({
      "1.1.1.1, ordinary unicast",
      "31.13.72.36, ordinary unicast",
      "100.63.255.255, just below shared address space",
      "100.128.0.0, just above shared address space",
      "172.15.255.255, just below 172.16/12",
      "172.32.0.0, just above 172.16/12",
      "192.0.0.9, PCP anycast (globally reachable in the registry)",
      "192.0.0.10, TURN anycast (globally reachable in the registry)",
      "192.31.196.1, AS112-v4",
      "192.52.193.1, AMT",
      "192.88.99.2, 6a44 relay anycast",
      "192.175.48.1, AS112 direct delegation",
      "198.17.255.255, just below benchmarking",
      "223.255.255.255, just below multicast",
      "2a03:2880:f10c:83:face:b00c:0:25de, ordinary unicast",
      "2001:1::1, PCP anycast",
      "2001:3::1, AMT",
      "2001:4:112::1, AS112-v6",
      "2001:20::1, ORCHIDv2",
      "2001:30::1, drone remote ID",
      "2001:200::1, just above 2001::/23",
      "2620:4f:8000::1, AS112 direct delegation",
      "64:ff9b::808:808, well-known NAT64 embedding a public IPv4 (8.8.8.8)",
  })
  void globallyReachableAddressesAreNotBogons(String address, String why) {
    assertFalse(IANA.isBogon(IpLiterals.parse(address)), address + " (" + why + ")");
  }

  @Test
  void ipv4MappedIpv6IsABogonWhateverItEmbeds() throws Exception {
    byte[] mappedPublic = new byte[16];
    mappedPublic[10] = (byte) 0xff;
    mappedPublic[11] = (byte) 0xff;
    mappedPublic[12] = 8;
    mappedPublic[13] = 8;
    mappedPublic[14] = 8;
    mappedPublic[15] = 8;
    assertTrue(IANA.isBogon(mappedPublic));
    assertTrue(IANA.isBogon(Inet6Address.getByAddress(null, mappedPublic, null)));
    // The same embedded address as plain IPv4 is ordinary: the mapped form is what makes it a bogon.
    assertFalse(IANA.isBogon(InetAddress.getByAddress(new byte[] {8, 8, 8, 8})));
  }

  @Test
  void notBogonsFromTheConfigAreExcluded() {
    BogonRanges withCgnat = BogonRanges.excluding(List.of(Cidr.parse("100.64.0.0/10"), Cidr.parse("fd00::/8")));
    assertFalse(withCgnat.isBogon(IpLiterals.parse("100.64.3.4")));
    assertFalse(withCgnat.isBogon(IpLiterals.parse("fd00::53")));
    assertTrue(withCgnat.isBogon(IpLiterals.parse("10.0.0.1")), "other ranges stay bogons");
    assertTrue(withCgnat.isBogon(IpLiterals.parse("fc00::53")), "the rest of fc00::/7 stays bogon");
  }

  @Test
  void wrongLengthIsNotAnAddressAndNotABogon() {
    assertEquals(false, IANA.isBogon(new byte[5]));
  }
}
