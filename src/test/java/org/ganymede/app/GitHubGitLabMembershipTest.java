package org.ganymede.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GitHub organization/team and GitLab group rules, against small local stand-ins for github.com
 * and gitlab.com (not reachable from here) that speak the same OAuth2 and REST shapes.
 */
class GitHubGitLabMembershipTest {
  @TempDir Path dir;

  @Test
  void gitHubLetsInMembersOfAllowedOrganizationsAndTeamsOnly() throws Exception {
    try (GitHubStandIn github = new GitHubStandIn();
        RunningHub hub = RunningHub.start(dir, "--JupyterHub.authenticator_class=github",
            "--GitHubOAuthenticator.github_url=" + github.url(), "--GitHubOAuthenticator.client_id=gh-client",
            "--GitHubOAuthenticator.client_secret=gh-secret", "--GitHubOAuthenticator.scope=['read:org']",
            "--GitHubOAuthenticator.allowed_organizations={'jupyter', 'acme:data-team'}")) {
      github.user = "octo";
      github.memberships = Set.of("jupyter");
      assertThat(login(hub).statusCode()).isEqualTo(302);
      assertThat(hub.admin("GET", "/users/octo", null).status()).isEqualTo(200);

      github.user = "teammate";
      github.memberships = Set.of("acme:data-team");
      assertThat(login(hub).statusCode()).isEqualTo(302);

      github.user = "acme-outsider";
      github.memberships = Set.of("acme"); // in the organization, not in the allowed team
      assertThat(login(hub).statusCode()).isEqualTo(403);
      assertThat(hub.admin("GET", "/users/acme-outsider", null).status()).isEqualTo(404);
      assertThat(github.requests).anyMatch(r -> r.contains("/api/v3/orgs/acme/teams/data-team/members/acme-outsider"))
          .anyMatch(r -> r.contains("code_verifier="));
    }
  }

  @Test
  void gitLabLetsInMembersOfAllowedGroupsOnly() throws Exception {
    // C1 (CVE-2018-7206): a GitLab user outside the allowed groups gets no account.
    try (GitLabStandIn gitlab = new GitLabStandIn();
        RunningHub hub = RunningHub.start(dir, "--JupyterHub.authenticator_class=gitlab",
            "--GitLabOAuthenticator.gitlab_url=" + gitlab.url(), "--GitLabOAuthenticator.client_id=gl-client",
            "--GitLabOAuthenticator.client_secret=gl-secret",
            "--GitLabOAuthenticator.allowed_gitlab_groups={'science/astro'}")) {
      gitlab.user = "stranger";
      gitlab.memberships = Set.of("other");
      HttpResponse<String> refused = login(hub);
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(hub.admin("GET", "/users/stranger", null).status()).isEqualTo(404);

      gitlab.user = "astronomer";
      gitlab.memberships = Set.of("science/astro");
      assertThat(login(hub).statusCode()).isEqualTo(302);
      assertThat(hub.admin("GET", "/users/astronomer", null).status()).isEqualTo(200);
      assertThat(gitlab.requests).anyMatch(r -> r.contains("/api/v4/groups/science%2Fastro/members/all/42"));
    }
  }

  private static HttpResponse<String> login(RunningHub hub) throws Exception {
    Browser browser = new Browser(hub.url(""));
    HttpResponse<String> toProvider = browser.get("/hub/oauth_login");
    assertThat(toProvider.statusCode()).as(toProvider.body()).isEqualTo(302);
    HttpResponse<String> back = browser.get(toProvider.headers().firstValue("Location").orElseThrow());
    return browser.get(back.headers().firstValue("Location").orElseThrow());
  }

  /** The authorization-code part both forges share: any login is the current {@code user}. */
  private abstract static class CodeFlowStandIn implements AutoCloseable {
    final HttpServer server;
    final CopyOnWriteArrayList<String> requests = new CopyOnWriteArrayList<>();
    volatile String user = "";
    volatile Set<String> memberships = Set.of();

