package org.censorprobe.probe.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.censorprobe.probe.config.Cidr;
import org.censorprobe.probe.config.IpLiterals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the control-server may dial: public addresses and allowed ports only, unless allow-listed. Pure. */
class TargetPolicyTest {
  private final TargetPolicy policy = new TargetPolicy(List.of(), Set.of(), 8);

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1",
      "0.0.0.0", "224.0.0.1", "255.255.255.255", "192.0.2.1", "::1", "fd00::1", "fe80::1", "ff02::1",
      "::ffff:10.0.0.1"})
  void refusesNonPublicAddresses(String address) {
    assertFalse(policy.addressAllowed(IpLiterals.parse(address)), address);
  }

  @ParameterizedTest
  @ValueSource(strings = {"93.184.216.34", "157.240.1.35", "2a03:2880:f10c:83:face:b00c:0:25de"})
  void allowsPublicAddresses(String address) {
    assertTrue(policy.addressAllowed(IpLiterals.parse(address)), address);
  }

  @Test
  void anAllowListOpensOnlyItsRange() {
    TargetPolicy lab = new TargetPolicy(List.of(Cidr.parse("198.18.0.0/15")), Set.of(8080), 8);
    assertTrue(lab.addressAllowed(IpLiterals.parse("198.19.1.10")));
    assertFalse(lab.addressAllowed(IpLiterals.parse("10.0.0.1")));
    assertTrue(lab.portAllowed(8080));
  }

  @Test
  void onlyPorts80And443ByDefault() {
    assertTrue(policy.portAllowed(80));
    assertTrue(policy.portAllowed(443));
    assertFalse(policy.portAllowed(22));
    assertFalse(policy.portAllowed(6379));
  }
}
