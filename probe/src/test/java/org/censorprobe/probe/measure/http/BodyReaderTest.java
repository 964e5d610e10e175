package org.censorprobe.probe.measure.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import okio.Buffer;
import okio.Source;
import okio.Timeout;
import org.censorprobe.probe.config.Limits;

class BodyReaderTest {
  /**
   * The kept head grows with the body (it starts empty): whatever the body's length and however the wire cuts it,
   * the head holds exactly its first bytes, up to HEAD_BYTES and the body cap.
   */
  @Property(tries = 200)
  void theHeadIsTheBodysFirstBytesHoweverTheyArrive(@ForAll @IntRange(max = 200_000) int length,
                                                   @ForAll @IntRange(min = 1, max = 20_000) int largestRead,
                                                   @ForAll @IntRange(min = 1, max = 200_000) int bodyCap,
                                                   @ForAll long seed) throws IOException {
    byte[] body = new byte[length];
    new Random(seed).nextBytes(body);
    Limits limits = new Limits(32, bodyCap, 4 * 1024 * 1024, 64 * 1024, 10, 8);
    BodyReader reader = new BodyReader(limits);

    reader.read(new Dribble(body, largestRead), false);

    int expected = Math.min(length, Math.min(BodyReader.HEAD_BYTES, bodyCap));
    assertEquals(expected, reader.headLength());
    assertArrayEquals(Arrays.copyOf(body, expected), Arrays.copyOf(reader.head(), reader.headLength()));
    assertEquals(Math.min(length, bodyCap), reader.keptBytes());
  }

  /** A source that hands out at most {@code largest} bytes per read, as a slow wire does. */
  private static final class Dribble implements Source {
    private final Buffer left = new Buffer();
    private final int largest;

    Dribble(byte[] body, int largest) {
      left.write(body);
      this.largest = largest;
    }

    @Override
    public long read(Buffer sink, long byteCount) {
      if (left.size() == 0) return -1;
      long n = Math.min(Math.min(byteCount, largest), left.size());
      sink.write(left, n);
      return n;
    }

    @Override
    public Timeout timeout() {
      return Timeout.NONE;
    }

    @Override
    public void close() {}
  }
}
