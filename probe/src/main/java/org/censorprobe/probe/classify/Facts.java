package org.censorprobe.probe.classify;

/** Keys of {@link Classification#facts()}, spelled once; documented in docs/classification.md. */
final class Facts {
  private Facts() {}

  static final String HOST = "host";
  static final String LOCAL_ANSWERS = "local_answers";
  static final String CONTROL_ANSWERS = "control_answers";
  static final String RESOLVER = "resolver";
  static final String LOCAL_FAILURE = "local_failure";
  static final String CONTROL_FAILURE = "control_failure";
  static final String BOGONS = "bogon_answers";
  static final String BLOCKING_ADDRESS = "blocking_address";
  static final String FINGERPRINT = "fingerprint";
  static final String ADDRESSES = "addresses";
  static final String ADDRESS = "address";
  static final String SERVER_NAME = "server_name";
  static final String SNI_SWAP = "sni_swap";
  static final String ISSUER = "issuer";
  static final String SUBJECT = "subject";
  static final String VALIDATION_FAILURE = "validation_failure";
  static final String BLOCKPAGE_FINGERPRINT = "blockpage_fingerprint";
  static final String TITLE = "title";
  static final String URL = "url";
  static final String STATUS_CODE = "status_code";
  static final String HELPER = "helper";
  static final String CONTROLS = "controls";
  static final String MISSING = "missing";
  static final String RETRIED = "retried";
  static final String PATTERN = "cross_platform";
  static final String DNS_CONSISTENCY = "dns_consistency";
  static final String THROTTLE = "throttle";
  static final String REMOTE_ANSWERS = "remote_answers";
  static final String REMOTE_STATUS_CODE = "remote_status_code";
  /** the finding an override or a DNS inconsistency replaced */
  static final String ENDPOINT_METHOD = "endpoint_method";
  static final String THEN = "then";
  static final String LOCAL_FAILURE_METHOD = "local_failure_method";

  // values of MISSING
  static final String MISSING_REMOTE = "remote_vantage";
  static final String MISSING_CONTROL_RESOLVER = "control_resolver";
}
