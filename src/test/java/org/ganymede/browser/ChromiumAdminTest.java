package org.ganymede.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * The admin panel at {@code /hub/admin} in headless Chromium: the page's script drives the public
 * REST API with the session cookie and XSRF token. Servers are a tiny Python HTTP server run by
 * the {@code simple} spawner, so a start takes a fraction of a second. Every user name here starts
 * with "adm" so the tests of this class stay apart from others running at the same time.
 */
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChromiumAdminTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Pattern INLINE_HANDLER = Pattern.compile("<[^>]*\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
  /** Answers any HTTP request on the port the hub chose: ready as soon as it listens; fails for users whose names end in -broken. */
  private static final String FAKE_SERVER = "['sh', '-c', 'p=${JUPYTERHUB_SERVICE_URL##*:}; "
      + "case $JUPYTERHUB_USER in *-broken) echo no-server-for-you >&2; exit 3;; esac; "
      + "exec python3 -m http.server --bind 127.0.0.1 ${p%%/*}']";
  /** The names of the rows the table shows now, in order. */
  private static final String ROW_NAMES =
      "return Array.from(document.querySelectorAll('#users tbody tr')).map(r => r.dataset.user)";

  HubForBrowser hub;
  WebDriverSession browser;
  Path dir;

  @BeforeAll
  void setUp() throws Exception {
    assumeTrue(WebDriverSession.unavailable().isEmpty(), () -> WebDriverSession.unavailable().orElseThrow());
    dir = Files.createTempDirectory("ganymede-browser-admin");
    hub = HubForBrowser.start(dir, "--JupyterHub.redirect_to_server=False", "--JupyterHub.spawner_class=simple",
        "--SimpleLocalProcessSpawner.home_dir_template=" + dir.resolve("homes/{username}"),
        "--Spawner.cmd=" + FAKE_SERVER, "--JupyterHub.allow_named_servers=True",
        "--JupyterHub.load_groups={'admstaff': ['admstaff1', 'admstaff2', 'admsam']}",
        "--JupyterHub.load_roles=[{'name': 'adm-staff-admin', 'scopes': ['admin-ui', 'admin:users!group=admstaff',"
            + " 'admin:servers!group=admstaff', 'list:users!group=admstaff'], 'users': ['admsam']}]");
    browser = WebDriverSession.open();
  }

  @AfterAll
  void tearDown() {
    if (browser != null) browser.close();
    if (hub != null) hub.close();
    HubForBrowser.deleteTree(dir);
  }

  @BeforeEach
  void asAFreshVisitor() {
    browser.navigate(hub.url("/hub/login"));
    browser.deleteCookies();
  }

  void logIn(String user) throws InterruptedException {
    browser.logInToHome(hub.url("/hub/login"), user, "any password", WAIT);
  }

  void createUsers(String... names) {
    var r = hub.admin("POST", "/users", "{\"usernames\": [\"" + String.join("\", \"", names) + "\"]}");
    assertThat(r.statusCode()).as(r.body()).isIn(201, 409);
  }

  /** Opens the admin page with a query and waits for the script's first answer from the API. */
  void openAdmin(String query) throws InterruptedException {
    browser.navigate(hub.url("/hub/admin" + query));
    await("the first page of users", "return document.getElementById('admin').dataset.loaded !== undefined");
  }

  List<String> rows() {
    return browser.execute(ROW_NAMES).valueStream().map(JsonNode::asString).toList();
  }

  /** Polls a script in the page until it returns true; the page changes only through its own fetches. */
  void await(String what, String script) throws InterruptedException {
    Instant deadline = Instant.now().plus(WAIT);
    while (!browser.execute(script).asBoolean(false)) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("waited " + WAIT + " for " + what + "; rows " + rows() + "; errors: "
            + browser.execute("return Array.from(document.querySelectorAll('.error')).map(e => e.textContent)")
            + "\n" + browser.sourceExcerpt());
      }
      Thread.sleep(50); // a browser page: nothing to latch on
    }
  }

  void awaitRows(String what, List<String> expected) throws InterruptedException {
    String json = tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(expected);
    await(what + " " + expected, ROW_NAMES.replace("return ", "return JSON.stringify(") + ") === '"
        + json.replace("'", "\\'") + "'");
  }

  /** A script: whether the server line {@code css} shows {@code state}. */
  static String stateIs(String css, String state) {
    return "var s = document.querySelector(\"" + css + " .state\"); return !!s && s.textContent === '" + state + "'";
  }

  void confirm() throws InterruptedException {
    await("the confirmation dialog", "return document.getElementById('confirm-dialog').open");
    browser.click("#confirm-yes");
  }

  @Test
  void anAdminSeesTheAdminLinkInTheMenuAndTheAdminPageWithoutInlineScriptUnderAStrictPolicy() throws Exception {
    logIn("admin");
    browser.click("#admin-link");
    browser.awaitUrl(u -> u.contains("/hub/admin"), WAIT, () -> {}, new ArrayList<>());
    await("the users table", "return document.getElementById('admin').dataset.loaded !== undefined");
    assertThat(rows()).contains("admin");
    assertThat(INLINE_HANDLER.matcher(browser.pageSource()).find()).as("inline event handlers").isFalse();
    assertThat(browser.pageSource()).doesNotContain("<script>");

    HttpResponse<String> anonymous = hub.get("/hub/admin");
    assertThat(anonymous.statusCode()).isEqualTo(302);
    assertThat(anonymous.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).contains("/hub/login"));
  }

  @Test
  void aUserWithoutTheAdminScopeHasNoAdminLinkAndIsRefusedTheAdminPage() throws Exception {
    createUsers("admplain");
    logIn("admplain");
    assertThat(browser.findAll("#admin-link")).isEmpty();
    browser.navigate(hub.url("/hub/admin"));
    assertThat(browser.execute("return document.title").asString()).startsWith("403");
    assertThat(browser.findAll("#users")).isEmpty();
  }

  @Test
  void theAdminPageAnswersWithAContentSecurityPolicyAllowingOnlyTheHubsOwnScripts() throws Exception {
    logIn("admin");
    // The policy travels in a header; Chromium reports it to the page through a violation, so read it with a fetch.
    browser.navigate(hub.url("/hub/admin"));
    String csp = browser.execute("""
        var x = new XMLHttpRequest(); x.open('GET', location.href, false); x.send();
        return x.getResponseHeader('Content-Security-Policy');""").asString();
    assertThat(csp).contains("script-src 'self'").contains("default-src 'none'").doesNotContain("unsafe-inline");
  }

  @Test
  void searchingByNameShowsOnlyTheMatchingUsersAndClearingItShowsAllAgain() throws Exception {
    createUsers("admsearch-ann", "admsearch-bob", "admsearch-bea", "admother-zed");
    logIn("admin");
    openAdmin("?name_filter=admsearch-b");
    assertThat(rows()).containsExactly("admsearch-bea", "admsearch-bob");
    browser.type("#name-filter", "admsearch-a");
    awaitRows("rows after typing", List.of("admsearch-ann"));
    assertThat(browser.currentUrl()).as("the filter is kept in the address for a reload")
        .contains("name_filter=admsearch-a");
    browser.type("#name-filter", "admsearch");
    awaitRows("rows after widening", List.of("admsearch-ann", "admsearch-bea", "admsearch-bob"));
  }

  @Test
  void sortingByNameDescendingReversesTheRowsAndLastActivityPutsTheMostRecentFirst() throws Exception {
    createUsers("admsort-a", "admsort-b", "admsort-c");
    var r = hub.admin("POST", "/users/admsort-a/activity", "{\"last_activity\": \"" + Instant.now() + "\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    logIn("admin");
    openAdmin("?name_filter=admsort-");
    assertThat(rows()).containsExactly("admsort-a", "admsort-b", "admsort-c");
    browser.execute("var s = document.getElementById('sort-order'); s.value = '-name';"
        + " s.dispatchEvent(new Event('change'))");
    awaitRows("rows sorted by name, descending", List.of("admsort-c", "admsort-b", "admsort-a"));
    browser.execute("var s = document.getElementById('sort-order'); s.value = '-last_activity';"
        + " s.dispatchEvent(new Event('change'))");
    await("admsort-a first", "return document.querySelector('#users tbody tr').dataset.user === 'admsort-a'");
  }

  @Test
  void pagesOfTheChosenSizeWalkThroughEveryMatchingUserOnce() throws Exception {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 7; i++) names.add("admpage-" + i);
    createUsers(names.toArray(String[]::new));
    logIn("admin");
    openAdmin("?name_filter=admpage-&limit=3");
    assertThat(rows()).containsExactly("admpage-0", "admpage-1", "admpage-2");
    assertThat(browser.text(browser.find("#page-info"))).isEqualTo("1–3 of 7");
    assertThat(browser.execute("return document.getElementById('prev-page').disabled").asBoolean()).isTrue();
    browser.click("#next-page");
    awaitRows("second page", List.of("admpage-3", "admpage-4", "admpage-5"));
    browser.click("#next-page");
    awaitRows("last page", List.of("admpage-6"));
    assertThat(browser.execute("return document.getElementById('next-page').disabled").asBoolean()).isTrue();
    browser.execute("var s = document.getElementById('page-size'); s.value = '10';"
        + " s.dispatchEvent(new Event('change'))");
    awaitRows("one page of ten", names);
  }

  @Test
  void startingAUsersServerFromItsRowShowsItRunningWithAnOpenLinkAndStoppingAsksFirst() throws Exception {
    createUsers("admrun");
    logIn("admin");
    openAdmin("?name_filter=admrun");
    String row = "#users tr[data-user='admrun'] .server[data-server='']";
    browser.click(row + " button.start");
    await("the server running", stateIs(row, "running"));
    assertThat(browser.execute("return document.querySelector(\"" + row + " a.open\").getAttribute('href')").asString())
        .isEqualTo("/user/admrun/");
    assertThat(hub.admin("GET", "/users/admrun", null).body()).contains("\"server\":\"/user/admrun/\"");

    browser.click(row + " button.stop");
    await("the confirmation dialog", "return document.getElementById('confirm-dialog').open");
    browser.click("#confirm-no");
    assertThat(hub.admin("GET", "/users/admrun", null).body()).as("cancel leaves it running")
        .contains("\"server\":\"/user/admrun/\"");
    browser.click(row + " button.stop");
    confirm();
    await("the server stopped", stateIs(row, "stopped"));
    assertThat(hub.admin("GET", "/users/admrun", null).body()).contains("\"server\":null");
  }

  @Test
  void startAllOverAFilterStartsEveryMatchingUserAndStopAllStopsThem() throws Exception {
    createUsers("admbulk-1", "admbulk-2", "admbulk-3", "admnotbulk");
    logIn("admin");
    openAdmin("?name_filter=admbulk-");
    browser.click("#start-all");
    await("3 of 3 started", "return document.getElementById('bulk-status').textContent === 'Starting: 3 of 3 done'");
    await("all running", "return document.querySelectorAll('#users .state.running').length === 3");
    assertThat(browser.execute("return document.getElementById('bulk-errors').children.length").asInt()).isZero();
    assertThat(hub.admin("GET", "/users/admnotbulk", null).body()).contains("\"server\":null");
    browser.click("#stop-all");
    confirm();
    await("3 of 3 stopped", "return document.getElementById('bulk-status').textContent === 'Stopping: 3 of 3 done'");
    await("none running", "return document.querySelectorAll('#users .state.stopped').length === 3");
  }

  @Test
  void startAllListsTheUsersWhoseServersFailedWithTheReason() throws Exception {
    createUsers("admmix-broken", "admmix-fine");
    logIn("admin");
    openAdmin("?name_filter=admmix-");
    browser.click("#start-all");
    await("2 of 2 done", "return document.getElementById('bulk-status').textContent.startsWith('Starting: 2 of 2 done')");
    assertThat(browser.text(browser.find("#bulk-status"))).endsWith("1 failed");
    assertThat(browser.execute("return Array.from(document.querySelectorAll('#bulk-errors li')).map(e => e.textContent)")
        .valueStream().map(JsonNode::asString).toList()).singleElement().asString().startsWith("admmix-broken: ");
    hub.admin("DELETE", "/users/admmix-fine/server", null);
  }

  @Test
  void addingSeveralUsersAtOnceThenDeletingOneAfterConfirmingRemovesItFromTheHub() throws Exception {
    logIn("admin");
    openAdmin("?name_filter=admnew");
    browser.type("#new-usernames", "admnew-x\nadmnew-y admnew-z");
    browser.click("#new-admin");
    browser.click("#add-users-submit");
    awaitRows("the new users", List.of("admnew-x", "admnew-y", "admnew-z"));
    assertThat(browser.findAll("#users tr[data-user='admnew-y'] .badge")).as("the admin flag").hasSize(1);
    assertThat(hub.admin("GET", "/users/admnew-y", null).body()).contains("\"admin\":true");

    browser.click("#users tr[data-user='admnew-y'] button.delete");
    confirm();
    awaitRows("the rows after deleting", List.of("admnew-x", "admnew-z"));
    assertThat(hub.admin("GET", "/users/admnew-y", null).statusCode()).isEqualTo(404);
  }

  @Test
  void editingAUserRenamesItAndTakesAwayTheAdminFlag() throws Exception {
    hub.admin("POST", "/users/admedit-old", "{\"admin\": true}");
    logIn("admin");
    openAdmin("?name_filter=admedit-");
    browser.click("#users tr[data-user='admedit-old'] button.edit");
    browser.type("#edit-user-name", "admedit-new");
    browser.click("#edit-user-admin");
    browser.click("#edit-user-save");
    awaitRows("the renamed user", List.of("admedit-new"));
    assertThat(browser.findAll("#users tr[data-user='admedit-new'] .badge")).isEmpty();
    assertThat(hub.admin("GET", "/users/admedit-new", null).body()).contains("\"admin\":false");
  }

  @Test
  void editingAGroupAddsAndRemovesMembersAndSavesPropertiesRefusingJsonThatIsNotAnObject() throws Exception {
    createUsers("admgroup-m1", "admgroup-m2");
    logIn("admin");
    openAdmin("");
    browser.type("#new-group-name", "admgroup");
    browser.click("#add-group-submit");
    String group = "#groups .group[data-group='admgroup']";
    await("the new group", "return !!document.querySelector(\"" + group + "\")");
    browser.type(group + " .member-name", "admgroup-m1 admgroup-m2");
    browser.click(group + " .add-member button");
    await("two members", "return document.querySelectorAll(\"" + group + " .members li\").length === 2");
    browser.click(group + " li[data-member='admgroup-m1'] .remove-member");
    await("one member", "var m = document.querySelectorAll(\"" + group + " .members li\");"
        + " return m.length === 1 && m[0].dataset.member === 'admgroup-m2'");

    browser.type(group + " textarea.properties", "[1, 2]");
    browser.click(group + " .save-properties");
    await("the error next to the field", "return document.querySelector(\"" + group + " .properties-error\")"
        + ".textContent.includes('JSON object')");
    assertThat(browser.execute("return document.querySelector(\"" + group + " textarea\").getAttribute('aria-invalid')")
        .asString()).isEqualTo("true");
    browser.type(group + " textarea.properties", "{\"course\": \"ds100\"}");
    browser.click(group + " .save-properties");
    await("the error gone", "var e = document.querySelector(\"" + group + " .properties-error\");"
        + " return !!e && e.textContent === ''");
    JsonNode saved = org.ganymede.http.Json.MAPPER.readTree(hub.admin("GET", "/groups/admgroup", null).body());
    assertThat(saved.get("properties").get("course").asString()).isEqualTo("ds100");
    assertThat(saved.get("users").valueStream().map(JsonNode::asString).toList()).containsExactly("admgroup-m2");

    browser.click(group + " .delete-group");
    confirm();
    await("the group gone", "return !document.querySelector(\"" + group + "\")");
    assertThat(hub.admin("GET", "/groups/admgroup", null).statusCode()).isEqualTo(404);
  }

  @Test
  void anAdminOfOneGroupSeesOnlyThatGroupsUsersAndCannotCreateUsers() throws Exception {
    createUsers("admstaff1", "admstaff2", "admsam", "admoutsider");
    logIn("admsam");
    assertThat(browser.findAll("#admin-link")).as("admin-ui is in admsam's role").hasSize(1);
    openAdmin("?name_filter=adm");
    assertThat(rows()).containsExactlyInAnyOrder("admstaff1", "admstaff2", "admsam");
    assertThat(browser.findAll("#add-users")).as("creating users needs admin:users unfiltered").isEmpty();
    assertThat(browser.findAll("#new-admin")).isEmpty();

    browser.click("#users tr[data-user='admstaff1'] button.start");
    await("staff1 running", "var s = document.querySelector(\"#users tr[data-user='admstaff1'] .state\");"
        + " return !!s && s.textContent === 'running'");
    // The page offers nothing outside the group; the API it uses refuses it too.
    int outsider = browser.execute("""
        return fetch('/hub/api/users/admoutsider/server', {method: 'POST',
            headers: {'X-XSRFToken': document.getElementById('admin').dataset.xsrf}}).then(r => r.status);""")
        .asInt();
    assertThat(outsider).isIn(403, 404);
    hub.admin("DELETE", "/users/admstaff1/server", null);
  }

  @Test
  void theApiCallsOfThePageNeedTheSessionsXsrfTokenSoAnotherPageCannotMakeThem() throws Exception {
    logIn("admin");
    openAdmin("");
    String create = """
        return fetch('/hub/api/users/' + arguments[0], {method: 'POST', credentials: 'same-origin',
            headers: arguments[1] ? {'X-XSRFToken': document.getElementById('admin').dataset.xsrf} : {}})
          .then(r => r.status);""";
    assertThat(browser.execute(create, "admxsrf-without", false).asInt()).as("without the token").isEqualTo(403);
    assertThat(hub.admin("GET", "/users/admxsrf-without", null).statusCode()).isEqualTo(404);
    assertThat(browser.execute(create, "admxsrf-with", true).asInt()).as("with the token").isEqualTo(201);
  }
}
