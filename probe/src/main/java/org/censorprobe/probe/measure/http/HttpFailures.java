package org.censorprobe.probe.measure.http;

import static org.censorprobe.format.observe.FailureType.EOF;
import static org.censorprobe.format.observe.FailureType.HTTP_HEADERS_TOO_LARGE;
import static org.censorprobe.format.observe.FailureType.HTTP_PROTOCOL_ERROR;
import static org.censorprobe.format.observe.FailureType.TIMEOUT;

import java.io.EOFException;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.censorprobe.probe.config.Limits;
import org.censorprobe.probe.measure.failures.ExceptionFailures;
import org.censorprobe.format.observe.Failure;
import org.censorprobe.format.observe.Operation;

/**
 * okhttp's errors as failure strings, deciding the HTTP-specific cases before handing the rest to
 * {@link ExceptionFailures}:
 * <ul>
 *   <li>the call deadline cancels the call; whatever error the cancel surfaces as is {@code generic_timeout_error};
 *   <li>a head that grew past {@code limits.headerBytes} without ending is {@code http_headers_too_large}
 *       (okhttp's own 256 KiB head limit surfaces as an end-of-stream error);
 *   <li>okhttp reports a body cut short ("unexpected end of stream") as a ProtocolException; the peer (or a
 *       middlebox) closed where data was expected, which is {@code eof_error}, the OONI meaning, not malformed
 *       input; every other ProtocolException (bad status line, bad chunk size) is {@code http_protocol_error};
 *   <li>bytes that end without a line break where the status line should be, and are not the start of one, are
 *       not HTTP: {@code http_protocol_error}; a head that stops part way is {@code eof_error}. The partial line is
 *       read from okio's message, so a truncated header line before its colon is the one case taken for garbage.
 * </ul>
 * The operation is where the exchange got to: http_request (no head yet) or http_body; a hop's resolve, connect and
 * TLS failures are the chain's and its flow's (HttpChain).
 */
final class HttpFailures {
  private static final Pattern PARTIAL_LINE = Pattern.compile("content=([0-9a-f]*)");
  private static final String STATUS_LINE_START = "HTTP/";
  /** The detail is evidence for humans; a hostile peer must not be able to inflate it. */
  private static final int DETAIL_CHARS = 300;

  private HttpFailures() {}

  static Failure of(Throwable error, HopEvents events, boolean timedOut, Limits limits) {
    Operation operation = operation(error, events);
    Failure mapped = ExceptionFailures.of(error, operation);
    // okhttp wraps the telling error ("unexpected end of stream on ..." around an EOFException): keep both.
    Failure generic = new Failure(mapped.type(), operation, detail(error));
    if (timedOut) return new Failure(TIMEOUT, operation, generic.detail());
    boolean awaitingHead = events.requestSent() && !events.headArrived();
    if (awaitingHead && events.receivedSinceRequest() > limits.headerBytes()) {
      return new Failure(HTTP_HEADERS_TOO_LARGE, operation, generic.detail());
    }
    ProtocolException protocol = find(error, ProtocolException.class);
    if (protocol != null) {
      String msg = String.valueOf(protocol.getMessage()).toLowerCase(Locale.ROOT);
      return new Failure(msg.contains("unexpected end of stream") ? EOF : HTTP_PROTOCOL_ERROR, operation,
          generic.detail());
    }
    EOFException eof = find(error, EOFException.class);
    if (awaitingHead && eof != null && isGarbageLine(eof.getMessage())) {
      return new Failure(HTTP_PROTOCOL_ERROR, operation, generic.detail());
    }
    return generic;
  }

  /**
   * The connect and the handshake are the flow's, recorded before the request, so an exchange fails either before
   * its response head (writing the request, waiting for the head: {@code http_request}, also when okhttp had not yet
   * taken the handed-over connection when the deadline hit) or while reading the body.
   */
  static Operation operation(Throwable error, HopEvents events) {
    return events.headArrived() ? Operation.HTTP_BODY : Operation.HTTP_REQUEST;
  }

  private static String detail(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) root = root.getCause();
    String s = describe(error) + (root == error ? "" : " <- " + describe(root));
    return s.length() > DETAIL_CHARS ? s.substring(0, DETAIL_CHARS) : s;
  }

  private static String describe(Throwable t) {
    return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
  }

  /** okio: "\n not found: limit=N content=HEX…", the hex being the start of the unterminated line. */
  private static boolean isGarbageLine(String message) {
    if (message == null) return false;
    Matcher m = PARTIAL_LINE.matcher(message);
    if (!m.find() || m.group(1).isEmpty() || m.group(1).length() % 2 != 0) return false;
    String line = new String(HexFormat.of().parseHex(m.group(1)), StandardCharsets.ISO_8859_1);
    boolean statusLine = line.startsWith(STATUS_LINE_START) || STATUS_LINE_START.startsWith(line);
    return !statusLine && line.indexOf(':') < 0;
  }

  private static <T extends Throwable> T find(Throwable error, Class<T> type) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) return type.cast(t);
    }
    return null;
  }
}
