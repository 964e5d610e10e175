package org.censorprobe.reporter.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The picture checks of HtmlInChromiumTest can fail: they find what they look for on pictures drawn here. */
class PixelChecksTest {
  private static BufferedImage page() {
    BufferedImage img = new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 400, 300);
    g.setColor(Color.BLACK);
    g.drawString("text is thin and dark but no background", 10, 20);
    return img;
  }

  @Test
  void aDarkBackgroundIsFoundAndTextIsNot() {
    BufferedImage img = page();
    assertNull(HtmlInChromiumTest.darkBlock(img, 16, 60));
    Graphics2D g = img.createGraphics();
    g.setColor(new Color(0x33, 0x33, 0x33));
    g.fillRect(100, 100, 20, 20);
    assertArrayEquals(new int[] {100, 100}, HtmlInChromiumTest.darkBlock(img, 16, 60));
  }

  @Test
  void blockedBandsAreFoundAsFractionsOfThePlotRowByRow() {
    BufferedImage img = page();
    Graphics2D g = img.createGraphics();
    g.setColor(new Color(0x2e, 0x7d, 0x32)); // ok across the plot, x 40..359
    g.fillRect(40, 100, 320, 20);
    g.fillRect(40, 130, 320, 20);
    g.setColor(new Color(0xc6, 0x28, 0x28)); // blocked: the second quarter of row 1, the last half of row 2
    g.fillRect(120, 100, 80, 20);
    g.fillRect(200, 130, 160, 20);
    g.fillRect(60, 200, 40, 15); // a tag: too narrow for a band
    List<List<double[]>> rows = HtmlInChromiumTest.blockedBandsByRow(img);
    assertEquals(2, rows.size());
    assertArrayEquals(new double[] {0.25, 0.5}, rows.get(0).get(0), 1e-9);
    assertArrayEquals(new double[] {0.5, 1.0}, rows.get(1).get(0), 1e-9);
  }
}
