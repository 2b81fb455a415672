package io.github.selfclassifier.djl.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.modality.cv.Image;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class FloatImageTest {

  @Test
  void layoutIsChannelMajor() {
    FloatImage image = new FloatImage(3, 2, 4);
    image.set(2, 1, 3, 0.5f);
    assertThat(image.data()[(2 * 2 + 1) * 4 + 3]).isEqualTo(0.5f);
    assertThatThrownBy(() -> image.get(3, 0, 0)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> new FloatImage(2, 2, 2)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FloatImage.wrap(1, 2, 2, new float[3])).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void interleavedBytesBecomeChwInTheUnitInterval() {
    byte[] hwc = {(byte) 255, 0, (byte) 128, 10, 20, 30};
    FloatImage image = FloatImage.fromInterleavedBytes(hwc, 1, 2, 3);
    assertThat(image.data()).containsExactly(new float[] {1f, 10 / 255f, 0f, 20 / 255f, 128 / 255f, 30 / 255f},
        within(1e-7f));
  }

  @Test
  void rgbBufferedImageRoundTrips() {
    for (int type : new int[] {BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_3BYTE_BGR,
        BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_4BYTE_ABGR, BufferedImage.TYPE_INT_BGR,
        BufferedImage.TYPE_USHORT_565_RGB}) {
      BufferedImage source = new BufferedImage(3, 2, type);
      source.setRGB(0, 0, 0xFFFF0000);
      source.setRGB(2, 1, 0xFF00FF00);
      source.setRGB(1, 0, 0xFF0000FF);
      FloatImage image = FloatImage.fromBufferedImage(source);
      assertThat(image.channels()).as("type %d", type).isEqualTo(3);
      assertThat(image.get(0, 0, 0)).as("type %d", type).isEqualTo(1f);
      assertThat(image.get(1, 1, 2)).as("type %d", type).isEqualTo(1f);
      assertThat(image.get(2, 0, 1)).as("type %d", type).isEqualTo(1f);
      assertThat(image.get(1, 0, 0)).isZero();
      BufferedImage back = image.toBufferedImage();
      for (int y = 0; y < 2; y++) {
        for (int x = 0; x < 3; x++) {
          assertThat(back.getRGB(x, y)).isEqualTo(source.getRGB(x, y) | 0xFF000000);
        }
      }
    }
  }

  @Test
  void grayBufferedImageGivesOneChannelOrReplicates() {
    BufferedImage gray = new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_GRAY);
    gray.getRaster().setSample(1, 0, 0, 51);
    FloatImage one = FloatImage.fromBufferedImage(gray);
    assertThat(one.channels()).isEqualTo(1);
    assertThat(one.get(0, 0, 1)).isCloseTo(0.2f, within(1e-7f));
    FloatImage three = FloatImage.fromBufferedImage(gray, 3);
    assertThat(three.get(0, 0, 1)).isEqualTo(three.get(1, 0, 1)).isEqualTo(three.get(2, 0, 1));
    assertThat(one.toBufferedImage().getRaster().getSample(1, 0, 0)).isEqualTo(51);
    BufferedImage gray16 = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_GRAY);
    gray16.getRaster().setSample(0, 0, 0, 65535);
    gray16.getRaster().setSample(1, 0, 0, 13107);
    assertThat(FloatImage.fromBufferedImage(gray16).data()).containsExactly(new float[] {1f, 0.2f}, within(1e-6f));
  }

  @Test
  void withChannelsTakesLumaOrReplicates() {
    FloatImage rgb = FloatImage.wrap(3, 1, 1, new float[] {1f, 0.5f, 0f});
    assertThat(rgb.withChannels(3)).isSameAs(rgb);
    FloatImage gray = rgb.withChannels(1);
    assertThat(gray.get(0, 0, 0)).isCloseTo(0.299f + 0.587f * 0.5f, within(1e-6f));
    assertThat(gray.withChannels(3).data()).containsExactly(gray.get(0, 0, 0), gray.get(0, 0, 0),
        gray.get(0, 0, 0));
  }

  @Test
  void djlImageRoundTripsWithoutAnEngine() {
    FloatImage image = FloatImage.fromInterleavedBytes(new byte[] {10, 20, 30, 40, 50, 60}, 1, 2, 3);
    Image djl = image.toDjlImage();
    assertThat(djl.getWidth()).isEqualTo(2);
    assertThat(djl.getHeight()).isEqualTo(1);
    FloatImage back = FloatImage.fromDjlImage(djl, 3);
    assertThat(TestImages.maxAbsDifference(back, image)).isLessThan(1e-6);
  }

  @Test
  void copyIsDeep() {
    FloatImage image = TestImages.noise(1, 2, 2, 50);
    FloatImage copy = image.copy();
    copy.set(0, 0, 0, 9f);
    assertThat(image.get(0, 0, 0)).isNotEqualTo(9f);
  }
}
