package org.ganymede.hub;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.ganymede.http.Json;
import org.ganymede.security.CryptKeeper;
import org.ganymede.store.UserRecord;
import org.ganymede.store.UserRows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each user's auth state, kept encrypted in {@code users.encrypted_auth_state} as JupyterHub keeps
 * it ({@code User.save_auth_state}/{@code get_auth_state}): the JSON of the state, UTF-8, in a
 * Fernet token. With {@code enable_auth_state} off nothing is kept, and a login clears what an
 * earlier configuration stored.
 */
public final class AuthStates {
  private static final Logger log = LoggerFactory.getLogger(AuthStates.class);

  private final Directory dir;
  private final Optional<CryptKeeper> keeper;

  private AuthStates(Directory dir, Optional<CryptKeeper> keeper) {
    this.dir = dir;
    this.keeper = keeper;
  }

  /** Auth state kept with these keys ({@code enable_auth_state = True}). */
  public static AuthStates encrypted(Directory dir, CryptKeeper keeper) {
    return new AuthStates(dir, Optional.of(keeper));
  }

  /** No auth state kept ({@code enable_auth_state = False}). */
  public static AuthStates disabled(Directory dir) {
    return new AuthStates(dir, Optional.empty());
  }

  public boolean enabled() {
    return keeper.isPresent();
  }

  /**
   * Stores {@code state} for {@code userName}, or clears it when empty or auth state is off
   * (JupyterHub's {@code auth_to_user} always writes, so a key rotation or a turned-off setting
   * leaves no stale token behind).
   */
  public void save(String userName, Optional<Map<String, Object>> state) {
    UserRecord user = dir.user(userName).orElseThrow(() -> new IllegalStateException("no user " + userName));
    Optional<byte[]> token = keeper.flatMap(k -> state.map(s -> k.encrypt(Json.writeBytes(s))));
    dir.db().transaction(c -> {
      if (token.isPresent()) UserRows.setEncryptedAuthState(c, user.id(), token.get());
      else UserRows.clearEncryptedAuthState(c, user.id());
      return null;
    });
  }

  /**
   * The user's auth state; empty when none is kept or none of the keys opens it (logged, as
   * JupyterHub logs and returns None). With several keys, what was read is stored again under the
   * first, so rotating keys re-encrypts each state the next time it is used.
   */
  public Optional<Map<String, Object>> get(String userName) {
    if (keeper.isEmpty()) return Optional.empty();
    Optional<UserRecord> user = dir.user(userName);
    if (user.isEmpty()) return Optional.empty();
    Optional<byte[]> token = dir.db().transaction(c -> UserRows.encryptedAuthState(c, user.get().id()));
    if (token.isEmpty()) return Optional.empty();
    Map<String, Object> state;
    try {
      byte[] json = keeper.get().decrypt(token.get());
      state = Json.toMap(Json.MAPPER.readTree(new String(json, StandardCharsets.UTF_8)));
    } catch (CryptKeeper.UnreadableToken e) {
      log.warn("Failed to retrieve encrypted auth_state for {} because {}", userName, e.getMessage());
      return Optional.empty();
    } catch (tools.jackson.core.JacksonException | IllegalArgumentException e) {
      // The parser's message quotes the plaintext: only its kind goes to the log.
      log.warn("Failed to retrieve encrypted auth_state for {} because it is not a JSON object ({})", userName,
          e.getClass().getSimpleName());
      return Optional.empty();
    }
    if (state == null) return Optional.empty();   // JSON null, as a JupyterHub PATCH may store
    if (!state.isEmpty() && keeper.get().keyCount() > 1) save(userName, Optional.of(state));
    return Optional.of(state);
  }
}
