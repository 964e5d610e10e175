package org.censorprobe.probe.privacy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.censorprobe.format.json.MeasurementCodec;
import org.censorprobe.format.net.IpAddress;
import org.censorprobe.format.record.Measurement;
import org.censorprobe.format.scrub.Scrubber;
import org.censorprobe.probe.cli.Main;
import org.censorprobe.probe.store.MeasurementStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A captive portal that echoes the client's address (in its page, a header and the URL it redirects to) and a
 * remote vantage that echoes it too, measured by the real engine through {@code probe once --json}; the records
 * then stored and exported as the daemon's would be. The probe's address here is 127.0.0.1, given as its own
 * address; the peers listen on 127.0.0.2 and 127.0.0.3, so that every 127.0.0.1 the records could hold came from
 * an echo and none is a peer's address (which the records keep, as measured).
 */
@Timeout(180)
class OwnAddressEchoTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String OWN = "127.0.0.1";
  /** Finds every spelling of the probe's address the records could hold. */
  private static final Scrubber OWN_SPELLINGS = new Scrubber(Set.of(IpAddress.parse(OWN)), new byte[32]);

  @TempDir static Path dir;
  static WireMockServer portal;
  static Process helper;
  static List<String> helperLog = new ArrayList<>();
  static String helperUrl;
  static List<String> jsonOutput;
  static Path store;

  @BeforeAll
  static void measure() throws Exception {
    portal = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.2").dynamicPort());
    portal.start();
    // The page, a header and the redirect's URL all say where the request came from.
    portal.stubFor(get("/").willReturn(aResponse().withStatus(302)
        .withHeader("Location", "/landing?ip={{request.clientIp}}").withTransformers("response-template")));
    portal.stubFor(get("/generate_204").willReturn(aResponse().withStatus(302)
        .withHeader("Location", "/landing?ip={{request.clientIp}}").withTransformers("response-template")));
    portal.stubFor(get(urlPathEqualTo("/landing")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "text/html").withHeader("X-Your-Address", "{{request.clientIp}}")
        .withBody("<html><title>Your address is {{request.clientIp}}</title>Log in to continue, "
            + "{{request.clientIp}}.</html>").withTransformers("response-template")));
    int port = portal.port();

    Path resolv = dir.resolve("resolv.conf");
    Files.writeString(resolv, "nameserver 127.0.0.1\n");
    helper = startHelper(resolv, port);

    Path config = dir.resolve("targets.yaml");
    Files.writeString(config, """
        probe: {id: echo-1, country: KZ, network: Loopback Telecom, asn: 64500}
        timeouts: {dns: 2s, tcp: 2s, tls: 2s, http: 5s}
        control:
          helpers: [ %s ]
          targets:
            - {url: "http://127.0.0.2:%d/generate_204", expect: {status: 204}}
            - tcp://127.0.0.2:%d
        dns: {not_bogons: [ 127.0.0.0/8 ]}
        platforms:
          portal: {name: Portal, endpoints: [ "http://127.0.0.2:%d/" ]}
        """.formatted(helperUrl, port, port, port));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = Main.commandLine();
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(err));
    int rc = cmd.execute("once", "--config", config.toString(), "--resolv-conf", resolv.toString(), "--json",
        "--own-address", OWN, "--retry-pause", "10ms");
    assertEquals(0, rc, err::toString);
    jsonOutput = out.toString().lines().toList();

    // What the daemon stores: the same records (RoundRunner scrubs them for every caller).
    List<Measurement> records = jsonOutput.stream().map(MeasurementCodec::read).toList();
    store = dir.resolve("store.db");
    try (MeasurementStore s = MeasurementStore.open(store)) {
      s.storeRound(records);
    }
  }

  /** A real control-server, as a process of its own, on 127.0.0.3. */
  private static Process startHelper(Path resolv, int allowedPort) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "org.censorprobe.probe.cli.Main", "control-server", "--listen", "127.0.0.3:0", "--resolv-conf",
        resolv.toString(), "--allow-cidr", "127.0.0.0/8", "--allow-port", String.valueOf(allowedPort))
        .redirectErrorStream(true).start();
    BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    Pattern listening = Pattern.compile(".*control-server listening on (127\\.0\\.0\\.3:\\d+)$");
    String line;
    while ((line = r.readLine()) != null) {
      helperLog.add(line);
      Matcher m = listening.matcher(line);
      if (m.matches()) {
        helperUrl = "http://" + m.group(1) + "/";
        break;
      }
    }
    if (helperUrl == null) throw new IllegalStateException("the control-server did not start: " + helperLog);
    // Keep reading its log, so that it never blocks on a full pipe.
    CompletableFuture.runAsync(() -> r.lines().forEach(l -> {
      synchronized (helperLog) {
        helperLog.add(l);
      }
    }));
    return p;
  }

  @AfterAll
  static void stop() throws Exception {
    if (portal != null) portal.stop();
    if (helper != null) {
      helper.toHandle().destroy();
      if (!helper.waitFor(30, TimeUnit.SECONDS)) helper.destroyForcibly();
    }
  }

  /** No spelling of the probe's address anywhere in {@code text}; the echoes were there to be found. */
  private static void assertClean(String what, String text) {
    assertFalse(OWN_SPELLINGS.finds(text), () -> what + " holds the probe's address: " + text);
  }

  @Test
  void thePeersReallyEchoedTheProbesAddress() throws Exception {
    HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.2:" + portal.port() + "/landing")).build(), HttpResponse.BodyHandlers.ofString());
    assertTrue(page.body().contains("Your address is 127.0.0.1"), page::body);
    assertEquals("127.0.0.1", page.headers().firstValue("X-Your-Address").orElse(null));

    HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(helperUrl))
        .POST(HttpRequest.BodyPublishers.ofString("{\"http_request\":\"http://127.0.0.2:" + portal.port()
            + "/\",\"tcp_connect\":[]}")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, answer.statusCode(), answer::body);
    assertEquals("127.0.0.1", JSON.readTree(answer.body()).path(HelperEcho.FIELD).asText(),
        "the control-server echoes the address it saw the request come from");
  }

  @Test
  void theJsonOutputHoldsTheEchoesScrubbed() throws Exception {
    assertEquals(3, jsonOutput.size(), String.join("\n", jsonOutput));
    JsonNode platform = null;
    for (String line : jsonOutput) {
      assertClean("once --json", line);
      JsonNode m = JSON.readTree(line);
      if (m.path("role").asText().equals("platform")) platform = m;
    }
    // A slow first attempt may be retried: find the hops by what they asked for.
    JsonNode redirect = null;
    JsonNode landing = null;
    for (JsonNode hop : platform.at("/steps/http")) {
      if (hop.path("status_code").asInt() == 302) redirect = hop;
      if (hop.path("status_code").asInt() == 200) landing = hop;
    }
    String where = platform.toPrettyString();
    URI landed = URI.create(landing.path("url").asText());
    assertEquals("/landing", landed.getPath(), where);
    assertEquals("ip=%5Bscrubbed%5D", landed.getRawQuery(), "the redirect's URL, still a URL");
    assertEquals("Your address is [scrubbed]", landing.path("title").asText(), where);
    assertEquals("[scrubbed]", landing.at("/headers/x-your-address/0").asText(), where);
    assertTrue(landing.path("body_sample").asText().contains("Log in to continue, [scrubbed]."), where);
    assertEquals("/landing?ip=[scrubbed]", redirect.at("/headers/location/0").asText(), where);
    assertTrue(landing.path("body_sha256").asText().startsWith(Scrubber.DIGEST_PREFIX),
        "the body's own digest would let anyone who knows the page try every address");
    assertEquals("127.0.0.2", landing.path("address").asText(), "the peer's address is kept");
    JsonNode response = platform.at("/steps/helper/response");
    assertEquals("[scrubbed]", response.path(HelperEcho.FIELD).asText(), "the echo is used, never kept");
    assertEquals("Your address is [scrubbed]", response.at("/http_request/title").asText(),
        "what the vantage saw of the page is scrubbed too");
  }

  @Test
  void theEvidenceQuotesTheScrubbedTitle() throws Exception {
    JsonNode control = null;
    for (String line : jsonOutput) {
      JsonNode m = JSON.readTree(line);
      if (m.path("endpoint").asText().endsWith("/generate_204")) control = m;
    }
    String evidence = control.path("evidence").asText();
    assertTrue(evidence.contains("Your address is [scrubbed]"), evidence);
    assertClean("evidence", evidence);
  }

  @Test
  void theStoredRecordsAndBothExportsHoldNone() throws Exception {
    int rows = 0;
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + store); Statement s = c.createStatement();
         ResultSet r = s.executeQuery("SELECT record FROM measurements")) {
      while (r.next()) {
        assertClean("the stored record", r.getString(1));
        rows++;
      }
    }
    assertEquals(jsonOutput.size(), rows);
    for (String format : List.of("jsonl", "ooni")) {
      Path out = dir.resolve("export." + format);
      assertEquals(0, Main.commandLine().execute("export", "--store", store.toString(), "--format", format,
          "--out", out.toString()));
      List<String> lines = Files.readAllLines(out);
      assertEquals(rows, lines.size());
      for (String line : lines) {
        if (format.equals("ooni")) {
          // OONI's own word for "not shared", which this test happens to use as the probe's address too.
          assertEquals(OWN, JSON.readTree(line).path("probe_ip").asText());
          line = line.replace("\"probe_ip\":\"" + OWN + "\"", "\"probe_ip\":\"not shared\"");
        }
        assertClean("export --format " + format, line);
      }
    }
  }

  /**
   * {@code probe reclassify} judges the stored records as they are, scrubbed when measured: the same judgements
   * come out (the evidence already quotes the scrubbed title, equal bodies share one keyed digest within the
   * round), nothing is rewritten, and nothing it writes could hold the address, since it reads only what is
   * stored.
   */
  @Test
  void reclassifyingTheStoredRecordsChangesNothingAndNeedsNoScrubbing() throws Exception {
    Path copy = dir.resolve("reclassified.db");
    Files.copy(store, copy);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = Main.commandLine();
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(err));
    int rc = cmd.execute("reclassify", "--config", dir.resolve("targets.yaml").toString(), "--store",
        copy.toString());
    assertEquals(0, rc, () -> out + "\n" + err);
    String summary = out.toString();
    assertTrue(summary.contains("verdict changed:   0"), summary);
    assertTrue(summary.contains("same verdict, evidence restated: 0"), summary);
    assertTrue(summary.contains("unchanged:         " + jsonOutput.size()), summary);
    assertTrue(summary.contains("written: 0 records"), summary);
    assertEquals(records(store), records(copy), "the stored records, byte for byte");
    for (String record : records(copy)) assertClean("a re-judged store", record);
  }

  private static List<String> records(Path file) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
         ResultSet r = s.executeQuery("SELECT record FROM measurements ORDER BY id")) {
      while (r.next()) out.add(r.getString(1));
    }
    return out;
  }
}
