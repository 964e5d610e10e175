package org.censorprobe.format.endpoint;

/**
 * What a control serves, where it defines it: a captive-portal check answers {@code 204} ({@code generate_204}) or
 * a body containing {@code success} ({@code detectportal.firefox.com/success.txt}). A control that answers anything
 * else (a hotel's login page, say) has not been reached, whatever its status code. Null fields are not checked.
 */
public record ContentExpectation(Integer status, String bodyContains) {
  public ContentExpectation {
    if (status == null && (bodyContains == null || bodyContains.isEmpty())) {
      throw new IllegalArgumentException("an expectation needs a status or a text");
    }
  }

  /** Whether a final response with this status and body sample is what the control serves. */
  public boolean matches(int statusCode, String bodySample) {
    if (status != null && status != statusCode) return false;
    return bodyContains == null || bodySample != null && bodySample.contains(bodyContains);
  }

  @Override
  public String toString() {
    if (status != null && bodyContains != null) return "HTTP " + status + " with '" + bodyContains + "'";
    return status != null ? "HTTP " + status : "'" + bodyContains + "'";
  }
}
