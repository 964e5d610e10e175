package org.censorprobe.probe.classify;

import static org.censorprobe.probe.classify.Recorded.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ControlStateTest {
  @Test
  @DisplayName("controls: each gets its own classification; the summary counts total, ok, domestic")
  void controlsClassifiedAndCounted() {
    var down = controlTimingOut("https://control-b.example/", "203.0.113.11", false);
    RoundVerdicts v = classifier().classify(round(List.of(controlOk("https://control-a.example/", "203.0.113.10", false),
        down, controlOk("https://kz-control.example/", "198.51.100.7", true))));
    assertEquals(new RoundSummary(3, 2, 1, 1, LocalNetwork.DEGRADED), v.summary());
    Classification c = v.controls().get("https://control-b.example/");
    assertEquals(Verdict.TECHNICAL, c.verdict());
    assertEquals(Methods.TCP_TIMEOUT, c.method());
    assertEquals(Verdict.OK, v.controls().get("https://control-a.example/").verdict());
  }

  @Test
  @DisplayName("local network unknown without controls; platform failures then never get a pattern upgrade")
  void noControls() {
    String fb = "https://www.facebook.com/", yt = "https://www.youtube.com/";
    EndpointEvidence a = endpoint(fb).resolves("157.240.1.35").tcp(tcpFail("157.240.1.35", 443, "generic_timeout_error", 1)).build();
    EndpointEvidence b = endpoint(yt).resolves("142.250.74.14").tcp(tcpFail("142.250.74.14", 443, "generic_timeout_error", 1)).build();
    RoundVerdicts v = classifier().classify(round(List.of(), platform("facebook", a), platform("youtube", b),
        platform("wikipedia", healthyHttps("https://www.wikipedia.org/", "185.15.59.224", 90).build())));
    assertEquals(LocalNetwork.UNKNOWN, v.summary().localNetwork());
    assertEquals(Verdict.INCONCLUSIVE, v.endpoint("facebook", fb).verdict());
    assertEquals(Verdict.OK, v.endpoint("wikipedia", "https://www.wikipedia.org/").verdict());
  }
}
