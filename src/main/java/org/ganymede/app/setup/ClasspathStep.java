package org.ganymede.app.setup;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Copies the code the helper runs into the root-owned {@code lib} directory. The helper runs as any
 * member user, so its code must be writable by root alone — never the service user's jar. A
 * classes directory (in tests) is packed into a jar. A fingerprint of the sources (name, size, time)
 * tells whether the copy is current.
 */
record ClasspathStep(Path libDir, List<Path> classpath) implements Step {
  private static final String MARK = ".installed";

  @Override
  public String describe() {
    return "copy the helper's code (" + classpath.size() + " entries) into " + libDir + " (root-owned, 0644)";
  }

  @Override
  public boolean isDone() {
    try {
      return Files.readString(libDir.resolve(MARK)).equals(fingerprint());
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void apply() {
    try {
      undo();
      Files.createDirectories(libDir);
      Files.setAttribute(libDir, "unix:mode", 0755);
      int i = 0;
      for (Path source : classpath) {
        Path target = libDir.resolve(String.format("%02d-%s", i++, source.getFileName()) + (Files.isDirectory(source) ? ".jar" : ""));
        if (Files.isDirectory(source)) jar(source, target);
        else Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        Files.setAttribute(target, "unix:mode", 0644);
      }
      Files.writeString(libDir.resolve(MARK), fingerprint());
      Files.setAttribute(libDir.resolve(MARK), "unix:mode", 0644);
    } catch (IOException e) {
      throw new SetupException("cannot copy the helper's code into " + libDir + ": " + e);
    }
  }

  @Override
  public void undo() {
    if (!Files.isDirectory(libDir, LinkOption.NOFOLLOW_LINKS)) return;
    try (Stream<Path> all = Files.walk(libDir)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException | UncheckedIOException e) {
      throw new SetupException("cannot remove " + libDir + ": " + e);
    }
  }

  private String fingerprint() throws IOException {
    StringBuilder out = new StringBuilder();
    for (Path source : classpath) {
      try (Stream<Path> files = Files.walk(source)) {
        long[] sizeAndTime = {0, 0, 0};
        files.filter(Files::isRegularFile).forEach(f -> {
          try {
            sizeAndTime[0]++;
            sizeAndTime[1] += Files.size(f);
            sizeAndTime[2] = Math.max(sizeAndTime[2], Files.getLastModifiedTime(f).toMillis());
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
        out.append(source).append(' ').append(sizeAndTime[0]).append(' ').append(sizeAndTime[1]).append(' ')
            .append(sizeAndTime[2]).append('\n');
      }
    }
    return out.toString();
  }

  private static void jar(Path dir, Path target) throws IOException {
    try (OutputStream file = Files.newOutputStream(target); JarOutputStream jar = new JarOutputStream(file);
        Stream<Path> files = Files.walk(dir)) {
      // Directory entries too: resource scanners (Flyway's db/migration) look directories up by name.
      for (Path f : files.filter(f -> !f.equals(dir)).sorted().toList()) {
        String name = dir.relativize(f).toString();
        boolean isDir = Files.isDirectory(f);
        jar.putNextEntry(new JarEntry(isDir ? name + "/" : name));
        if (!isDir) Files.copy(f, jar);
        jar.closeEntry();
      }
    }
  }

}
