package org.censorprobe.probe.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

/** Each failure names what was seen on the path, from the exceptions pgjdbc and the JDK actually throw. */
class FailureReasonTest {
  private static PSQLException io(Throwable cause) {
    return new PSQLException("An I/O error occurred while sending to the backend.", PSQLState.CONNECTION_FAILURE,
        cause);
  }

  @Test
  void theReasonsAsPgjdbcReportsThem() {
    assertEquals(FailureReason.CONNECTION_LOST, FailureReason.of(io(new SSLException("Connection reset",
        new SocketException("Connection reset")))), "a reset under TLS is a lost connection, not TLS");
    assertEquals(FailureReason.CONNECTION_LOST, FailureReason.of(io(new SocketException("Broken pipe"))));
    assertEquals(FailureReason.TLS, FailureReason.of(new PSQLException("SSL error", PSQLState.CONNECTION_FAILURE,
        new SSLHandshakeException("PKIX path building failed"))));
    assertEquals(FailureReason.TIMEOUT, FailureReason.of(io(new SocketTimeoutException("Read timed out"))));
    assertEquals(FailureReason.CONNECT_TIMEOUT, FailureReason.of(new PSQLException("The connection attempt failed.",
        PSQLState.CONNECTION_UNABLE_TO_CONNECT, new SocketTimeoutException("Connect timed out"))));
    assertEquals(FailureReason.CONNECTION_REFUSED, FailureReason.of(new PSQLException("refused",
        PSQLState.CONNECTION_UNABLE_TO_CONNECT, new ConnectException("Connection refused"))));
    assertEquals(FailureReason.DNS, FailureReason.of(new PSQLException("The connection attempt failed.",
        PSQLState.CONNECTION_UNABLE_TO_CONNECT, new UnknownHostException("central.example.org"))));
    assertEquals(FailureReason.AUTH, FailureReason.of(new PSQLException("password authentication failed",
        PSQLState.INVALID_PASSWORD)));
    assertEquals(FailureReason.SERVER_UNAVAILABLE, FailureReason.of(new java.sql.SQLException("terminating", "57P01")));
    assertEquals(FailureReason.REJECTED, FailureReason.of(new java.sql.SQLException("row-level security", "42501")));
    assertEquals(FailureReason.CONFIG, FailureReason.of(new java.sql.SQLException("password file", "CPCFG")));
  }
}
