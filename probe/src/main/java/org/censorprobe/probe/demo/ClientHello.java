package org.censorprobe.probe.demo;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A ClientHello read off the wire the way a DPI box sees it: the raw records (replayed into the real TLS server
 * when the censor lets the connection through) and the SNI host name, or null when the client sent none. The
 * demo's censor reads it, and so do the test peers that filter by SNI.
 */
public record ClientHello(byte[] raw, String serverName) {
  private static final int HANDSHAKE_RECORD = 22;
  private static final int CLIENT_HELLO = 1;
  private static final int SERVER_NAME_EXTENSION = 0;
  private static final int HOST_NAME = 0;
  private static final int MAX_BYTES = 64 * 1024;

  /** Reads whole records until the ClientHello message is complete (it may span several records). */
  public static ClientHello read(InputStream in) throws IOException {
    DataInputStream data = new DataInputStream(in);
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    ByteArrayOutputStream handshake = new ByteArrayOutputStream();
    int needed = -1;
    while (needed < 0 || handshake.size() < needed) {
      byte[] header = new byte[5];
      data.readFully(header);
      if (header[0] != HANDSHAKE_RECORD) throw new IOException("not a TLS handshake record");
      int length = ((header[3] & 0xff) << 8) | (header[4] & 0xff);
      if (raw.size() + 5 + length > MAX_BYTES) throw new IOException("ClientHello too large");
      byte[] body = new byte[length];
      data.readFully(body);
      raw.write(header);
      raw.write(body);
      handshake.write(body);
      if (needed < 0 && handshake.size() >= 4) {
        byte[] h = handshake.toByteArray();
        if (h[0] != CLIENT_HELLO) throw new IOException("first handshake message is not a ClientHello");
        needed = 4 + (((h[1] & 0xff) << 16) | ((h[2] & 0xff) << 8) | (h[3] & 0xff));
      }
    }
    return new ClientHello(raw.toByteArray(), serverName(handshake.toByteArray()));
  }

  private static String serverName(byte[] message) throws IOException {
    try {
      ByteBuffer b = ByteBuffer.wrap(message);
      b.position(4 + 2 + 32); // header, legacy_version, random
      skip(b, b.get() & 0xff); // session id
      skip(b, b.getShort() & 0xffff); // cipher suites
      skip(b, b.get() & 0xff); // compression methods
      if (!b.hasRemaining()) return null;
      int end = (b.getShort() & 0xffff) + b.position();
      while (b.position() < end) {
        int type = b.getShort() & 0xffff;
        int length = b.getShort() & 0xffff;
        if (type != SERVER_NAME_EXTENSION) {
          skip(b, length);
          continue;
        }
        b.getShort(); // server_name_list length
        int nameType = b.get() & 0xff;
        byte[] name = new byte[b.getShort() & 0xffff];
        b.get(name);
        return nameType == HOST_NAME ? new String(name, StandardCharsets.US_ASCII) : null;
      }
      return null;
    } catch (RuntimeException e) {
      throw new EOFException("truncated ClientHello: " + e);
    }
  }

  private static void skip(ByteBuffer b, int n) {
    b.position(b.position() + n);
  }
}
