package org.censorprobe.probe.control;

import org.censorprobe.format.helper.ThRequest;
import org.censorprobe.format.helper.ThResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.censorprobe.probe.measure.ExceptionFailures;
import org.censorprobe.probe.measure.RemoteVantage;
import org.censorprobe.probe.measure.Tasks;
import org.censorprobe.format.net.IpAddress;
import org.censorprobe.format.net.IpPort;
import org.censorprobe.format.endpoint.Endpoint;
import org.censorprobe.format.observe.Failure;
import org.censorprobe.format.observe.FailureType;
import org.censorprobe.format.observe.HelperObservation;
import org.censorprobe.format.observe.Operation;

/**
 * Asks the remote control vantages, in order, hedging: when the first has not answered after {@code hedgeAfter},
 * the next is asked too, and the first good answer wins; a helper that fails outright hands over at once. Every
 * helper asked is recorded, because a helper that cannot be reached from inside the country is itself a finding.
 */
public final class HelperClient implements RemoteVantage {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MediaType JSON_TYPE = MediaType.get("application/json");
  /** A test-helper answer is a few KiB; anything much larger is not one. */
  static final int MAX_RESPONSE_BYTES = 256 * 1024;

  /** A helper's address and its bearer token (null for none). */
  public record Helper(URI url, String token) {}

  private final List<Helper> helpers;
  private final OkHttpClient http;
  private final Duration hedgeAfter;
  private final Duration deadline;
  private final Tasks tasks;
  private final Clock clock;

  /**
   * @param http a client whose own resolver and trust fit the helpers' addresses (the probe builds it)
   * @param deadline how long to wait for any answer at all
   */
  public HelperClient(List<Helper> helpers, OkHttpClient http, Duration hedgeAfter, Duration deadline, Tasks tasks,
                      Clock clock) {
    this.helpers = List.copyOf(helpers);
    this.http = http.newBuilder().callTimeout(deadline).followRedirects(false).build();
    this.hedgeAfter = hedgeAfter;
    this.deadline = deadline;
    this.tasks = tasks;
    this.clock = clock;
  }

  private record Outcome(int index, HelperObservation.Attempt attempt, String body) {}

  @Override
  public HelperObservation ask(Endpoint endpoint, List<IpAddress> localAddresses) {
    return ask(request(endpoint, localAddresses));
  }

  /** An OONI-shaped request; for tls:// and tcp:// endpoints OONI's helpers still get a URL to chew on. */
  static ThRequest request(Endpoint endpoint, List<IpAddress> localAddresses) {
    List<String> tcpConnect = localAddresses.stream().map(a -> new IpPort(a, endpoint.port()).toString()).toList();
    if (endpoint.kind() == Endpoint.Kind.URL) {
      return new ThRequest(endpoint.uri().toString(), java.util.Map.of(), tcpConnect, null);
    }
    String host = IpAddress.tryParse(endpoint.host()).map(IpAddress::forUrl).orElse(endpoint.host());
    return new ThRequest("https://" + host + ":" + endpoint.port() + "/", java.util.Map.of(), tcpConnect,
        endpoint.spec());
  }

