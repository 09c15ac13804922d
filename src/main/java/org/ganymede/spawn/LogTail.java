package org.ganymede.spawn;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Reads the last lines of a server log, to show why a server failed. */
public final class LogTail {
  /** Only this much of the file's end is read, so a huge log costs no more than a small one. */
  static final int MAX_BYTES = 64 * 1024;

  private LogTail() {}

  /**
   * The last {@code lines} lines of {@code file} (fewer if it is shorter); empty when the file
   * does not exist or cannot be read. Invalid UTF-8 is replaced, never fatal.
   */
  public static List<String> read(Path file, int lines) {
    if (lines <= 0) return List.of();
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long length = in.length();
      int size = (int) Math.min(length, MAX_BYTES);
      byte[] bytes = new byte[size];
      in.seek(length - size);
      in.readFully(bytes);
      String text = new String(bytes, StandardCharsets.UTF_8);
      List<String> all = Arrays.asList(text.split("\r?\n", -1));
      if (size < length && all.size() > 1) all = all.subList(1, all.size()); // partial first line
      if (!all.isEmpty() && all.getLast().isEmpty()) all = all.subList(0, all.size() - 1);
      return List.copyOf(all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return List.of();
    }
  }
}
