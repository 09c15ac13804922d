package org.ganymede.security;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Encryption at rest for {@code auth_state}, with the keys of {@code JUPYTERHUB_CRYPT_KEY}
 * (JupyterHub's {@code CryptKeeper}): Fernet tokens, encrypted with the first key and decrypted
 * with any (MultiFernet), so keys rotate by putting the new one first.
 *
 * <p>Keys are read as JupyterHub's {@code crypto._validate_key} reads them: 44 characters are
 * (URL-safe) base64, 64 are hex, and any other string of exactly 32 bytes is the raw key. The
 * list is separated by {@code ;} as in JupyterHub; {@code ,} is accepted too, since neither
 * appears in a key.
 */
public final class CryptKeeper {
  public static final String KEY_ENV = "JUPYTERHUB_CRYPT_KEY";
  /** What every message about a missing or bad key ends with. */
  public static final String HOW_TO_MAKE_ONE = "make one with `openssl rand -hex 32` and put it in " + KEY_ENV
      + " (several keys separated by ';', the newest first, to rotate)";

  private final List<Fernet> keys;
  private final Clock clock;

  private CryptKeeper(List<Fernet> keys, Clock clock) {
    this.keys = List.copyOf(keys);
    this.clock = clock;
  }

  /**
   * The keys in {@code value} (the variable's text), or empty when it holds none.
   *
   * @throws SecurityConfigException naming the variable and the key's position when one is not 32 bytes
   */
  public static Optional<CryptKeeper> fromEnvironment(String value, Clock clock) {
    List<Fernet> keys = new ArrayList<>();
    String[] parts = value.split("[;,]");
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i].strip();
      if (part.isEmpty()) continue;
      keys.add(new Fernet(decodeKey(part, i + 1)));
    }
    return keys.isEmpty() ? Optional.empty() : Optional.of(new CryptKeeper(keys, clock));
  }

  private static byte[] decodeKey(String key, int position) {
    if (!StandardCharsets.US_ASCII.newEncoder().canEncode(key)) {
      throw new SecurityConfigException(KEY_ENV + ": key " + position + " is not ASCII; " + HOW_TO_MAKE_ONE);
    }
    byte[] bytes = key.getBytes(StandardCharsets.US_ASCII);
    if (bytes.length == 44) {
      try {
        // Python's urlsafe_b64decode: '-_' read as '+/', other characters outside the alphabet skipped.
        bytes = Base64.getMimeDecoder().decode(key.replace('-', '+').replace('_', '/'));
      } catch (IllegalArgumentException e) {
        // not base64: judged by its length below, as JupyterHub does
      }
    } else if (bytes.length == 64) {
      try {
        return HexFormat.of().parseHex(key);
      } catch (IllegalArgumentException e) {
        // not hex: judged by its length below
      }
    }
    if (bytes.length != 32) {
      throw new SecurityConfigException(KEY_ENV + ": key " + position + " is not 32 bytes (" + bytes.length
          + " bytes); keys must be 32 bytes, hex or base64-encoded: " + HOW_TO_MAKE_ONE);
    }
    return bytes;
  }

  /** How many keys there are; with more than one, readers re-encrypt what they read with the first. */
  public int keyCount() {
    return keys.size();
  }

  /** A Fernet token of {@code plaintext} under the first key (ASCII bytes, as JupyterHub stores them). */
  public byte[] encrypt(byte[] plaintext) {
    return keys.get(0).encrypt(plaintext, clock.instant().getEpochSecond());
  }

  /**
   * The plaintext of a token made with any of the keys.
   *
   * @throws UnreadableToken when no key made it or it was changed; the message never holds the token
   */
  public byte[] decrypt(byte[] token) {
    String why = "";
    for (Fernet key : keys) {
      try {
        return key.decrypt(token);
      } catch (Fernet.InvalidToken e) {
        why = e.getMessage();
      }
    }
    throw new UnreadableToken("no key in " + KEY_ENV + " opens it (" + keys.size() + " tried; last: " + why + ")");
  }

  @Override
  public String toString() {
    return "CryptKeeper[" + keys.size() + " keys]";
  }

  /** An encrypted value none of the keys open. */
  public static final class UnreadableToken extends RuntimeException {
    UnreadableToken(String message) {
      super(message);
    }
  }
}
