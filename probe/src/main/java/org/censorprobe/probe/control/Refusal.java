package org.censorprobe.probe.control;

/**
 * Why the control-server will not measure a request. {@code reason} is a fixed vocabulary: it becomes the
 * {@code outcome} label of the server's request counter and the {@code error} field of the 4xx answer.
 */
public record Refusal(int httpStatus, String reason, String detail) {
  public static final String BAD_REQUEST = "bad_request";
  public static final String BAD_URL = "bad_url";
  public static final String PORT_NOT_ALLOWED = "port_not_allowed";
  public static final String ADDRESS_NOT_PUBLIC = "address_not_public";
  public static final String NAME_NOT_PUBLIC = "name_resolves_to_non_public_address";
  public static final String TOO_MANY_ADDRESSES = "too_many_addresses";
  public static final String BODY_TOO_LARGE = "request_too_large";
  public static final String UNAUTHORIZED = "unauthorized";
  public static final String RATE_LIMITED = "rate_limited";
  public static final String OVERLOADED = "overloaded";
  public static final String METHOD_NOT_ALLOWED = "method_not_allowed";

  static Refusal badRequest(String reason, String detail) {
    return new Refusal(400, reason, detail);
  }
}
