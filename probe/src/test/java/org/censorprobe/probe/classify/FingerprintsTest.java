package org.censorprobe.probe.classify;

import static org.junit.jupiter.api.Assertions.*;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.censorprobe.format.observe.HttpExchange;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FingerprintsTest {
  private static final Fingerprints SHIPPED = Fingerprints.load(List.of());

  @Test
  @DisplayName("distinguished names compare as attribute sets (RFC 2253 order reversed, spacing, case)")
  void distinguishedNamesAsSets() {
    DistinguishedName a = DistinguishedName.parse("C=KZ, CN=Qaznet Trust Network");
    assertTrue(a.sameAs(DistinguishedName.parse("CN=Qaznet Trust Network,C=KZ")));
    assertTrue(a.sameAs(DistinguishedName.parse("cn=qaznet trust network ,  c=kz")));
    assertTrue(a.sameAs(DistinguishedName.parse("2.5.4.3=Qaznet Trust Network,2.5.4.6=KZ")));
    assertFalse(a.sameAs(DistinguishedName.parse("CN=Qaznet Trust Network,O=Other,C=KZ")));
    assertFalse(a.sameAs(DistinguishedName.parse("CN=Qaznet Trust Network")));
    assertTrue(DistinguishedName.parse("CN=Information Security Certification Authority,O=ISCA,C=KZ")
        .sameAs(DistinguishedName.parse("C=KZ, O=ISCA, CN=Information Security Certification Authority")));
    assertTrue(DistinguishedName.parse("CN=\"Comma, Inc\",C=US").sameAs(DistinguishedName.parse("C=US,CN=Comma\\, Inc")));
  }

  @Test
  @DisplayName("regexes that are plain text are matched as text; real regexes stay regexes")
  void literalRegexes() {
    assertEquals("fortinet.net", Fingerprint.literalOf("fortinet\\.net"));
    assertEquals("Server: Barracuda/NGFirewall", Fingerprint.literalOf("Server: Barracuda/NGFirewall"));
    assertEquals("<title>Site Unavailable</title>", Fingerprint.literalOf("<title>Site Unavailable</title>"));
    assertEquals("a(b)", Fingerprint.literalOf("a\\(b\\)"));
    assertEquals(null, Fingerprint.literalOf("fortinet.net"));
    assertEquals(null, Fingerprint.literalOf("\\d+ blocked"));
    assertEquals(null, Fingerprint.literalOf("blocked|banned"));
    assertEquals(null, Fingerprint.literalOf("\\bword"));
    assertEquals(null, Fingerprint.literalOf("ends\\"));
  }

  @Test
  @DisplayName("every shipped regex read as text finds exactly what the regex finds")
  void literalRegexesAgreeWithTheirRegex() {
    int literal = 0;
    for (Fingerprint f : SHIPPED.all()) {
      if (f.literal() == null) continue;
      literal++;
      String inside = "<html>" + f.literal() + "</html>";
      String broken = f.literal().length() > 1
          ? f.literal().substring(0, f.literal().length() / 2) + "\u0000" + f.literal().substring(f.literal().length() / 2)
          : "";
      assertTrue(f.compiled().matcher(inside).find() && f.matches(inside), f.id());
      assertEquals(f.compiled().matcher(broken).find(), f.matches(broken), f.id());
    }
    assertTrue(literal > 900, "most published patterns are plain text: " + literal);
  }

  @Test
  @DisplayName("shipped resources: the Kazakh interception issuers and Censored Planet's signatures load")
  void shippedLoads() {
    var issuers = SHIPPED.all().stream().filter(f -> f.type().equals(Fingerprint.INTERCEPTION_ISSUER)).map(Fingerprint::id).toList();
    assertEquals(List.of("kz_qaznet_root_2019", "kz_qaznet_intermediate_2019", "kz_isca_root_ca_2020",
        "kz_isca_nursultan_2021", "kz_isca_2021_2024"), issuers);
    assertTrue(SHIPPED.all().stream().filter(f -> f.type().equals(Fingerprint.BLOCKPAGE)).count() > 500);
    assertTrue(SHIPPED.all().stream().filter(f -> f.type().equals(Fingerprint.FALSE_POSITIVE)).count() > 400);
    assertTrue(SHIPPED.all().stream().allMatch(f -> f.source() != null && !f.source().isEmpty()));
  }

  /**
   * Each Kazakh authority as the JDK writes a certificate's name (RFC 2253, the order reversed from the sources'
   * openssl form), matched to its own fingerprint and to no other: the names differ by one attribute or one word.
   */
  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', value = {
      "C=KZ, CN=Qaznet Trust Network | kz_qaznet_root_2019",
      "C=KZ, CN=Security Certificate | kz_qaznet_intermediate_2019",
      "CN=Information Security Certification Authority CA, O=ISCA, C=KZ | kz_isca_root_ca_2020",
      "C=KZ, ST=Nur-Sultan, L=Nur-Sultan, O=ISCA, CN=Information Security Certification Authority | kz_isca_nursultan_2021",
      "CN=Information Security Certification Authority, O=ISCA, C=KZ | kz_isca_2021_2024"})
  void eachKazakhAuthorityHasItsOwnFingerprint(String sourceDn, String id) {
    String rfc2253 = new javax.security.auth.x500.X500Principal(sourceDn).getName(javax.security.auth.x500.X500Principal.RFC2253);
    var asIssuer = new org.censorprobe.format.observe.CertificateInfo("CN=www.facebook.com", rfc2253, "1", null, null,
        null, List.of());
    assertEquals(id, SHIPPED.interceptionIssuer(asIssuer).orElseThrow().id(), rfc2253);
    var asSubject = new org.censorprobe.format.observe.CertificateInfo(rfc2253, rfc2253, "1", null, null, null,
        List.of());
    assertEquals(id, SHIPPED.interceptionIssuer(asSubject).orElseThrow().id(), rfc2253);
  }

  @Test
  @DisplayName("names close to the Kazakh authorities' are not interception")
  void nearMissesAreNotInterception() {
    for (String dn : List.of("CN=Information Security Certification Authority, C=KZ",
        "CN=Information Security Certification Authority, O=ISCA, L=Nur-Sultan, C=KZ",
        "CN=Information Security Certification Authority CA, O=ISCA",
        "CN=Qaznet Trust Network")) {
      var c = new org.censorprobe.format.observe.CertificateInfo("CN=www.facebook.com", dn, "1", null, null, null,
          List.of());
      assertTrue(SHIPPED.interceptionIssuer(c).isEmpty(), dn);
    }
  }

  @Test
  @DisplayName("blockpage: matched in title, header lines and body; over-generic patterns are not shipped")
  void blockpageMatching() {
    assertEquals("cp:a_prod_barracuda_2", SHIPPED.blockpage(page(Map.of("Server", List.of("Barracuda/NGFirewall")), null, "")).orElseThrow().id());
    assertTrue(SHIPPED.blockpage(page(Map.of(), "Access Denied", "Access Denied")).isEmpty(),
        "an Akamai/CDN 'Access Denied' page must not be a blockpage");
    assertTrue(SHIPPED.blockpage(page(Map.of("Server", List.of("ddos-guard")), null, "<p>DDOS-GUARD</p>")).isEmpty(),
        "a site behind DDoS-Guard is not blocked");
    assertTrue(SHIPPED.blockpage(page(Map.of(), null, "<div>Доступ ограничен</div>")).isEmpty(),
        "a private VK profile is not a blockpage");
    assertEquals("cp:f_gen_ru_3", SHIPPED.blockpage(page(Map.of(), null,
        "Доступ к сайту ограничен в соответствии с Федеральными законами")).orElseThrow().id());
  }

  @Test
  @DisplayName("user files extend the shipped set; a bad line is an error naming file and line")
  void userFiles(@TempDir Path dir) throws Exception {
    Path ok = dir.resolve("mine.jsonl");
    Files.writeString(ok, "# my ISP\n\n{\"type\":\"blockpage\",\"id\":\"isp_x\",\"pattern\":\"Blocked by ISP X\",\"pattern_type\":\"contains\",\"source\":\"seen 2026-11\"}\n");
    Fingerprints fp = Fingerprints.load(List.of(ok));
    assertEquals("isp_x", fp.blockpage(page(Map.of(), null, "<p>Blocked by ISP X</p>")).orElseThrow().id());

    Path bad = dir.resolve("bad.jsonl");
    Files.writeString(bad, "{\"type\":\"blockpage\",\"id\":\"a\",\"pattern\":\"ok\"}\n{\"type\":\"blockpage\",\"id\":\"b\",\"pattern\":\"(unclosed\",\"pattern_type\":\"regex\"}\n");
    FingerprintException e = assertThrows(FingerprintException.class, () -> Fingerprints.load(List.of(bad)));
    assertTrue(e.getMessage().contains("bad.jsonl:2"), e.getMessage());
    assertThrows(FingerprintException.class, () -> Fingerprints.read(new StringReader("{\"type\":\"nope\",\"id\":\"x\",\"pattern\":\"y\"}"), "t"));
  }

  @Test
  @DisplayName("a catastrophically backtracking user regex on a hostile page ends as no match")
  void hostileRegexIsBounded() throws Exception {
    Fingerprints fp = new Fingerprints(Fingerprints.read(new StringReader(
        "{\"type\":\"blockpage\",\"id\":\"evil\",\"pattern\":\"(a+)+b\",\"pattern_type\":\"regex\"}"), "t"));
    String hostile = "a".repeat(4000);
    assertTrue(fp.blockpage(page(Map.of(), null, hostile)).isEmpty());
    assertTrue(fp.blockpage(page(Map.of(), null, "aaab")).isPresent(), "an ordinary match still works");
  }

  @Test
  @DisplayName("every shipped regex finishes on a full-size page within the step budget")
  void shippedPatternsFitTheBudget() {
    String page = ("<div class=\"post\"><a href=\"/x?y=1\">Доступ к странице, access &amp; policy</a></div>\n")
        .repeat(200).substring(0, Fingerprints.MAX_MATCHED_CHARS);
    for (Fingerprint f : SHIPPED.all()) {
      if (f.compiled() == null) continue;
      assertDoesNotThrow(() -> f.compiled().matcher(new BoundedText(page, BoundedText.DEFAULT_BUDGET)).find(), f.id());
    }
  }

  private static HttpExchange page(Map<String, List<String>> headers, String title, String body) {
    return new HttpExchange("GET", "http://x.example/", org.censorprobe.format.net.IpAddress.parse("192.0.2.1"), 1,
        Recorded.T0, 10, 200, headers, body.length(), false, null, title, body, 10.0, 1000.0, null, 0);
  }
}
