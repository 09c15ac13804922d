package org.ganymede.app.setup;

/**
 * One idempotent change to the host. {@code apply} runs only when {@code isDone} is false, so a
 * second {@code ganymede setup} changes nothing; {@code undo} reverses it and does nothing when
 * there is nothing to reverse.
 */
interface Step {
  /** What the step does, in words an administrator recognises ("create system user ganymede"). */
  String describe();

  boolean isDone();

  void apply();

  void undo();
}
