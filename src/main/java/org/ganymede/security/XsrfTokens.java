package org.ganymede.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * XSRF tokens as JupyterHub 4.1+ makes them: the signed value of {@code session_id:user_cookie_id}
 * under the name {@code _xsrf}, base64url-encoded without padding. A token only checks for the
 * same session and user, so a token planted from another session or a sibling subdomain (cookie
 * tossing, CVE-2024-28233) is refused. Before login the user part is a hash of the client address
 * and User-Agent ({@link #anonymousId}).
 */
public final class XsrfTokens {
  /** The name signed into the token and the cookie that carries it. */
  public static final String NAME = "_xsrf";
  /** JupyterHub's signature lifetime for XSRF tokens. */
  public static final Duration MAX_AGE = Duration.ofDays(31);
  /** Lifetime of the anonymous (pre-login) XSRF cookie. */
  public static final Duration ANONYMOUS_COOKIE_MAX_AGE = Duration.ofHours(1);

  private final CookieSigner signer;

  public XsrfTokens(CookieSigner signer) {
    this.signer = signer;
  }

  /** A token for a logged-in session; also the value of the {@code _xsrf} cookie. */
  public String issue(String sessionId, String userCookieId) {
    String signed = signer.sign(NAME, id(sessionId, userCookieId));
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(signed.getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * Whether {@code token} was issued by this hub for this session and user within
   * {@link #MAX_AGE}. Anonymous requests pass an empty session id and {@link #anonymousId}.
   */
  public boolean check(String token, String sessionId, String userCookieId) {
    return idOf(token).map(id -> constantTimeEquals(id, id(sessionId, userCookieId))).orElse(false);
  }

  /** The {@code session:user} id inside a valid token, for deciding whether to re-issue it. */
  public Optional<String> idOf(String token) {
    if (token.isEmpty() || token.length() > CookieSigner.MAX_SIGNED_LENGTH) {
      return Optional.empty();
    }
    String signed;
    try {
      signed = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    return signer.verify(NAME, signed, MAX_AGE);
  }

  /** The id JupyterHub binds a token to: {@code session_id:user_cookie_id}. */
  public static String id(String sessionId, String userCookieId) {
    return sessionId + ":" + userCookieId;
  }

  /**
   * The user part for a request without login: a hash of the client address and User-Agent.
   * Private addresses count as one ("private"): behind a proxy they change between requests.
   */
  public static String anonymousId(String remoteAddress, String userAgent) {
    String address = isPrivate(remoteAddress) ? "private" : remoteAddress;
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(address.getBytes(StandardCharsets.US_ASCII));
      sha.update(userAgent.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().encodeToString(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static boolean isPrivate(String address) {
    boolean literal = address.matches("\\d{1,3}(\\.\\d{1,3}){3}")
        || (address.contains(":") && address.matches("[0-9a-fA-F:.]+"));
    if (!literal) {
      return false; // never resolve names: this runs on every anonymous request
    }
    try {
      InetAddress ip = InetAddress.getByName(address);
      return ip.isSiteLocalAddress() || ip.isLoopbackAddress() || ip.isLinkLocalAddress()
          || (ip.getAddress().length == 16 && (ip.getAddress()[0] & 0xfe) == 0xfc);
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static boolean constantTimeEquals(String a, String b) {
    return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