    CodeFlowStandIn(String authorizePath, String tokenPath) throws IOException {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext("/", exchange -> {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getRawPath();
        requests.add(exchange.getRequestMethod() + " " + path + " " + body);
        if (path.equals(authorizePath)) {
          Map<String, String> q = query(exchange.getRequestURI().getRawQuery());
          redirect(exchange, q.get("redirect_uri") + "?code=code-for-" + user + "&state="
              + java.net.URLEncoder.encode(q.get("state"), StandardCharsets.UTF_8));
        } else if (path.equals(tokenPath)) {
          json(exchange, 200, "{\"access_token\":\"token-of-" + user + "\",\"token_type\":\"bearer\",\"scope\":\"read:org\"}");
        } else {
          api(exchange, path);
        }
      });
      server.start();
    }

    abstract void api(HttpExchange exchange, String path) throws IOException;

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    static Map<String, String> query(String raw) {
      Map<String, String> out = new HashMap<>();
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
      return out;
    }

    static void redirect(HttpExchange exchange, String location) throws IOException {
      exchange.getResponseHeaders().add("Location", URI.create(location).toString());
      exchange.sendResponseHeaders(302, -1);
      exchange.close();
    }

    static void json(HttpExchange exchange, int status, String body) throws IOException {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) exchange.getResponseBody().write(bytes);
      exchange.close();
    }

    boolean authorized(HttpExchange exchange) {
      return ("Bearer token-of-" + user).equals(exchange.getRequestHeaders().getFirst("Authorization"));
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  /** github.com as GitHub Enterprise Server lays it out: /login/oauth/... and the API under /api/v3. */
  private static final class GitHubStandIn extends CodeFlowStandIn {
    GitHubStandIn() throws IOException {
      super("/login/oauth/authorize", "/login/oauth/access_token");
    }

    @Override
    void api(HttpExchange exchange, String path) throws IOException {
      if (!authorized(exchange)) {
        json(exchange, 401, "{\"message\":\"Bad credentials\"}");
      } else if (path.equals("/api/v3/user")) {
        json(exchange, 200, "{\"login\":\"" + user + "\",\"id\":7}");
      } else if (path.matches("/api/v3/orgs/[^/]+/members/[^/]+")) {
        String org = path.split("/")[4];
        json(exchange, memberships.contains(org) && path.endsWith("/" + user) ? 204 : 404, "");
      } else if (path.matches("/api/v3/orgs/[^/]+/teams/[^/]+/members/[^/]+")) {
        String[] parts = path.split("/");
        json(exchange, memberships.contains(parts[4] + ":" + parts[6]) && path.endsWith("/" + user) ? 204 : 404, "");
      } else {
        json(exchange, 404, "{\"message\":\"Not Found\"}");
      }
    }
  }

  /** gitlab.com: /oauth/... and the API under /api/v4; the user's id is 42. */
  private static final class GitLabStandIn extends CodeFlowStandIn {
    GitLabStandIn() throws IOException {
      super("/oauth/authorize", "/oauth/token");
    }

    @Override
    void api(HttpExchange exchange, String path) throws IOException {
      if (!authorized(exchange)) {
        json(exchange, 401, "{\"message\":\"401 Unauthorized\"}");
      } else if (path.equals("/api/v4/user")) {
        json(exchange, 200, "{\"username\":\"" + user + "\",\"id\":42}");
      } else if (path.matches("/api/v4/groups/[^/]+/members/all/42")) {
        String group = URLDecoder.decode(path.split("/")[4], StandardCharsets.UTF_8);
        json(exchange, memberships.contains(group) ? 200 : 404, memberships.contains(group)
            ? "{\"id\":42,\"access_level\":30}" : "{\"message\":\"404 Not found\"}");
      } else {
        json(exchange, 404, "{\"message\":\"404 Not found\"}");
      }
    }
  }
}
