package org.ganymede.app.setup;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.ganymede.app.check.Host;

/**
 * Installs one file with exact owner and mode: written to a private temporary file next to it,
 * checked (e.g. {@code visudo -cf}), then moved into place, so a half-written or invalid file is
 * never live. Secrets are generated once ({@code keepContent}): a second run only checks the mode.
 */
final class FileStep implements Step {
  private final Path path;
  private final Supplier<byte[]> content;
  private final Supplier<Integer> uid;
  private final Supplier<Integer> gid;
  private final int mode;
  private final boolean keepContent;
  private final Optional<Consumer<Path>> check;
  private final String what;

  FileStep(String what, Path path, Supplier<byte[]> content, Supplier<Integer> uid, Supplier<Integer> gid, int mode,
      boolean keepContent, Optional<Consumer<Path>> check) {
    this.what = what;
    this.path = path;
    this.content = content;
    this.uid = uid;
    this.gid = gid;
    this.mode = mode;
    this.keepContent = keepContent;
    this.check = check;
  }

  static FileStep rootFile(String what, Path path, String text, int mode) {
    return new FileStep(what, path, () -> text.getBytes(java.nio.charset.StandardCharsets.UTF_8), () -> 0, () -> 0,
        mode, false, Optional.empty());
  }

  @Override
  public String describe() {
    return "install " + what + " " + path + " (mode " + String.format("%04o", mode) + ")";
  }

  @Override
  public boolean isDone() {
    Optional<Host.Attrs> a = Host.attrs(path);
    if (a.isEmpty() || a.get().mode() != mode || a.get().uid() != uid.get() || a.get().gid() != gid.get()) return false;
    if (keepContent) return true;
    try {
      return Arrays.equals(Files.readAllBytes(path), content.get());
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void apply() {
    try {
      Files.createDirectories(path.getParent());
      if (keepContent && Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
        setOwnerAndMode(path); // keep an existing secret, fix only who may read it
        return;
      }
      Path temp = Files.createTempFile(path.getParent(), "." + path.getFileName(), ".new",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try {
        Files.write(temp, content.get());
        setOwnerAndMode(temp);
        check.ifPresent(c -> c.accept(temp));
        try {
          Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new SetupException("cannot install " + path + ": " + e);
    }
  }

  private void setOwnerAndMode(Path file) throws IOException {
    Files.setAttribute(file, "unix:gid", gid.get(), LinkOption.NOFOLLOW_LINKS);
    Files.setAttribute(file, "unix:uid", uid.get(), LinkOption.NOFOLLOW_LINKS);
    Files.setAttribute(file, "unix:mode", mode, LinkOption.NOFOLLOW_LINKS);
  }

  @Override
  public void undo() {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new SetupException("cannot remove " + path + ": " + e);
    }
  }
}
