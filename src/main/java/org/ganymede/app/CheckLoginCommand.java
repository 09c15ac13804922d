package org.ganymede.app;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.ganymede.auth.Credentials;
import org.ganymede.auth.pam.PamAuthenticator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ganymede check-login USER}: tries a PAM login with the password read from stdin, as the
 * account running the command; run it as the service user to see what the hub will see.
 */
@Command(name = "check-login", mixinStandardHelpOptions = true,
    description = {"Try a PAM login (password on stdin) as the current account; exit 0 when it succeeds.",
        "Example: runuser -u ganymede -- ganymede check-login alice"})
final class CheckLoginCommand implements Callable<Integer> {
  @Parameters(index = "0", description = "The user name.") String user;

  @Option(names = "--service", description = "PAM service (default: ${DEFAULT-VALUE}).") String service = "ganymede";

  @Override
  public Integer call() throws IOException {
    char[] password = readLine();
    try (PamAuthenticator pam = PamAuthenticator.create(PamAuthenticator.Settings.of(service, "utf8", true));
        Credentials credentials = new Credentials(user, password, "")) {
      boolean ok = pam.authenticate(credentials).isPresent();
      System.out.println(ok ? "PAM login of " + user + " succeeded" : "PAM login of " + user + " failed (see the log line above)");
      return ok ? 0 : 1;
    }
  }

  private static char[] readLine() throws IOException {
    CharBuffer buffer = CharBuffer.allocate(1024);
    InputStreamReader in = new InputStreamReader(System.in, StandardCharsets.UTF_8);
    int c;
    while ((c = in.read()) >= 0 && c != '\n' && buffer.hasRemaining()) buffer.put((char) c);
    char[] out = Arrays.copyOf(buffer.array(), buffer.position());
    Arrays.fill(buffer.array(), '\0');
    return out;
  }
}
