package org.ganymede.app;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.ganymede.config.HubSettings;
import org.ganymede.proxy.ProxyServer;
import org.ganymede.security.pki.AcmeChallenges;
import org.ganymede.security.pki.AcmeDirectory;
import org.ganymede.security.pki.AcmeIssuer;
import org.ganymede.security.pki.AcmeRenewal;
import org.ganymede.security.pki.AcmeStore;

/**
 * Let's Encrypt for the public listener: a daemon thread checks at start and every 12 hours,
 * obtains or renews through HTTP-01 on the redirect port, and loads the new certificate into the
 * running proxy.
 */
final class AcmeSetup {
  private AcmeSetup() {}

  static AcmeStore store(Path dataDir) {
    return new AcmeStore(dataDir.resolve("acme"));
  }

  static Path challengeDir(Path dataDir) {
    return dataDir.resolve("acme").resolve("challenges");
  }

  /** The configured CA; checks {@code acme_ca_bundle}, so PublicTls calls it before anything starts. */
  static AcmeDirectory directory(HubSettings hub) {
    return new AcmeDirectory(URI.create(hub.acmeDirectoryUrl()),
        hub.acmeCaBundle().isEmpty() ? Optional.empty() : Optional.of(Path.of(hub.acmeCaBundle())));
  }

  /** Starts the renewal schedule; close the returned executor at shutdown. */
  static ScheduledExecutorService start(HubSettings hub, Path dataDir, ProxyServer proxy, Clock clock) {
    AcmeStore store = store(dataDir);
    AcmeIssuer issuer = new AcmeIssuer(directory(hub), hub.letsencryptEmail(), hub.letsencryptDomains(),
        store, new AcmeChallenges(challengeDir(dataDir)));
    AcmeRenewal renewal = new AcmeRenewal(store, issuer, clock, files -> proxy.updateCertificate(files.key(), files.certificate()));
    ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "acme-renewal");
      t.setDaemon(true);
      return t;
    });
    renewal.schedule(executor);
    return executor;
  }
}
