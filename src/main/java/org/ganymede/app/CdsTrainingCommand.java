package org.ganymede.app;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.ganymede.config.ConfigLoader;
import org.ganymede.config.ConfigSources;
import picocli.CommandLine.Command;

/**
 * {@code ganymede cds-training}: starts a throw-away hub on loopback, gives it a small version of
 * everyday work through its proxy (create and list users, read one, form logins) and exits
 * normally, so that the launcher can record what a hub loads — and, on Java 25+, how its hot
 * methods behave — into a class-data-sharing archive or AOT cache (a JVM stopped by a signal
 * never writes one). Bounded: a few hundred requests.
 */
@Command(name = "cds-training", hidden = true, description = "Start and stop a throw-away hub (for the CDS archive).")
final class CdsTrainingCommand implements Callable<Integer> {
  @Override
  public Integer call() throws Exception {
    Path dir = Files.createTempDirectory("ganymede-cds");
    try {
      int port = Ganymede.freePort("127.0.0.1");
      var config = ConfigLoader.load(new ConfigSources(Optional.empty(), List.of("--ip=127.0.0.1", "--port=" + port,
          "--JupyterHub.hub_port=0", "--JupyterHub.db_url=sqlite:///" + dir.resolve("hub.sqlite"),
          "--JupyterHub.cookie_secret_file=" + dir.resolve("cookie_secret"),
          "--JupyterHub.authenticator_class=dummy"), Map.of()), dir).config();
      try (Ganymede hub = Ganymede.start(config, dir, Map.of())) {
        String base = "http://127.0.0.1:" + port;
        String token = hub.tokens().issue("user", "trainer", List.of("inherit"), "cds training", Optional.empty(),
            Optional.empty(), "jupyterhub").secret();
        HttpClient http = HttpClient.newHttpClient();
        send(http, HttpRequest.newBuilder(URI.create(base + "/hub/api/")));
        for (int batch = 0; batch < 4; batch++) {
          StringBuilder names = new StringBuilder("{\"usernames\": [");
          for (int i = batch * 500; i < (batch + 1) * 500; i++) {
            names.append(i == batch * 500 ? "" : ",").append("\"training").append(i).append('"');
          }
          send(http, HttpRequest.newBuilder(URI.create(base + "/hub/api/users")).header("Authorization", "token " + token)
              .POST(HttpRequest.BodyPublishers.ofString(names.append("]}").toString())));
        }
        // Large answers too, so the proxy's streaming path is in the profile (about 400 KiB each).
        for (int i = 0; i < 15; i++) {
          send(http, HttpRequest.newBuilder(URI.create(base + "/hub/api/users?limit=2000")).header("Authorization", "token " + token));
        }
        for (int i = 0; i < 200; i++) {
          send(http, HttpRequest.newBuilder(URI.create(base + "/hub/api/users/training" + i)).header("Authorization", "token " + token));
        }
        for (int i = 0; i < 30; i++) {
          send(http, HttpRequest.newBuilder(URI.create(base + "/hub/login")));
          send(http, HttpRequest.newBuilder(URI.create(base + "/hub/login")).header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString("username=login" + i + "&password=x")));
        }
      }
      return 0;
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** One request; the answer does not matter (a refused login trains the same code paths). */
  private static void send(HttpClient http, HttpRequest.Builder request) throws Exception {
    http.send(request.timeout(java.time.Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
  }
}
