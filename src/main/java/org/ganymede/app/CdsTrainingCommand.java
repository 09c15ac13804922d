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
 * {@code ganymede cds-training}: starts a throw-away hub on loopback, sends it a request through its
 * proxy and exits normally, so that the launcher can record the classes a hub loads into a
 * class-data-sharing archive (a JVM stopped by a signal never writes one).
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
        HttpClient http = HttpClient.newHttpClient();
        for (String path : new String[] {"/hub/api/", "/hub/login"}) {
          http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
              HttpResponse.BodyHandlers.discarding());
        }
      }
      return 0;
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
