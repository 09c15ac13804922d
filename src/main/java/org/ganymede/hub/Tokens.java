package org.ganymede.hub;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.ganymede.security.ApiTokens;
import org.ganymede.security.JupyterHubTokenHash;
import org.ganymede.security.Secrets;
import org.ganymede.security.TokenHash;
import org.ganymede.store.TokenRecord;
import org.ganymede.store.TokenRows;

/**
 * API tokens: issued, looked up by hash, listed, revoked. The token itself is returned once and
 * never stored; the database and memory hold its {@link TokenHash} (prefix and SHA-256).
 *
 * <p>Memory is the hub's working set, but not the only writer: {@code ganymede token} writes to the
 * database next to a running hub (as {@code jupyterhub token} does). So a token missing from memory
 * is looked up in the database by its hash (one index lookup, what JupyterHub does for every
 * request) and adopted with its owner; listings read the owner's rows too. Adoption runs under the
 * directory's writer lock, so a token revoked or an owner deleted meanwhile is never brought back.
 *
 * <p>Tokens imported from a JupyterHub database ({@code ganymede import-jupyterhub}) keep
 * JupyterHub's salted hash, since their secrets are unknown: a secret not found by its SHA-256 is
 * checked against those of them that share its prefix, as JupyterHub finds every token.
 */
public final class Tokens {
  public static final String API_CLIENT = "jupyterhub";

  /** A token just issued: the only time its secret is known. */
  public record Issued(TokenRecord record, String secret) {
    @Override
    public String toString() {
      return "Issued[" + record.prefix() + "…, id=" + record.id() + "]";
    }
  }

  private final Directory dir;
  private final Clock clock;
  private final Map<String, TokenRecord> byHash = new ConcurrentHashMap<>();
  private final Map<Long, TokenRecord> byId = new ConcurrentHashMap<>();
  /** Hashes (keys of {@link #byHash}) of tokens kept in JupyterHub's form, by prefix; may hold revoked ones. */
  private final Map<String, java.util.Set<String>> carriedByPrefix = new ConcurrentHashMap<>();

  public Tokens(Directory dir, Clock clock) {
    this.dir = dir;
    this.clock = clock;
    for (TokenRecord t : dir.db().transaction(TokenRows::all)) publish(t);
  }

  /** A new random token: 128 bits, hex (JupyterHub's uuid4 hex). */
  public static String newSecret() {
    return ApiTokens.newToken();
  }

  static String hash(String secret) {
    return TokenHash.of(secret).sha256();
  }

  /** Issues a new random token. */
  public Issued issue(String ownerKind, String ownerName, List<String> scopes, String note,
      Optional<Duration> expiresIn, Optional<String> sessionId, String clientId) {
    String secret = newSecret();
    return new Issued(store(ownerKind, ownerName, secret, scopes, note, expiresIn, sessionId, clientId), secret);
  }

  /** Stores a token whose secret the administrator chose (config {@code api_token}s); idempotent. */
  public TokenRecord importSecret(String ownerKind, String ownerName, String secret, List<String> scopes,
      String note) {
    TokenRecord existing = byHash.get(hash(secret));
    if (existing != null) {
      if (existing.ownerKind().equals(ownerKind) && existing.ownerName().equals(ownerName)) return existing;
      throw new IllegalArgumentException("the same api_token is configured for " + existing.ownerKind() + " "
          + existing.ownerName() + " and " + ownerKind + " " + ownerName);
    }
    return store(ownerKind, ownerName, secret, scopes, note, Optional.empty(), Optional.empty(), API_CLIENT);
  }

  private TokenRecord store(String ownerKind, String ownerName, String secret, List<String> scopes, String note,
      Optional<Duration> expiresIn, Optional<String> sessionId, String clientId) {
    Instant now = clock.instant();
    TokenHash h = TokenHash.of(secret);
    TokenRecord draft = new TokenRecord(0, ownerKind, ownerName, h.prefix(), h.sha256(), scopes, note, now,
        expiresIn.map(now::plus), Optional.empty(), sessionId, clientId);
    return dir.write(() -> {
      TokenRecord saved = dir.db().transaction(c -> TokenRows.insert(c, draft));
      publish(saved);
      return saved;
    });
  }

  /** The live token with this secret, if any; expired tokens are not found. */
  public Optional<TokenRecord> lookup(String secret) {
    if (secret.isEmpty()) return Optional.empty();
    String hashed = hash(secret);
    TokenRecord t = byHash.get(hashed);
    if (t == null) t = carried(secret).orElse(null);
    if (t == null) t = writtenElsewhere(hashed).orElse(null);
    if (t == null || t.expired(clock.instant())) return Optional.empty();
    return Optional.of(t);
  }

  /** The imported token whose JupyterHub hash matches {@code secret}, if any; see the class comment. */
  private Optional<TokenRecord> carried(String secret) {
    java.util.Set<String> candidates = carriedByPrefix.get(Secrets.prefix(secret));
    if (candidates == null) return Optional.empty();
    for (String stored : candidates) {
      TokenRecord t = byHash.get(stored);
      if (t == null) continue; // revoked since
      if (JupyterHubTokenHash.parse(stored).map(h -> h.matches(secret)).orElse(false)) return Optional.of(t);
    }
    return Optional.empty();
  }

