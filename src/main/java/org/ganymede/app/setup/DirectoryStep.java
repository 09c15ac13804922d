package org.ganymede.app.setup;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import org.ganymede.app.check.Host;

/** A directory with exact owner and mode; undo removes it only when empty (data is never deleted). */
record DirectoryStep(Path path, Supplier<Integer> uid, Supplier<Integer> gid, int mode) implements Step {
  @Override
  public String describe() {
    return "create directory " + path + " (mode " + String.format("%04o", mode) + ")";
  }

  @Override
  public boolean isDone() {
    Optional<Host.Attrs> a = Host.attrs(path);
    return a.isPresent() && Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) && a.get().mode() == mode
        && a.get().uid() == uid.get() && a.get().gid() == gid.get();
  }

  @Override
  public void apply() {
    try {
      Files.createDirectories(path);
      Files.setAttribute(path, "unix:gid", gid.get(), LinkOption.NOFOLLOW_LINKS);
      Files.setAttribute(path, "unix:uid", uid.get(), LinkOption.NOFOLLOW_LINKS);
      Files.setAttribute(path, "unix:mode", mode, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw new SetupException("cannot create " + path + ": " + e);
    }
  }

  @Override
  public void undo() {
    try {
      Files.deleteIfExists(path);
    } catch (DirectoryNotEmptyException e) {
      System.err.println("kept " + path + ": it is not empty (remove it yourself if its data is not needed)");
    } catch (IOException e) {
      throw new SetupException("cannot remove " + path + ": " + e);
    }
  }
}
