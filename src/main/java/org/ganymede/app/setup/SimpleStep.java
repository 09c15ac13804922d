package org.ganymede.app.setup;

import java.util.function.BooleanSupplier;

/** A step from four small pieces: most steps are "run this command unless that is already true". */
record SimpleStep(String describe, BooleanSupplier done, Runnable applying, Runnable undoing) implements Step {
  @Override
  public boolean isDone() {
    return done.getAsBoolean();
  }

  @Override
  public void apply() {
    applying.run();
  }

  @Override
  public void undo() {
    undoing.run();
  }
}
