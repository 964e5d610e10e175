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
import org.censorprobe.probe.measure.failures.ExceptionFailures;
import org.censorprobe.probe.measure.Fanout;
import org.censorprobe.probe.measure.RemoteVantage;
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
  private final Clock clock;

  /**
   * @param http a client whose own resolver and trust fit the helpers' addresses (the probe builds it)
   * @param deadline how long to wait for any answer at all
   */
  public HelperClient(List<Helper> helpers, OkHttpClient http, Duration hedgeAfter, Duration deadline, Clock clock) {
    this.helpers = List.copyOf(helpers);
    // The deadline bounds each call, its reads included; no read timeout of its own. A helper measures the target
    // before it answers (its own step deadlines, 10 s each by default for `probe control-server`), so okhttp's
    // default of 10 s between reads cut off exactly the answers that say a target is down from abroad too.
    this.http = http.newBuilder().callTimeout(deadline).readTimeout(Duration.ZERO).followRedirects(false).build();
    this.hedgeAfter = hedgeAfter;
    this.deadline = deadline;
    this.clock = clock;
  }

  private record Outcome(int index, HelperObservation.Attempt attempt, String body) {}

  @Override
  public HelperObservation ask(Endpoint endpoint, List<IpAddress> localAddresses, Fanout fanout,
                               long deadlineNanos) {
    return ask(request(endpoint, localAddresses), fanout, deadlineNanos);
  }

  /** The asking task and one task per helper, since a hedge may have all of them in flight. */
  @Override
  public int tasks() {
    return 1 + helpers.size();
  }

  /** An OONI-shaped request; for tls:// and tcp:// endpoints OONI's helpers still get a URL to chew on. */
  static ThRequest request(Endpoint endpoint, List<IpAddress> localAddresses) {
    List<String> tcpConnect = localAddresses.stream().map(a -> new IpPort(a, endpoint.port()).toString()).toList();
    if (endpoint.kind() == Endpoint.Kind.URL) {
      return new ThRequest(endpoint.uri().toString(), java.util.Map.of(), tcpConnect, null,
          endpoint.method() == Endpoint.HttpMethod.POST ? "POST" : null);
    }
    String host = IpAddress.tryParse(endpoint.host()).map(IpAddress::forUrl).orElse(endpoint.host());
    return new ThRequest("https://" + host + ":" + endpoint.port() + "/", java.util.Map.of(), tcpConnect,
        endpoint.spec());
  }

  /** Asks with its own deadline only (tests and tools); each helper's call on a thread of its own. */
  public HelperObservation ask(ThRequest request) {
    return ask(request, null, Long.MAX_VALUE);
  }

  /**
   * @param fanout where each helper's call runs (null: a thread of its own each)
   * @param deadlineNanos the caller's own deadline (an endpoint's budget); the earlier of it and this client's
   */
  public HelperObservation ask(ThRequest request, Fanout fanout, long deadlineNanos) {
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
    long own = t0 + deadline.toNanos();
    boolean byBudget = deadlineNanos - own < 0;
    long until = byBudget ? deadlineNanos : own;
    HelperObservation answer = null;
    try {
      started = start(started, body, done, calls, fanout);
      while (finished < started) {
        long left = until - System.nanoTime();
        if (left <= 0) break;
        boolean canHedge = started < helpers.size();
        long wait = canHedge ? Math.min(left, hedgeAfter.toNanos()) : left;
        Outcome o = done.poll(wait, TimeUnit.NANOSECONDS);
        if (o == null) {
          if (canHedge) started = start(started, body, done, calls, fanout); // the slow one keeps running
          continue;
        }
        finished++;
        attempts[o.index()] = o.attempt();
        if (o.body() != null) {
          answer = new HelperObservation(helpers.get(o.index()).url().toString(), startedAt, ms(t0),
              asked(attempts, started, null, false), o.body());
          break;
        }
        if (started < helpers.size() && finished == started) started = start(started, body, done, calls, fanout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      calls.forEach(Call::cancel); // losers of the hedge: not needed any more
    }
    double tookMs = ms(t0);
    // Canceled calls end at once; waiting for them keeps every call inside the caller's fan-out and budget.
    awaitCanceled(done, started - finished);
    if (answer != null) return answer;
    return new HelperObservation(null, startedAt, tookMs, asked(attempts, started, tookMs, byBudget), null);
  }

  /** Waits (a few seconds at most) for the calls still running after their cancel. */
  private static void awaitCanceled(BlockingQueue<Outcome> done, int running) {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    try {
      for (int i = 0; i < running; i++) {
        if (done.poll(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS) == null) return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private int start(int index, byte[] body, BlockingQueue<Outcome> done, List<Call> calls, Fanout fanout) {
    Helper h = helpers.get(index);
    Request.Builder rb = new Request.Builder().url(h.url().toString()).post(RequestBody.create(body, JSON_TYPE));
    if (h.token() != null) rb.header("Authorization", "Bearer " + h.token());
    Call call = http.newCall(rb.build());
    calls.add(call);
    Runnable run = () -> done.add(execute(index, call));
    if (fanout != null) {
      fanout.submit(() -> {
        run.run();
        return null;
      });
    } else {
      Thread t = new Thread(run, "helper-call");
      t.setDaemon(true);
      t.start();
    }
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
   * and is left out; one still running at the deadline ({@code timedOutAfterMs} not null) timed out, or ran out of
   * the endpoint's budget when that came first ({@code byBudget}).
   */
  private List<HelperObservation.Attempt> asked(HelperObservation.Attempt[] attempts, int started,
                                                Double timedOutAfterMs, boolean byBudget) {
    List<HelperObservation.Attempt> out = new ArrayList<>();
    for (int i = 0; i < started; i++) {
      if (attempts[i] != null) {
        out.add(attempts[i]);
      } else if (timedOutAfterMs != null) {
        out.add(new HelperObservation.Attempt(helpers.get(i).url().toString(), timedOutAfterMs, 0,
            Failure.of(byBudget ? FailureType.BUDGET_EXHAUSTED : FailureType.TIMEOUT, Operation.HTTP_REQUEST)));
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
