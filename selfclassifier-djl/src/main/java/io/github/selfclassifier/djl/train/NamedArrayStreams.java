package io.github.selfclassifier.djl.train;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The engine-neutral binary encoding of strings, shapes, float arrays and named parameters shared by {@link
 * TrainingCheckpoint} and the inference model file: big-endian ({@link DataOutputStream}), a string as its
 * UTF-8 byte count and bytes, a shape as its rank and dimensions, a float array as its length and float32
 * values, parameters as their count and then (name, shape, values) each. Parameters are stored by name, so a
 * file written on one engine loads on the other. {@link #writeAtomically} is the one way both files reach the
 * disk.
 */
public final class NamedArrayStreams {
  private static final int MAX_RANK = 16;

  private NamedArrayStreams() {}

  /** The body of a file, written to a stream. */
  @FunctionalInterface
  public interface Body {
    /**
     * Writes the file's contents.
     *
     * @param out the stream
     * @throws IOException if writing fails
     */
    void writeTo(DataOutputStream out) throws IOException;
  }

  /**
   * Writes a file so that a crash at any moment leaves either the old file or the complete new one: the body
   * goes to a hidden temporary file in the same folder (created if missing), which is synced to the disk and
   * then renamed over the target (atomically where the file system can), and the folder is synced.
   *
   * @param target the file to write
   * @param body writes the contents
   * @throws IOException if writing fails (the temporary file is then deleted and the target untouched)
   */
  public static void writeAtomically(Path target, Body body) throws IOException {
    Path folder = target.toAbsolutePath().getParent();
    Files.createDirectories(folder);
    Path temp = Files.createTempFile(folder, "." + target.getFileName() + ".", ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
          DataOutputStream out = new DataOutputStream(
              new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16))) {
        body.writeTo(out);
        out.flush();
        channel.force(true);
      }
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
    try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // some platforms cannot open or sync a folder; the rename itself is still atomic
    }
  }

  /**
   * Writes a string.
   *
   * @param out the stream
   * @param s the string
   * @throws IOException if writing fails
   */
  public static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  /**
   * Reads a string.
   *
   * @param in the stream
   * @return the string
   * @throws IOException if the stream ends early or the length is negative
   */
  public static String readString(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      throw new IOException("negative string length");
    }
    byte[] bytes = in.readNBytes(n);
    if (bytes.length != n) {
      throw new IOException("truncated file");
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /**
   * Writes a shape.
   *
   * @param out the stream
   * @param shape the dimensions
   * @throws IOException if writing fails
   */
  public static void writeShape(DataOutputStream out, long[] shape) throws IOException {
    out.writeInt(shape.length);
    for (long d : shape) {
      out.writeLong(d);
    }
  }

  /**
   * Reads a shape.
   *
   * @param in the stream
   * @return the dimensions
   * @throws IOException if the stream ends early or the rank is out of range
   */
  public static long[] readShape(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > MAX_RANK) {
      throw new IOException("bad shape rank " + n);
    }
    long[] shape = new long[n];
    for (int i = 0; i < n; i++) {
      shape[i] = in.readLong();
    }
    return shape;
  }

  /**
   * Writes a float array.
   *
   * @param out the stream
   * @param values the values
   * @throws IOException if writing fails
   */
  public static void writeFloats(DataOutputStream out, float[] values) throws IOException {
    out.writeInt(values.length);
    for (float v : values) {
      out.writeFloat(v);
    }
  }

  /**
   * Reads a float array.
   *
   * @param in the stream
   * @return the values
   * @throws IOException if the stream ends early or the length is negative
   */
  public static float[] readFloats(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      throw new IOException("negative array length");
    }
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = in.readFloat();
    }
    return values;
  }

  /**
   * Writes named parameters in map order.
   *
   * @param out the stream
   * @param parameters name to shape and values
   * @throws IOException if writing fails
   */
  public static void writeParameters(DataOutputStream out, Map<String, TrainingCheckpoint.NamedArray> parameters)
      throws IOException {
    out.writeInt(parameters.size());
    for (Map.Entry<String, TrainingCheckpoint.NamedArray> e : parameters.entrySet()) {
      writeString(out, e.getKey());
      writeShape(out, e.getValue().shape());
      writeFloats(out, e.getValue().values());
    }
  }

  /**
   * Reads named parameters.
   *
   * @param in the stream
   * @return name to shape and values, in file order
   * @throws IOException if the stream ends early or is malformed
   */
  public static Map<String, TrainingCheckpoint.NamedArray> readParameters(DataInputStream in) throws IOException {
    int count = in.readInt();
    if (count < 0) {
      throw new IOException("negative parameter count");
    }
    Map<String, TrainingCheckpoint.NamedArray> parameters = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      String name = readString(in);
      long[] shape = readShape(in);
      parameters.put(name, new TrainingCheckpoint.NamedArray(shape, readFloats(in)));
    }
    return parameters;
  }
}
