package org.ganymede.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.ganymede.security.CryptKeeper;
import org.ganymede.store.Database;
import org.ganymede.store.DatabaseUrl;
import org.ganymede.store.UserRows;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The encrypted_auth_state column as JupyterHub's User.save_auth_state and get_auth_state use it. */
class AuthStatesTest {
  static final String KEY = UserAuthTest.KEY;
  static final String NEW_KEY = "1111111111111111111111111111111122222222222222222222222222222222";
  /** {"access_token": "gho_python", "refresh_token": "r1", "n": 3} under KEY, made by python3-cryptography. */
  static final String PYTHON_TOKEN = "gAAAAABrEvPhK5mGXSFAr8wThXSH5kAicO5qjIhIHfPO4Hsrzno7xkgsm_Pjc3HReDSZx1fVNK8v3k"
      + "Kjfw9DWaDREN8uJL9uMWDvJ67iZMp3RPyrnb6sKldF775xCZNEVEEzfHnivQB-1wJH5kB_CB1RrNcBvPhORQ==";

  @TempDir Path dir;
  Database db;
  Directory directory;
  long aliceId;

  @BeforeEach
  void setUp() {
    db = Database.open(DatabaseUrl.parse("sqlite:///hub.sqlite", dir));
    directory = Directory.load(db);
    aliceId = new Users(directory, new Tokens(directory, Clock.systemUTC()), Clock.systemUTC()).ensure("alice").id();
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  AuthStates with(String keys) {
    return AuthStates.encrypted(directory, CryptKeeper.fromEnvironment(keys, Clock.systemUTC()).orElseThrow());
  }

  String column() {
    return db.transaction(c -> UserRows.encryptedAuthState(c, aliceId))
        .map(b -> new String(b, StandardCharsets.US_ASCII)).orElse("<NULL>");
  }

  @Test
  void theColumnHoldsAFernetTokenAndNoPlaintext() {
    AuthStates states = with(KEY);
    states.save("alice", Optional.of(Map.of("access_token", "very-secret-token")));
    assertThat(column()).startsWith("gAAAAA").doesNotContain("very-secret-token").doesNotContain("access_token");
    assertThat(states.get("alice")).contains(Map.of("access_token", "very-secret-token"));
  }

  @Test
  void anAuthStateJupyterHubStoredIsRead() {
    db.transaction(c -> {
      UserRows.setEncryptedAuthState(c, aliceId, PYTHON_TOKEN.getBytes(StandardCharsets.US_ASCII));
      return null;
    });
    assertThat(with(KEY).get("alice")).contains(Map.of("access_token", "gho_python", "refresh_token", "r1", "n", 3));
  }

  @Test
  void withSeveralKeysWhatIsReadIsStoredAgainUnderTheFirst() {
    with(KEY).save("alice", Optional.of(Map.of("k", "v")));
    AuthStates rotated = with(NEW_KEY + ";" + KEY);
    assertThat(rotated.get("alice")).contains(Map.of("k", "v"));
    assertThat(with(NEW_KEY).get("alice")).as("the old key can be dropped now").contains(Map.of("k", "v"));
  }

  @Test
  void aStateNoKeyOpensReadsAsNone() {
    with(KEY).save("alice", Optional.of(Map.of("k", "v")));
    assertThat(with(NEW_KEY).get("alice")).isEmpty();
  }

  @Test
  void savingNothingOrSavingWithAuthStateOffClearsTheColumn() {
    AuthStates states = with(KEY);
    states.save("alice", Optional.of(Map.of("k", "v")));
    states.save("alice", Optional.empty());
    assertThat(column()).isEqualTo("<NULL>");
    states.save("alice", Optional.of(Map.of("k", "v")));
    AuthStates.disabled(directory).save("alice", Optional.of(Map.of("k", "v")));
    assertThat(column()).isEqualTo("<NULL>");
    assertThat(AuthStates.disabled(directory).enabled()).isFalse();
  }
}
