package org.censorprobe.format.json;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.censorprobe.format.interpret.Fact;
import org.censorprobe.format.interpret.Method;
import org.censorprobe.format.interpret.Verdict;
import org.censorprobe.format.net.IpAddress;
import org.censorprobe.format.observe.EndpointObservations;
import org.censorprobe.format.observe.FailureType;
import org.censorprobe.format.record.Measurement;
import org.censorprobe.format.record.Role;
import org.junit.jupiter.api.Test;

class MeasurementCodecTest {
  private static final Path GOLDEN = Path.of("src/test/resources/schema2-golden.jsonl");

  /** From the source tree, so that a golden file just rewritten is the one read. */
  private static List<String> lines(String resource) throws IOException {
    return Files.readString(Path.of("src/test/resources", resource), StandardCharsets.UTF_8).lines()
        .filter(l -> !l.isBlank()).toList();
  }

  /**
   * The wire format is pinned: a change that alters what the probe writes fails here. An intended change is made
   * by running with -Dgolden.update=true, and read in the diff like any other change.
   */
  @Test
  void writesTheGoldenFile() throws IOException {
    String written = String.join("\n", MeasurementCodec.toJson(SampleRecords.platform()),
        MeasurementCodec.toJson(SampleRecords.resolver()), MeasurementCodec.toJson(SampleRecords.control())) + "\n";
    if (Boolean.getBoolean("golden.update")) Files.writeString(GOLDEN, written);
    assertEquals(Files.readString(GOLDEN), written);
  }

  @Test
  void readsTheGoldenFileBackWithNothingLost() throws IOException {
    for (String line : lines("schema2-golden.jsonl")) {
      Measurement m = MeasurementCodec.read(line);
      assertEquals(line, MeasurementCodec.toJson(m));
    }
    Measurement m = MeasurementCodec.read(lines("schema2-golden.jsonl").get(0));
    assertEquals(SampleRecords.platform().judgement().interpretation().facts(),
        m.judgement().interpretation().facts());
    assertEquals(SampleRecords.platform().steps(), m.steps());
  }

  @Test
  void readsRecordsWrittenByTheFirstProbe() throws IOException {
    List<String> lines = lines("schema1-probe-once.jsonl");
    assertEquals(7, lines.size());
    for (String line : lines) {
      Measurement m = MeasurementCodec.read(line);
      assertNotNull(m.judgement());
      assertTrue(m.judgement().interpretation().facts().stream().allMatch(f -> f instanceof Fact.Other),
          "facts of schema 1 are kept verbatim, never guessed into new shapes");
      // Written again and read again, it says the same.
      assertEquals(MeasurementCodec.toJson(m), MeasurementCodec.toJson(MeasurementCodec.read(MeasurementCodec.toJson(m))));
    }
    Measurement first = MeasurementCodec.read(lines.get(0));
    assertEquals(Role.PLATFORM, first.role());
    assertEquals("https://plat.test:8443/", first.endpoint());
    EndpointObservations o = first.observations();
    assertEquals(IpAddress.parse("127.0.0.3"), o.tcp().get(0).address());
    assertFalse(o.http().isEmpty());
    assertEquals(200, o.http().get(0).statusCode());
    Measurement refused = MeasurementCodec.read(lines.get(4));
    assertEquals(Verdict.TECHNICAL, refused.judgement().verdict());
    assertEquals(Method.NETWORK_DOWN, refused.judgement().method());
    assertEquals(FailureType.CONNECTION_REFUSED, refused.observations().tcp().get(0).failure().type());
  }

  @Test
  void refusesANewerSchemaAndSaysSo() {
    String line = "{\"schema\":3,\"id\":\"x\"}";
    RecordFormatException e = assertThrows(RecordFormatException.class, () -> MeasurementCodec.read(line));
    assertTrue(e.getMessage().contains("newer"), e.getMessage());
  }

  @Test
  void namesTheFieldThatIsWrong() throws IOException {
    String line = lines("schema2-golden.jsonl").get(0).replace("\"address\":\"157.240.1.35\",\"port\":443",
        "\"address\":\"www.example.org\",\"port\":443");
    RecordFormatException e = assertThrows(RecordFormatException.class, () -> MeasurementCodec.read(line));
    assertTrue(e.getMessage().contains("record.steps.tcp[0].address"), e.getMessage());
  }

  @Test
  void anUnknownFailureIsKeptInTheDetail() {
    Measurement c = MeasurementCodec.read(MeasurementCodec.toJson(SampleRecords.control()));
    String json = MeasurementCodec.toJson(c).replace("\"failure\":\"unknown_failure\"", "\"failure\":\"x_brand_new\"");
    Measurement again = MeasurementCodec.read(json);
    var f = again.observations().http().get(0).failure();
    assertEquals(FailureType.UNKNOWN, f.type());
    assertTrue(f.detail().startsWith("x_brand_new"), f.detail());
  }

  @Test
  void longFormAddressesOfOldRecordsReadAsOneValue() throws IOException {
    String line = lines("schema2-golden.jsonl").get(2).replace("2001:db8::7", "2001:db8:0:0:0:0:0:7");
    Measurement m = MeasurementCodec.read(line);
    assertEquals(IpAddress.parse("2001:db8::7"), m.observations().tcp().get(0).address());
  }
}
