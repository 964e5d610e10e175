package org.censorprobe.probe.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.censorprobe.probe.demo.DemoResolver.Answer;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/** The world refuses to be anything but loopback, at the places where addresses enter it. */
class DemoWorldTest {
  private static final InetAddress LOOPBACK = address(127, 0, 0, 1);
  private static final InetAddress DOCUMENTATION = address(192, 0, 2, 1);

  @Test
  void aResolverNeverWritesAnAnswerBeyondLoopback() throws Exception {
    try (DemoResolver r = DemoResolver.start("test-resolver", LOOPBACK,
        name -> Answer.of(List.of(name.equals("bad.test") ? DOCUMENTATION : LOOPBACK)))) {
      Message ok = new Message(r.reply(query("good.test")));
      assertEquals(Rcode.NOERROR, ok.getRcode());
      assertEquals(1, ok.getSection(org.xbill.DNS.Section.ANSWER).size());
      var e = assertThrows(LoopbackViolation.class, () -> r.reply(query("bad.test")));
      assertTrue(e.getMessage().contains("192.0.2.1"), e.getMessage());
    }
  }

  @Test
  void nothingBindsBeyondLoopback() {
    assertThrows(LoopbackViolation.class, () -> DemoResolver.start("x", DOCUMENTATION, n -> Answer.refused()));
    assertThrows(LoopbackViolation.class, () -> SiteServer.start(DemoWorld.PLATFORMS.get(0), DOCUMENTATION, null,
        new Censor()));
  }

  @Test
  void theResolversAnswerNamesOutsideTheDemoZoneWithRefusedAndNeverForward() throws Exception {
    AtomicInteger asked = new AtomicInteger();
    try (DemoResolver r = DemoResolver.start("test-resolver", LOOPBACK, name -> {
      asked.incrementAndGet();
      return name.endsWith(DemoWorld.ZONE) ? Answer.nxdomain() : Answer.refused();
    })) {
      assertEquals(Rcode.REFUSED, new Message(r.reply(query("www.example.org"))).getRcode());
      assertEquals(Rcode.NXDOMAIN, new Message(r.reply(query("nothing.test"))).getRcode());
      assertEquals(2, asked.get());
    }
  }

  @Test
  void theStoryActsAfterEveryNRoundsAndEndsWhenTheLastActWasSeen() {
    List<Story.Step> done = new java.util.ArrayList<>();
    AtomicInteger told = new AtomicInteger();
    Story story = new Story(List.of(new Story.Step(Story.Act.DNS_NXDOMAIN, DemoWorld.PLATFORMS.get(0)),
        new Story.Step(Story.Act.SERVER_DOWN, DemoWorld.PLATFORMS.get(3))), 2, done::add, told::incrementAndGet);
    assertEquals(6, story.length());
    List<Integer> sizes = new java.util.ArrayList<>();
    for (int i = 0; i < 8; i++) {
      story.roundStored();
      sizes.add(done.size());
    }
    assertEquals(List.of(0, 1, 1, 2, 2, 2, 2, 2), sizes);
    assertEquals(1, told.get(), "told to be complete once, after round 6");
  }

  @Test
  void theCensorsRulesNameHostsExactly() {
    Censor c = new Censor();
    c.nxdomain("www.videoland.test");
    c.resetSni("www.chatter.test");
    c.blockpage("www.newswire.test");
    assertTrue(c.nxdomainFor("www.videoland.test"));
    assertTrue(!c.nxdomainFor("videoland.test") && !c.nxdomainFor(null));
    assertTrue(c.resetsSni("www.chatter.test") && !c.resetsSni(DemoWorld.NEUTRAL_SNI) && !c.resetsSni(null));
    assertTrue(c.blockpageFor("www.newswire.test") && !c.blockpageFor("www.mapmaker.test"));
  }

  @Test
  void theHostHeaderIsReadWithoutItsPort() {
    assertEquals("www.newswire.test", SiteServer.hostOf("GET / HTTP/1.1\r\nHost: WWW.Newswire.test:8080\r\n\r\n"));
    assertEquals("[::1]", SiteServer.hostOf("GET / HTTP/1.1\r\nhost: [::1]\r\n\r\n"));
    assertEquals(null, SiteServer.hostOf("GET / HTTP/1.0\r\n\r\n"));
  }

  private static byte[] query(String name) throws Exception {
    return Message.newQuery(Record.newRecord(Name.fromString(name + "."), Type.A, DClass.IN)).toWire();
  }

  private static InetAddress address(int a, int b, int c, int d) {
    try {
      return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
