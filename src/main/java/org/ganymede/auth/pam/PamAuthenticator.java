package org.ganymede.auth.pam;

import com.sun.jna.Memory;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.ganymede.auth.Authenticator;
import org.ganymede.auth.Credentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs users in with their Unix passwords through PAM, like JupyterHub's {@code PAMAuthenticator}.
 *
 * <p>PAM modules block (pam_faildelay, network directories) and are not all safe on arbitrary
 * threads, so every PAM call runs on a small pool of platform threads with a bounded queue; a full
 * queue refuses the login rather than piling up. The password is copied only into native memory,
 * which is zeroed when the login ends; the caller's char array stays the caller's to wipe.
 *
 * <p>The hub must be root, or a member of {@code shadow} on Debian-like systems, for
 * {@code pam_unix} to check other users' passwords. {@code ganymede setup} installs a dedicated
 * service file {@code /etc/pam.d/ganymede} ({@code @include common-auth}, {@code @include
 * common-account}) without Debian login's 3 s {@code pam_faildelay}.
 *
 * <p>With {@code open_sessions} (off by default, as in JupyterHub) a PAM session is opened before
 * each spawn and closed after each stop ({@link #preSpawnStart}, {@link #postSpawnStop}), on the
 * same pool. As in JupyterHub, a failure is a warning, never a failed spawn, and turns sessions off
 * for the rest of the hub's life (one broken session stack should not warn on every spawn).
 */
public final class PamAuthenticator implements Authenticator, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PamAuthenticator.class);

  /** How the authenticator is configured; see the {@code PAMAuthenticator} traits. */
  public record Settings(String service, Charset encoding, boolean checkAccount, boolean openSessions, int threads,
      int queue, Duration timeout, boolean normalizeUsername) {
    public Settings {
      if (service.isBlank() || service.contains("/")) {
        throw new IllegalArgumentException("PAMAuthenticator.service must be a file name in /etc/pam.d, got '"
            + service + "'");
      }
      if (threads < 1 || queue < 1) throw new IllegalArgumentException("PAM pool needs threads and a queue");
    }

    public static Settings of(String service, String encoding, boolean checkAccount) {
      return new Settings(service, Charset.forName(encoding.equals("utf8") ? "UTF-8" : encoding), checkAccount,
          false, 4, 64, Duration.ofSeconds(60), false);
    }

    /** {@code PAMAuthenticator.open_sessions}. */
    public Settings withOpenSessions(boolean open) {
      return new Settings(service, encoding, checkAccount, open, threads, queue, timeout, normalizeUsername);
    }

    /** {@code pam_normalize_username}: the identity is the account's canonical name (name → uid → name). */
    public Settings withNormalizeUsername(boolean normalize) {
      return new Settings(service, encoding, checkAccount, openSessions, threads, queue, timeout, normalize);
    }
  }

  private final Settings settings;
  private final ThreadPoolExecutor pool;
  private final UnixGroups groups = new UnixGroups();
  /** {@code open_sessions}, until a session call fails. */
  private final AtomicBoolean sessions;

  private PamAuthenticator(Settings settings) {
    this.settings = settings;
    this.sessions = new AtomicBoolean(settings.openSessions());
    AtomicInteger n = new AtomicInteger();
    this.pool = new ThreadPoolExecutor(settings.threads(), settings.threads(), 0, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(settings.queue()),
        task -> Thread.ofPlatform().daemon().name("pam-" + n.incrementAndGet()).unstarted(task));
  }

  public static PamAuthenticator create(Settings settings) {
    return new PamAuthenticator(settings);
  }

  @Override
  public Optional<Identity> authenticate(Credentials credentials) {
    String user = credentials.username();
    if (user.isEmpty() || user.indexOf('\0') >= 0 || user.startsWith("-")) return Optional.empty();
    Memory password = nativeCopy(credentials.password());
    Future<Optional<String>> outcome;
    try {
      outcome = pool.submit(() -> {
        try {
          return PamTransaction.run(settings.service(), user, password, credentials.clientAddress(),
              settings.checkAccount());
        } finally {
          wipe(password);
        }
      });
    } catch (RejectedExecutionException e) {
      wipe(password);
      LOG.warn("PAM login of {} refused: {} logins already waiting (PAM is slow or stuck)", user, settings.queue());
      return Optional.empty();
    }
    try {
      Optional<String> failure = outcome.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
      if (failure.isPresent()) {
        LOG.info("PAM login of {} from {} failed: {}", user, credentials.clientAddress(), failure.get());
        return Optional.empty();
      }
      return Optional.of(Identity.of(settings.normalizeUsername() ? normalized(user) : user));
    } catch (TimeoutException e) {
      LOG.warn("PAM login of {} did not finish within {} s; refused", user, settings.timeout().toSeconds());
      return Optional.empty();
    } catch (ExecutionException e) {
      LOG.warn("PAM login of {} failed: {}", user, e.getCause().toString());
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** JupyterHub fails such a login with a KeyError; the account PAM just accepted is normally there. */
  private static String normalized(String user) {
    Optional<String> canonical = UnixNames.canonical(user);
    if (canonical.isEmpty()) LOG.warn("pam_normalize_username: no account found for {}; name kept", user);
    return canonical.orElse(user);
  }

  /** Opens a PAM session for the user when {@code open_sessions} is on; failures are warnings. */
  @Override
  public void preSpawnStart(String userName, String serverName) {
    if (sessions.get()) session(userName, true);
  }

  /** Closes the user's PAM session when {@code open_sessions} is on; failures are warnings. */
  @Override
  public void postSpawnStop(String userName, String serverName) {
    if (sessions.get()) session(userName, false);
  }

  private void session(String user, boolean open) {
    String what = open ? "open" : "close";
    Optional<String> failure;
    try {
      failure = pool.submit(() -> open ? PamSession.open(settings.service(), user)
          : PamSession.close(settings.service(), user)).get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException | TimeoutException e) {
      failure = Optional.of("PAM is busy or stuck (" + e.getClass().getSimpleName() + ")");
    } catch (ExecutionException e) {
      failure = Optional.of(e.getCause().toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (failure.isPresent() && sessions.compareAndSet(true, false)) {
      LOG.warn("Failed to {} the PAM session of {} (service {}): {}; PAM sessions are off from now on, as in "
          + "JupyterHub (fix the session stack of /etc/pam.d/{} and restart the hub)", what, user, settings.service(),
          failure.get(), settings.service());
    } else if (failure.isEmpty()) {
      LOG.debug("PAM session of {} {}", user, open ? "opened" : "closed");
    }
  }

  @Override
  public Set<String> groupsOf(String userName) {
    return groups.of(userName);
  }

  @Override
  public String className() {
    return "jupyterhub.auth.PAMAuthenticator";
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }

  /** The password in the configured encoding, NUL-terminated, in native memory; no Java copy is kept. */
  private Memory nativeCopy(char[] password) {
    ByteBuffer bytes;
    try {
      bytes = settings.encoding().newEncoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE)
          .encode(CharBuffer.wrap(password));
    } catch (CharacterCodingException e) {
      throw new IllegalStateException(e); // REPLACE never throws
    }
    Memory memory = new Memory(bytes.remaining() + 1L);
    memory.clear();
    for (int i = 0; bytes.hasRemaining(); i++) memory.setByte(i, bytes.get());
    if (bytes.hasArray()) Arrays.fill(bytes.array(), (byte) 0);
    return memory;
  }

  private static void wipe(Memory password) {
    password.clear();
    password.close();
  }
}
