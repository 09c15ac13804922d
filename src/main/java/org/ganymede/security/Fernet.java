package org.ganymede.security;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * One Fernet key (the spec at github.com/fernet/spec, as Python's {@code cryptography.fernet}
 * implements it): AES-128-CBC with PKCS7 padding, then HMAC-SHA256 over version, time, IV and
 * ciphertext; the token is URL-safe base64 with padding. JupyterHub stores {@code auth_state} as
 * such tokens, so a database it wrote stays readable here and the other way round.
 *
 * <p>Tokens carry no expiry check: JupyterHub decrypts with no {@code ttl}.
 */
final class Fernet {
  private static final byte VERSION = (byte) 0x80;
  private static final int HEADER = 1 + 8 + 16;
  private static final int MAC_LENGTH = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec signing;
  private final SecretKeySpec encryption;

  /** @param key 32 bytes: the first half signs, the second encrypts */
  Fernet(byte[] key) {
    if (key.length != 32) throw new IllegalArgumentException("a Fernet key is 32 bytes, not " + key.length);
    this.signing = new SecretKeySpec(Arrays.copyOfRange(key, 0, 16), "HmacSHA256");
    this.encryption = new SecretKeySpec(Arrays.copyOfRange(key, 16, 32), "AES");
  }

  byte[] encrypt(byte[] plaintext, long unixSeconds) {
    byte[] iv = new byte[16];
    RANDOM.nextBytes(iv);
    try {
      Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
      aes.init(Cipher.ENCRYPT_MODE, encryption, new IvParameterSpec(iv));
      byte[] ciphertext = aes.doFinal(plaintext);
      ByteBuffer token = ByteBuffer.allocate(HEADER + ciphertext.length + MAC_LENGTH);
      token.put(VERSION).putLong(unixSeconds).put(iv).put(ciphertext);
      token.put(mac(token.array(), HEADER + ciphertext.length));
      return Base64.getUrlEncoder().encode(token.array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot do AES-CBC or HMAC-SHA256: " + e.getMessage(), e);
    }
  }

  /** The plaintext of {@code token}; {@link InvalidToken} when it is malformed or not made with this key. */
  byte[] decrypt(byte[] token) throws InvalidToken {
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(token);
    } catch (IllegalArgumentException e) {
      throw new InvalidToken("not URL-safe base64");
    }
    if (raw.length < HEADER + 16 + MAC_LENGTH || raw[0] != VERSION || (raw.length - HEADER - MAC_LENGTH) % 16 != 0) {
      throw new InvalidToken("not a Fernet token");
    }
    int signedLength = raw.length - MAC_LENGTH;
    byte[] expected = mac(raw, signedLength);
    if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(raw, signedLength, raw.length))) {
      throw new InvalidToken("signature does not match");
    }
    try {
      Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
      aes.init(Cipher.DECRYPT_MODE, encryption, new IvParameterSpec(raw, 9, 16));
      return aes.doFinal(raw, HEADER, signedLength - HEADER);
    } catch (GeneralSecurityException e) {
      throw new InvalidToken("padding does not match");
    }
  }

  private byte[] mac(byte[] data, int length) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(signing);
      mac.update(data, 0, length);
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot do HMAC-SHA256: " + e.getMessage(), e);
    }
  }

  /** A token this key did not make, or that was changed since. Its message never holds the token. */
  static final class InvalidToken extends Exception {
    InvalidToken(String why) {
      super(why);
    }
  }
}
