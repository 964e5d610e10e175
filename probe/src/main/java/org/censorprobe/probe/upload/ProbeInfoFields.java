package org.censorprobe.probe.upload;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * The probe's network, ASN and country as the record states them ({@code probe_info}), read with a streaming
 * parser that stops there: the uploader treats records as opaque and needs only these for the central columns.
 * Missing, empty or zero values are null.
 */
record ProbeInfoFields(String network, Integer asn, String country) {
  static final ProbeInfoFields NONE = new ProbeInfoFields(null, null, null);
  private static final JsonFactory JSON = new JsonFactory();

  static ProbeInfoFields of(String record) {
    try (JsonParser p = JSON.createParser(record)) {
      if (p.nextToken() != JsonToken.START_OBJECT) return NONE;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if ("probe_info".equals(name) && value == JsonToken.START_OBJECT) return readInfo(p);
        p.skipChildren();
      }
    } catch (IOException | RuntimeException e) {
      // an unreadable record still goes up whole; its columns stay empty
    }
    return NONE;
  }

  private static ProbeInfoFields readInfo(JsonParser p) throws IOException {
    String network = null;
    Integer asn = null;
    String country = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      switch (name) {
        case "network" -> network = t == JsonToken.VALUE_STRING ? blankToNull(p.getText()) : null;
        case "country" -> country = t == JsonToken.VALUE_STRING ? blankToNull(p.getText()) : null;
        case "asn" -> {
          if (t == JsonToken.VALUE_NUMBER_INT && p.getLongValue() > 0 && p.getLongValue() <= Integer.MAX_VALUE) {
            asn = (int) p.getLongValue();
          }
        }
        default -> p.skipChildren();
      }
    }
    return new ProbeInfoFields(network, asn, country);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
