package org.ganymede.advisories;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ganymede.security.CookieSigner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * GHSA-7r3h-4ph8-w38g / CVE-2024-28233, test (6): with {@code subdomain_host}, bob's server at
 * {@code bob.hub.example} can set cookies for {@code Domain=hub.example}, which the browser then
 * sends to the hub and to every user's host. The hub's own cookies are host-only (so no user server
 * ever receives them), a login cookie bob forges for alice authenticates nobody, and bob's own valid
 * login cookie tossed ahead of alice's cannot drive the API in her session. Requests carry the
 * {@code Host} headers a browser would, over raw sockets (the JDK client will not set Host).
 */
class GHSA_7r3h_4ph8_w38g_SubdomainCookieTossing {
  @RegisterExtension final AdvisoryHub.PerTest hubs = new AdvisoryHub.PerTest();
  AdvisoryHub hub;

  private static final Pattern XSRF_FIELD = Pattern.compile("name=\"_xsrf\" value=\"([^\"]+)\"");
  private static final String HUB_HOST = "hub.example";

  @Test
  void theHubsCookiesAreHostOnlySoNoUserSubdomainReceivesThem() throws Exception {
    hub = hubs.start("", "--JupyterHub.subdomain_host=http://" + HUB_HOST);
    Session alice = logIn("alice");
    assertThat(alice.setCookies).as("cookies the hub set at login").isNotEmpty()
        .allSatisfy(c -> assertThat(c.toLowerCase()).doesNotContain("domain="));
  }

  @Test
  void aLoginCookieForgedOnAUserSubdomainAuthenticatesNobody() throws Exception {
    hub = hubs.start("", "--JupyterHub.subdomain_host=http://" + HUB_HOST);
    logIn("alice");
    // Worst case: bob knows alice's cookie id, just not the hub's secret.
    String cookieId = hub.hub.users().get("alice").orElseThrow().cookieId();
    byte[] guessedSecret = new byte[32];
    new SecureRandom().nextBytes(guessedSecret);
    String forged = new CookieSigner(guessedSecret).sign("jupyterhub-hub-login", cookieId);
    // What bob.hub.example's "Set-Cookie: jupyterhub-hub-login=…; Domain=hub.example" makes a browser send.
    Response api = request(HUB_HOST, "GET", "/hub/api/user", "jupyterhub-hub-login=" + forged, "");
    assertThat(api.status).as(api.head).isEqualTo(403);
    Response home = request(HUB_HOST, "GET", "/hub/home", "jupyterhub-hub-login=" + forged, "");
    assertThat(home.status).as(home.head).isEqualTo(302);
    assertThat(home.header("Location")).startsWith("/hub/login");
  }

  @Test
  void bobsOwnLoginCookieTossedAheadOfAlicesCannotUseTheApiInHerSession() throws Exception {
    hub = hubs.start("", "--JupyterHub.subdomain_host=http://" + HUB_HOST);
    Session alice = logIn("alice");
    Session bob = logIn("bob");
    String bobsLogin = bob.cookie("jupyterhub-hub-login");
    // Tossed with Path=/hub/api/, bob's cookie is sent first on alice's API calls.
    String aliceCookies = "jupyterhub-hub-login=" + bobsLogin + "; " + alice.cookieHeader();
    Response created = request(HUB_HOST, "POST", "/hub/api/users/bob/tokens", aliceCookies, "{}",
        "X-XSRFToken: " + alice.xsrf, "Content-Type: application/json");
    assertThat(created.status).as("alice's page, bob's tossed cookie: " + created.head).isEqualTo(403);
    Response own = request(HUB_HOST, "POST", "/hub/api/users/alice/tokens", alice.cookieHeader(), "{}",
        "X-XSRFToken: " + alice.xsrf, "Content-Type: application/json");
    assertThat(own.status).as("without the tossed cookie alice's call works: " + own.head).isEqualTo(201);
  }

  /** A browser session on the hub's host: its cookies (name=value) and the XSRF token of its pages. */
  private record Session(List<String> setCookies, String xsrf) {
    String cookie(String name) {
      return setCookies.stream().filter(c -> c.startsWith(name + "=")).map(c -> c.split(";", 2)[0].substring(name.length() + 1))
          .filter(v -> !v.isEmpty()).reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no cookie " + name));
    }

    String cookieHeader() {
      return String.join("; ", List.of("jupyterhub-session-id=" + cookie("jupyterhub-session-id"),
          "jupyterhub-hub-login=" + cookie("jupyterhub-hub-login"), "_xsrf=" + cookie("_xsrf")));
    }
  }

  private Session logIn(String user) throws Exception {
    Response page = request(HUB_HOST, "GET", "/hub/login", "", "");
    Matcher m = XSRF_FIELD.matcher(page.body);
    assertThat(m.find()).as("an _xsrf field").isTrue();
    List<String> cookies = new ArrayList<>(page.headers("Set-Cookie"));
    String sent = String.join("; ", cookies.stream().map(c -> c.split(";", 2)[0]).toList());
    Response login = request(HUB_HOST, "POST", "/hub/login", sent, "_xsrf=" + m.group(1) + "&username=" + user
        + "&password=x", "Content-Type: application/x-www-form-urlencoded");
    assertThat(login.status).as(login.head).isEqualTo(302);
    cookies.addAll(login.headers("Set-Cookie"));
    Session before = new Session(cookies, "");
    Response home = request(HUB_HOST, "GET", "/hub/home", before.cookieHeader(), "", "Sec-Fetch-Mode: navigate");
    cookies.addAll(home.headers("Set-Cookie"));
    Matcher x = XSRF_FIELD.matcher(home.body);
    assertThat(x.find()).as("home has an _xsrf field: " + home.head).isTrue();
    return new Session(cookies, x.group(1));
  }

  private record Response(int status, String head, String body) {
    List<String> headers(String name) {
      List<String> out = new ArrayList<>();
      for (String line : head.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) out.add(line.substring(colon + 1).strip());
      }
      return out;
    }

    String header(String name) {
      return headers(name).stream().findFirst().orElse("");
    }
  }

  /** One HTTP/1.1 request through the hub's public port with the given Host and Cookie headers. */
  private Response request(String host, String method, String path, String cookies, String body, String... headers)
      throws Exception {
    try (Socket s = new Socket("127.0.0.1", hub.hub.publicPort())) {
      s.setSoTimeout(20_000);
      StringBuilder req = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n");
      if (!cookies.isEmpty()) req.append("Cookie: ").append(cookies).append("\r\n");
      for (String h : headers) req.append(h).append("\r\n");
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      if (!method.equals("GET")) req.append("Content-Length: ").append(bytes.length).append("\r\n");
      req.append("\r\n");
      OutputStream out = s.getOutputStream();
      out.write(req.toString().getBytes(StandardCharsets.US_ASCII));
      out.write(bytes);
      out.flush();
      InputStream in = s.getInputStream();
      String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int end = all.indexOf("\r\n\r\n");
      String head = end < 0 ? all : all.substring(0, end);
      return new Response(Integer.parseInt(head.split(" ", 3)[1]), head, end < 0 ? "" : all.substring(end + 4));
    }
  }
}
