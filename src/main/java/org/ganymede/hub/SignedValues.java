package org.ganymede.hub;

import java.time.Duration;
import java.util.Optional;

/** Signs and verifies cookie values with the cookie secret; implemented in {@code security}. */
public interface SignedValues {
  String sign(String name, String value);

  Optional<String> verify(String name, String signed, Duration maxAge);
}