  /** A token another process stored after this hub loaded, adopted with its owner; see the class comment. */
  private Optional<TokenRecord> writtenElsewhere(String hashed) {
    if (dir.db().transaction(c -> TokenRows.byHash(c, hashed)).isEmpty()) return Optional.empty();
    return dir.write(() -> {
      TokenRecord known = byHash.get(hashed);
      if (known != null) return Optional.of(known);
      Optional<TokenRecord> row = dir.db().transaction(c -> TokenRows.byHash(c, hashed));
      row.ifPresent(this::adopt);
      return row;
    });
  }

  /** Under the writer lock: publishes a row read from the database, loading its user first. */
  private void adopt(TokenRecord t) {
    if (t.ownerKind().equals("user")) dir.adoptUser(t.ownerName());
    publish(t);
  }

  public Optional<TokenRecord> byId(long id) {
    return Optional.ofNullable(byId.get(id)).filter(t -> !t.expired(clock.instant()));
  }

  /** Live tokens of an owner, oldest first. */
  public List<TokenRecord> ownedBy(String ownerKind, String ownerName) {
    List<TokenRecord> stored = dir.db().transaction(c -> TokenRows.ownedBy(c, ownerKind, ownerName));
    if (stored.stream().anyMatch(t -> !byId.containsKey(t.id()))) {
      dir.write(() -> {
        for (TokenRecord t : dir.db().transaction(c -> TokenRows.ownedBy(c, ownerKind, ownerName))) {
          if (!byId.containsKey(t.id())) adopt(t);
        }
        return null;
      });
    }
    Instant now = clock.instant();
    return byId.values().stream()
        .filter(t -> t.ownerKind().equals(ownerKind) && t.ownerName().equals(ownerName) && !t.expired(now))
        .sorted(java.util.Comparator.comparingLong(TokenRecord::id))
        .toList();
  }

  public void revoke(long id) {
    dir.write(() -> {
      dir.db().transaction(c -> {
        TokenRows.delete(c, id);
        return null;
      });
      TokenRecord t = byId.remove(id);
      if (t != null) byHash.remove(t.hashed());
      return null;
    });
  }

  /**
   * Revokes the tokens {@code user} got through OAuth during browser session {@code sessionId}
   * (logout, as JupyterHub's {@code clear_login_cookie}). Only OAuth tokens carry a session id, so
   * API tokens and the tokens of the user's other sessions stay valid. Returns how many went.
   */
  public int revokeSession(String user, String sessionId) {
    return revokeAll(t -> t.ownerKind().equals("user") && t.ownerName().equals(user)
        && t.sessionId().filter(sessionId::equals).isPresent());
  }

  /** Removes expired tokens from the database and memory (they are refused before that already). */
  public int purgeExpired() {
    Instant now = clock.instant();
    return revokeAll(t -> t.expired(now));
  }

  /** Deletes every matching token in one transaction, then forgets them. */
  private int revokeAll(java.util.function.Predicate<TokenRecord> which) {
    return dir.write(() -> {
      List<TokenRecord> gone = byId.values().stream().filter(which).toList();
      if (gone.isEmpty()) return 0;
      dir.db().transaction(c -> {
        for (TokenRecord t : gone) TokenRows.delete(c, t.id());
        return null;
      });
      for (TokenRecord t : gone) {
        byId.remove(t.id());
        byHash.remove(t.hashed());
      }
      return gone.size();
    });
  }

  /** Records use of a token, at most once a minute per token so lookups stay cheap. */
  public void touch(TokenRecord t) {
    Instant now = clock.instant();
    if (t.lastActivity().map(last -> last.plusSeconds(60).isAfter(now)).orElse(false)) return;
    // computeIfPresent, not put: a token revoked (logout) while its request ran must stay revoked.
    if (byId.computeIfPresent(t.id(), (id, current) -> current.withLastActivity(now)) == null) return;
    byHash.computeIfPresent(t.hashed(), (h, current) -> current.withLastActivity(now));
    dir.db().transaction(c -> {
      TokenRows.touch(c, t.id(), now);
      return null;
    });
  }

  // ---- called by Users inside its transaction's publish step ----

  void forgetOwner(String ownerKind, String ownerName) {
    byId.values().removeIf(t -> t.ownerKind().equals(ownerKind) && t.ownerName().equals(ownerName));
    byHash.values().removeIf(t -> t.ownerKind().equals(ownerKind) && t.ownerName().equals(ownerName));
  }

  void renameOwner(String oldName, String newName) {
    for (TokenRecord t : List.copyOf(byId.values())) {
      if (t.ownerKind().equals("user") && t.ownerName().equals(oldName)) publish(t.withOwnerName(newName));
    }
  }

  private void publish(TokenRecord t) {
    byId.put(t.id(), t);
    byHash.put(t.hashed(), t);
    if (JupyterHubTokenHash.parse(t.hashed()).isPresent()) {
      carriedByPrefix.computeIfAbsent(t.prefix(), p -> ConcurrentHashMap.newKeySet()).add(t.hashed());
    }
  }
}
