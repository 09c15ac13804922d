package org.ganymede.app;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.ganymede.hub.Directory;
import org.ganymede.hub.Tokens;
import org.ganymede.hub.Users;
import org.ganymede.model.UserName;
import org.ganymede.store.Database;
import org.ganymede.store.DatabaseUrl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

/** {@code ganymede token USERNAME}: prints a new API token for the user (created if missing). */
@Command(name = "token", mixinStandardHelpOptions = true, description = "Print a new API token for a user.")
final class TokenCommand implements Callable<Integer> {
  @Parameters(index = "0", description = "The user name.") String username;

  @Option(names = {"-f", "--config"}) Optional<Path> configFile = Optional.empty();

  @Unmatched List<String> traitArgs = new java.util.ArrayList<>();

  @Override
  public Integer call() {
    String problem = UserName.problem(username);
    if (!problem.isEmpty()) {
      System.err.println("ganymede token: " + problem);
      return 2;
    }
    DatabaseUrl url;
    try {
      url = HubDatabase.existing(HubCommand.load(configFile, traitArgs), Path.of("").toAbsolutePath());
    } catch (HubDatabase.NotFound e) {
      System.err.println("ganymede token: " + e.getMessage());
      return 1;
    }
    // A running hub sees the token at once: it looks tokens it does not know up in the database (Tokens).
    try (Database db = Database.open(url)) {
      Directory dir = Directory.load(db);
      Tokens tokens = new Tokens(dir, Clock.systemUTC());
      new Users(dir, tokens, Clock.systemUTC()).ensure(username);
      Tokens.Issued issued = tokens.issue("user", username, List.of("inherit"), "command-line generated",
          Optional.empty(), Optional.empty(), Tokens.API_CLIENT);
      System.out.println(issued.secret());
    }
    return 0;
  }
}