  public HelperObservation ask(ThRequest request) {
    Instant startedAt = clock.instant();
    long t0 = System.nanoTime();
    byte[] body;
    try {
      body = JSON.writeValueAsBytes(request);
    } catch (IOException e) {
      throw new IllegalStateException("a ThRequest always serialises", e);
    }
    BlockingQueue<Outcome> done = new LinkedBlockingQueue<>();
    List<Call> calls = new ArrayList<>();
    HelperObservation.Attempt[] attempts = new HelperObservation.Attempt[helpers.size()];
    int started = 0;
    int finished = 0;
    long deadlineNanos = t0 + deadline.toNanos();
    try {
      started = start(started, body, done, calls);
      while (finished < started) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) break;
        boolean canHedge = started < helpers.size();
        long wait = canHedge ? Math.min(left, hedgeAfter.toNanos()) : left;
        Outcome o = done.poll(wait, TimeUnit.NANOSECONDS);
        if (o == null) {
          if (canHedge) started = start(started, body, done, calls); // the slow one keeps running
          continue;
        }
        finished++;
        attempts[o.index()] = o.attempt();
        if (o.body() != null) {
          return new HelperObservation(helpers.get(o.index()).url().toString(), startedAt, ms(t0),
              asked(attempts, started, null), o.body());
        }
        if (started < helpers.size() && finished == started) started = start(started, body, done, calls);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      calls.forEach(Call::cancel); // losers of the hedge: not needed any more
    }
    return new HelperObservation(null, startedAt, ms(t0), asked(attempts, started, ms(t0)), null);
  }

  private int start(int index, byte[] body, BlockingQueue<Outcome> done, List<Call> calls) {
    Helper h = helpers.get(index);
    Request.Builder rb = new Request.Builder().url(h.url().toString()).post(RequestBody.create(body, JSON_TYPE));
    if (h.token() != null) rb.header("Authorization", "Bearer " + h.token());
    Call call = http.newCall(rb.build());
    calls.add(call);
    tasks.submit(() -> {
      done.add(execute(index, call));
      return null;
    });
    return index + 1;
  }

  private Outcome execute(int index, Call call) {
    long t0 = System.nanoTime();
    String url = helpers.get(index).url().toString();
    try (Response r = call.execute()) {
      String text = readBounded(r);
      if (r.code() != 200) {
        return new Outcome(index, new HelperObservation.Attempt(url, ms(t0), r.code(),
            new Failure(FailureType.HELPER_REFUSED, Operation.HTTP_REQUEST, clip(text))), null);
      }
      if (text == null) {
        return new Outcome(index, new HelperObservation.Attempt(url, ms(t0), r.code(),
            Failure.of(FailureType.HTTP_BODY_TOO_LARGE, Operation.HTTP_BODY)), null);
      }
      if (!isJsonObject(text)) { // only well-formed answers are kept: they are embedded in the record verbatim
        return new Outcome(index, new HelperObservation.Attempt(url, ms(t0), r.code(),
            new Failure(FailureType.HELPER_BAD_ANSWER, Operation.HTTP_BODY, clip(text))), null);
      }
      return new Outcome(index, new HelperObservation.Attempt(url, ms(t0), r.code(), null), text);
    } catch (IOException e) {
      return new Outcome(index, new HelperObservation.Attempt(url, ms(t0), 0,
          ExceptionFailures.of(e, Operation.HTTP_REQUEST)), null);
    }
  }

  private static boolean isJsonObject(String text) {
    try {
      return JSON.readTree(text).isObject();
    } catch (IOException e) {
      return false;
    }
  }

  private static String readBounded(Response r) throws IOException {
    try (InputStream in = r.body().byteStream()) {
      byte[] bytes = in.readNBytes(MAX_RESPONSE_BYTES + 1);
      return bytes.length > MAX_RESPONSE_BYTES ? null : new String(bytes, StandardCharsets.UTF_8);
    }
  }

  /**
   * The attempts in the order the helpers were asked. A helper still running when another answered lost the hedge
   * and is left out; one still running at the deadline ({@code timedOutAfterMs} not null) timed out.
   */
  private List<HelperObservation.Attempt> asked(HelperObservation.Attempt[] attempts, int started,
                                                Double timedOutAfterMs) {
    List<HelperObservation.Attempt> out = new ArrayList<>();
    for (int i = 0; i < started; i++) {
      if (attempts[i] != null) {
        out.add(attempts[i]);
      } else if (timedOutAfterMs != null) {
        out.add(new HelperObservation.Attempt(helpers.get(i).url().toString(), timedOutAfterMs, 0,
            Failure.of(FailureType.TIMEOUT, Operation.HTTP_REQUEST)));
      }
    }
    return out;
  }

  private static double ms(long t0) {
    return (System.nanoTime() - t0) / 1e6;
  }

  private static String clip(String s) {
    return s == null ? null : s.length() > 300 ? s.substring(0, 300) : s;
  }
}
