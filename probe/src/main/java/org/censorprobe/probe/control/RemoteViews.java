package org.censorprobe.probe.control;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.censorprobe.probe.classify.RemoteView;
import org.censorprobe.probe.observe.HelperObservation;

/** Reads a helper's recorded answer into the classifier's {@link RemoteView}. */
public final class RemoteViews {
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private RemoteViews() {}

  /** Null when no helper was configured; an unreachable view when none answered or the answer is unusable. */
  public static RemoteView of(HelperObservation h) {
    if (h == null) return null;
    if (!h.answered()) {
      String asked = h.attempts().isEmpty() ? "(none asked)" : h.attempts().get(0).helper();
      return RemoteView.unreachable(asked, unreachableReason(h));
    }
    ThResponse r;
    try {
      r = JSON.readValue(h.responseJson(), ThResponse.class);
    } catch (IOException e) {
      return RemoteView.unreachable(h.answeredBy(), "the helper's answer is not in the test-helper format");
    }
    RemoteView.Dns dns = r.dns() == null ? null : new RemoteView.Dns(r.dns().failure(), r.dns().addrs());
    Map<String, RemoteView.Tcp> tcp = new LinkedHashMap<>();
    if (r.tcpConnect() != null) r.tcpConnect().forEach((k, v) -> tcp.put(k, new RemoteView.Tcp(v.status(), v.failure())));
    Map<String, RemoteView.Tls> tls = new LinkedHashMap<>();
    if (r.tlsHandshake() != null) {
      r.tlsHandshake().forEach((k, v) -> tls.put(k, new RemoteView.Tls(v.serverName(), v.status(), v.failure())));
    }
    RemoteView.Http http = r.httpRequest() == null ? null : new RemoteView.Http(r.httpRequest().failure(),
        r.httpRequest().statusCode(), r.httpRequest().bodyLength(), r.httpRequest().title());
    return new RemoteView(h.answeredBy(), true, null, dns, tcp, tls, http);
  }

  private static String unreachableReason(HelperObservation h) {
    if (h.attempts().isEmpty()) return "no helper was asked";
    StringBuilder s = new StringBuilder();
    for (HelperObservation.Attempt a : h.attempts()) {
      if (s.length() > 0) s.append("; ");
      s.append(a.helper()).append(": ").append(a.failure() == null ? "no answer" : a.failure().failure());
    }
    return s.toString();
  }
}
