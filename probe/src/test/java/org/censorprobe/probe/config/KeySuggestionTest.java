package org.censorprobe.probe.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class KeySuggestionTest {
  /** Every key list the config reader checks. */
  static final List<List<String>> ALL_KEYS = List.of(ConfigReader.ROOT_KEYS, ConfigReader.PROBE_KEYS,
      ConfigReader.TIMEOUT_KEYS, ConfigReader.CONTROL_KEYS, ConfigReader.CONTROL_TARGET_KEYS, ConfigReader.HELPER_KEYS,
      ConfigReader.TLS_KEYS, ConfigReader.DNS_KEYS, ConfigReader.LIMIT_KEYS, ConfigReader.CLASSIFIER_KEYS,
      ConfigReader.PLATFORM_KEYS, EndpointReader.KEYS);

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "platform, platforms", "Platforms, platforms", "endpoint, endpoints", "targts, targets", "dnss, dns",
      "domestc, domestic", "resolver, resolvers", "contorl, control", "throttle_ration, throttle_ratio",
      "methd, method", "ulr, url", "ids, id"})
  void typosGetTheKeyTheyMeant(String typo, String meant) {
    List<String> keys = ALL_KEYS.stream().filter(k -> k.contains(meant)).findFirst().orElseThrow();
    assertEquals(Optional.of(meant), KeySuggestion.closest(typo, keys));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"retries", "x", "endpoints_list", "cache", "country_code"})
  void wordsFarFromEveryKeyGetNoSuggestion(String word) {
    for (List<String> keys : ALL_KEYS) assertEquals(Optional.empty(), KeySuggestion.closest(word, keys), keys::toString);
  }

  static Stream<Arguments> everySingleEdit() {
    List<Arguments> out = new ArrayList<>();
    for (List<String> keys : ALL_KEYS) {
      for (String key : keys) {
        for (int i = 0; i < key.length(); i++) {
          out.add(Arguments.of(keys, key, key.substring(0, i) + key.substring(i + 1)));       // a letter dropped
          out.add(Arguments.of(keys, key, key.substring(0, i) + "q" + key.substring(i)));     // a letter added
          if (i + 1 < key.length()) {                                                         // neighbours swapped
            out.add(Arguments.of(keys, key, key.substring(0, i) + key.charAt(i + 1) + key.charAt(i)
                + key.substring(i + 2)));
          }
        }
      }
    }
    return out.stream();
  }

  /**
   * For every key of every block and every one-letter slip of it, the suggestion is an allowed key exactly one
   * edit away, and the key itself unless another key of the block is just as close.
   */
  @ParameterizedTest(name = "{2} in {0}")
  @MethodSource("everySingleEdit")
  void everyOneLetterSlipSuggestsAKeyOneEditAway(List<String> keys, String key, String slip) {
    if (keys.contains(slip)) return; // the slip is itself a key (none today): nothing is unknown
    Optional<String> s = KeySuggestion.closest(slip, keys);
    assertTrue(s.isPresent(), slip);
    assertEquals(1, KeySuggestion.distance(slip, s.get()), s.get());
    if (!s.get().equals(key)) {
      assertEquals(1, KeySuggestion.distance(slip, key), "a closer key than the one slipped from: " + s.get());
    }
  }

  /** A hostile file may hold a 1 MiB key: it is refused without building a megabyte-square table. */
  @org.junit.jupiter.api.Test
  void aHugeKeyIsNoSuggestion() {
    String huge = "p".repeat(1 << 20);
    assertEquals(Optional.empty(), KeySuggestion.closest(huge, ConfigReader.ROOT_KEYS));
  }
}
