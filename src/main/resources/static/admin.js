// The admin page of Ganymede. Every read and change goes through the hub's public REST API with the
// session cookie and the XSRF token the page was rendered with; the API applies the caller's scopes,
// so an admin of one group sees and changes only that group. No inline handlers: CSP allows only
// scripts from the hub.
(function () {
  "use strict";
  var root = document.getElementById("admin");
  if (!root) return;
  var cfg = root.dataset;
  var PAGINATED = "application/jupyterhub-pagination+json";
  var canAccess = cfg.canAccessServers === "true";

  // ---- the REST API -------------------------------------------------------------------------
  function call(method, path, body, paginated) {
    var headers = { "X-XSRFToken": cfg.xsrf };
    if (paginated) headers.Accept = PAGINATED;
    var opts = { method: method, credentials: "same-origin", headers: headers };
    if (body !== undefined) {
      headers["Content-Type"] = "application/json";
      opts.body = JSON.stringify(body);
    }
    return fetch(cfg.apiUrl + path, opts).then(function (r) {
      return r.text().then(function (text) {
        var data = null;
        try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
        if (!r.ok) {
          var message = data && data.message ? data.message : r.status + " " + r.statusText;
          var err = new Error(message);
          err.status = r.status;
          throw err;
        }
        return data;
      });
    });
  }

  function enc(s) { return encodeURIComponent(s); }

  function serverPath(user, server) {
    return "users/" + enc(user) + (server ? "/servers/" + enc(server) : "/server");
  }

  // ---- small DOM helpers (text only: names are never parsed as HTML) --------------------------
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else if (k === "className") node.className = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }

  function button(label, className, onClick, title) {
    var b = el("button", { type: "button", className: className || "", text: label });
    if (title) b.setAttribute("aria-label", title);
    b.addEventListener("click", onClick);
    return b;
  }

  function $(id) { return document.getElementById(id); }

  function showError(id, err) {
    var p = $(id);
    if (p) p.textContent = err ? (err.message || String(err)) : "";
  }

  // A modal confirmation for what cannot be undone; resolves true on Confirm.
  function confirmAction(message) {
    var dialog = $("confirm-dialog");
    $("confirm-message").textContent = message;
    return new Promise(function (resolve) {
      dialog.addEventListener("close", function done() {
        dialog.removeEventListener("close", done);
        resolve(dialog.returnValue === "yes");
      });
      dialog.returnValue = "";
      dialog.showModal();
      $("confirm-no").focus();
    });
  }

  function ago(iso) {
    if (!iso) return "never";
    var seconds = Math.round((Date.now() - Date.parse(iso)) / 1000);
    if (seconds < 60) return "just now";
    var units = [[86400, "day"], [3600, "hour"], [60, "minute"]];
    for (var i = 0; i < units.length; i++) {
      if (seconds >= units[i][0]) {
        var n = Math.floor(seconds / units[i][0]);
        return n + " " + units[i][1] + (n === 1 ? "" : "s") + " ago";
      }
    }
    return "just now";
  }

  // ---- the users table ----------------------------------------------------------------------
  var view = { offset: 0, limit: 50, sort: "name", name: "", state: "" };
  var loadGeneration = 0;
  var pendingTimer = null;
  var total = 0;

  function readLocation() {
    var q = new URLSearchParams(window.location.search);
    view.offset = Math.max(0, parseInt(q.get("offset") || "0", 10) || 0);
    view.limit = parseInt(q.get("limit") || "50", 10) || 50;
    view.sort = q.get("sort") || "name";
    view.name = q.get("name_filter") || "";
    view.state = q.get("state") || "";
    $("name-filter").value = view.name;
    $("state-filter").value = view.state;
    $("sort-order").value = view.sort;
    $("page-size").value = String(view.limit);
  }

  function filterQuery() {
    var q = new URLSearchParams();
    if (view.name) q.set("name_filter", view.name);
    if (view.state) q.set("state", view.state);
    return q;
  }

  function writeLocation() {
    var q = filterQuery();
    q.set("sort", view.sort);
    q.set("offset", String(view.offset));
    q.set("limit", String(view.limit));
    window.history.replaceState(null, "", "?" + q.toString());
  }

  function loadUsers() {
    var mine = ++loadGeneration;
    clearTimeout(pendingTimer);
    writeLocation();
    var q = filterQuery();
    q.set("sort", view.sort);
    q.set("offset", String(view.offset));
    q.set("limit", String(view.limit));
    q.set("include_stopped_servers", "1");
    return call("GET", "users?" + q.toString(), undefined, true).then(function (page) {
      if (mine !== loadGeneration) return; // an answer to an older query: a newer one is on its way
      showError("users-error", null);
      renderUsers(page.items);
      var p = page._pagination;
      total = p.total;
      var last = Math.min(p.offset + page.items.length, p.total);
      $("page-info").textContent = p.total === 0 ? "No users match"
        : (p.offset + 1) + "–" + last + " of " + p.total;
      $("prev-page").disabled = p.offset === 0;
      $("next-page").disabled = !p.next;
      root.setAttribute("data-loaded", String(mine));
      var anyPending = page.items.some(function (u) {
        return Object.keys(u.servers || {}).some(function (s) { return u.servers[s].pending; });
      });
      if (anyPending) pendingTimer = setTimeout(loadUsers, 1000);
    }, function (err) {
      if (mine === loadGeneration) showError("users-error", err);
    });
  }

  function stateOf(server) {
    if (!server) return "stopped";
    if (server.pending === "spawn") return "starting";
    if (server.pending === "stop") return "stopping";
    if (server.pending) return server.pending;
    return server.ready ? "running" : "stopped";
  }

  function act(promise, errorId) {
    return promise.then(function () { showError(errorId, null); return loadUsers(); },
      function (err) { showError(errorId, err); return loadUsers(); });
  }

  function serverLine(user, serverName, server) {
    var state = stateOf(server);
    var label = serverName === "" ? "default" : serverName;
    var line = el("div", { className: "server", "data-server": serverName }, [
      el("span", { className: "server-name", text: label }),
      el("span", { className: "state " + state, text: state })
    ]);
    var who = user.name + (serverName ? "/" + serverName : "");
    if (state === "stopped") {
      line.appendChild(button("Start", "start", function () {
        act(call("POST", serverPath(user.name, serverName), {}), "users-error");
      }, "Start " + who));
      if (serverName) {
        line.appendChild(el("a", { className: "button secondary spawn-page",
          href: cfg.hubUrl + "spawn/" + enc(user.name) + "/" + enc(serverName), text: "Spawn page" }));
      }
    } else {
      line.appendChild(button("Stop", "stop danger", function () {
        confirmAction("Stop the server " + who + "?").then(function (yes) {
          if (yes) act(call("DELETE", serverPath(user.name, serverName)), "users-error");
        });
      }, "Stop " + who));
      if (state === "running" && canAccess) {
        line.appendChild(el("a", { className: "button open", href: server.url || (cfg.userUrl + enc(user.name) + "/"),
          text: "Open", "aria-label": "Open " + who }));
      }
    }
    return line;
  }

  function renderUsers(users) {
    var body = document.querySelector("#users tbody");
    var rows = users.map(function (u) {
      var servers = u.servers || {};
      var names = Object.keys(servers).filter(function (s) { return s !== ""; }).sort();
      var cell = el("td", { className: "servers" }, [serverLine(u, "", servers[""])]);
      names.forEach(function (s) { cell.appendChild(serverLine(u, s, servers[s])); });
      var actions = el("td", { className: "actions" }, [
        button("Edit", "edit secondary", function () { editUser(u); }, "Edit " + u.name),
        u.name === cfg.me ? null : button("Delete", "delete danger", function () {
          confirmAction("Delete the user " + u.name + " and stop their servers?").then(function (yes) {
            if (yes) act(call("DELETE", "users/" + enc(u.name)), "users-error");
          });
        }, "Delete " + u.name)
      ]);
      return el("tr", { "data-user": u.name }, [
        el("td", { className: "name", text: u.name }),
        el("td", { className: "admin" }, [u.admin ? el("span", { className: "badge", text: "admin" }) : null]),
        cell,
        el("td", { className: "activity", title: u.last_activity || "", text: ago(u.last_activity) }),
        actions
      ]);
    });
    body.replaceChildren.apply(body, rows);
    // For bench/admin: when the first rows were on screen, counted from the navigation's start.
    if (performance.getEntriesByName("ganymede-admin-rows").length === 0) performance.mark("ganymede-admin-rows");
  }

  // ---- edit user ----------------------------------------------------------------------------
  var editing = null;

  function editUser(u) {
    editing = u;
    $("edit-user-name").value = u.name;
    $("edit-user-admin").checked = !!u.admin;
    showError("edit-user-error", null);
    $("edit-user-dialog").showModal();
    $("edit-user-name").focus();
  }

  function wireEditDialog() {
    var dialog = $("edit-user-dialog");
    $("edit-user-cancel").addEventListener("click", function () { dialog.close(); });
    $("edit-user-form").addEventListener("submit", function (e) {
      e.preventDefault();
      var change = {};
      var name = $("edit-user-name").value.trim();
      var admin = $("edit-user-admin").checked;
      if (name !== editing.name) change.name = name;
      if (admin !== !!editing.admin) change.admin = admin;
      if (Object.keys(change).length === 0) { dialog.close(); return; }
      call("PATCH", "users/" + enc(editing.name), change).then(function () {
        dialog.close();
        loadUsers();
        loadGroups();
      }, function (err) { showError("edit-user-error", err); });
    });
  }

  // ---- start all / stop all over the current filter ------------------------------------------
  function everyMatchingUser() {
    var found = [];
    function from(offset) {
      var q = filterQuery();
      q.set("offset", String(offset));
      q.set("limit", "200");
      q.set("sort", "id");
      return call("GET", "users?" + q.toString(), undefined, true).then(function (page) {
        found = found.concat(page.items);
        return page._pagination.next ? from(page._pagination.next.offset) : found;
      });
    }
    return from(0);
  }

  // Runs task over items, four at a time, reporting progress; resolves with the failures.
  function runAll(verb, items, task) {
    var failures = [];
    var done = 0;
    var next = 0;
    var status = $("bulk-status");
    function report() {
      status.textContent = verb + ": " + done + " of " + items.length + " done"
        + (failures.length ? ", " + failures.length + " failed" : "");
    }
    function worker() {
      if (next >= items.length) return Promise.resolve();
      var item = items[next++];
      return task(item).catch(function (err) { failures.push({ item: item, message: err.message }); })
        .then(function () { done++; report(); return worker(); });
    }
    report();
    var workers = [];
    for (var i = 0; i < Math.min(4, items.length); i++) workers.push(worker());
    return Promise.all(workers).then(function () { return failures; });
  }

  function bulk(verb, pick, method) {
    var errors = $("bulk-errors");
    errors.replaceChildren();
    $("start-all").disabled = $("stop-all").disabled = true;
    everyMatchingUser().then(function (users) {
      var targets = [];
      users.forEach(function (u) { pick(u).forEach(function (s) { targets.push({ user: u.name, server: s }); }); });
      return runAll(verb, targets, function (t) { return call(method, serverPath(t.user, t.server), method === "POST" ? {} : undefined); });
    }).then(function (failures) {
      failures.forEach(function (f) {
        errors.appendChild(el("li", { text: f.item.user + (f.item.server ? "/" + f.item.server : "") + ": " + f.message }));
      });
    }, function (err) {
      $("bulk-status").textContent = verb + " failed: " + err.message;
    }).then(function () {
      $("start-all").disabled = $("stop-all").disabled = false;
      loadUsers();
    });
  }

  function wireBulk() {
    $("start-all").addEventListener("click", function () {
      bulk("Starting", function (u) {
        var s = (u.servers || {})[""];
        return stateOf(s) === "stopped" ? [""] : [];
      }, "POST");
    });
    $("stop-all").addEventListener("click", function () {
      confirmAction("Stop every server of the " + total + " users the filter shows?").then(function (yes) {
        if (!yes) return;
        bulk("Stopping", function (u) {
          var servers = u.servers || {};
          return Object.keys(servers).filter(function (s) { return stateOf(servers[s]) !== "stopped"; });
        }, "DELETE");
      });
    });
  }

  // ---- filters and pages --------------------------------------------------------------------
  function wireFilters() {
    var typing = null;
    $("user-filter").addEventListener("submit", function (e) { e.preventDefault(); });
    $("name-filter").addEventListener("input", function () {
      clearTimeout(typing);
      // Short debounce: one query per pause in typing, not one per key.
      typing = setTimeout(function () { view.name = $("name-filter").value.trim(); view.offset = 0; loadUsers(); }, 50);
    });
    $("state-filter").addEventListener("change", function () { view.state = this.value; view.offset = 0; loadUsers(); });
    $("sort-order").addEventListener("change", function () { view.sort = this.value; view.offset = 0; loadUsers(); });
    $("page-size").addEventListener("change", function () {
      view.limit = parseInt(this.value, 10); view.offset = 0; loadUsers();
    });
    $("prev-page").addEventListener("click", function () {
      view.offset = Math.max(0, view.offset - view.limit); loadUsers();
    });
    $("next-page").addEventListener("click", function () { view.offset += view.limit; loadUsers(); });
  }

  // ---- add users ----------------------------------------------------------------------------
  function wireAddUsers() {
    var form = $("add-users");
    if (!form) return;
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var names = $("new-usernames").value.split(/[\s,]+/).filter(function (n) { return n; });
      if (names.length === 0) { showError("add-users-error", new Error("Give at least one name")); return; }
      var body = { usernames: names };
      if ($("new-admin")) body.admin = $("new-admin").checked;
      call("POST", "users", body).then(function (created) {
        showError("add-users-error", null);
        $("add-users-done").textContent = "Added " + created.map(function (u) { return u.name; }).join(", ");
        $("new-usernames").value = "";
        loadUsers();
      }, function (err) { showError("add-users-error", err); });
    });
  }

  // ---- groups -------------------------------------------------------------------------------
  function allGroups() {
    var found = [];
    function from(offset) {
      return call("GET", "groups?offset=" + offset + "&limit=200", undefined, true).then(function (page) {
        found = found.concat(page.items);
        return page._pagination.next ? from(page._pagination.next.offset) : found;
      });
    }
    return from(0);
  }

  function loadGroups() {
    var box = $("groups");
    if (!box) return Promise.resolve();
    return allGroups().then(function (groups) {
      showError("groups-error", null);
      box.replaceChildren.apply(box, groups.map(renderGroup));
      if (groups.length === 0) box.appendChild(el("p", { text: "No groups yet." }));
      root.setAttribute("data-groups-loaded", String(Date.now()));
    }, function (err) { showError("groups-error", err); });
  }

  function renderGroup(g) {
    var id = "group-" + g.name.replace(/[^A-Za-z0-9_-]/g, "_");
    var members = el("ul", { className: "members", "aria-label": "Members of " + g.name });
    (g.users || []).forEach(function (m) {
      members.appendChild(el("li", { "data-member": m }, [
        el("span", { text: m }),
        button("×", "remove-member secondary", function () {
          act(call("DELETE", "groups/" + enc(g.name) + "/users", { users: [m] }).then(loadGroups), id + "-error");
        }, "Remove " + m + " from " + g.name)
      ]));
    });
    var memberInput = el("input", { id: id + "-member", className: "member-name", spellcheck: "false" });
    var addMember = el("form", { className: "inline add-member" }, [
      el("label", { "for": id + "-member", text: "Add members" }), memberInput,
      el("button", { type: "submit", text: "Add" })
    ]);
    addMember.addEventListener("submit", function (e) {
      e.preventDefault();
      var names = memberInput.value.split(/[\s,]+/).filter(function (n) { return n; });
      if (names.length === 0) return;
      call("POST", "groups/" + enc(g.name) + "/users", { users: names }).then(function () {
        showError(id + "-error", null);
        loadGroups();
        loadUsers();
      }, function (err) { showError(id + "-error", err); });
    });
    var props = el("textarea", { id: id + "-properties", className: "properties", rows: "4", spellcheck: "false",
      "aria-describedby": id + "-properties-error" });
    props.value = JSON.stringify(g.properties || {}, null, 2);
    var propsError = el("p", { id: id + "-properties-error", className: "error properties-error", role: "alert" });
    var propsForm = el("form", { className: "edit-properties" }, [
      el("label", { "for": id + "-properties", text: "Properties (a JSON object)" }), props, propsError,
      el("button", { type: "submit", className: "save-properties", text: "Save properties" })
    ]);
    propsForm.addEventListener("submit", function (e) {
      e.preventDefault();
      var value;
      try {
        value = JSON.parse(props.value);
      } catch (err) {
        propsError.textContent = "Not valid JSON: " + err.message;
        props.setAttribute("aria-invalid", "true");
        return;
      }
      if (value === null || typeof value !== "object" || Array.isArray(value)) {
        propsError.textContent = "Properties must be a JSON object, such as {\"course\": \"ds100\"}";
        props.setAttribute("aria-invalid", "true");
        return;
      }
      call("PUT", "groups/" + enc(g.name) + "/properties", value).then(function () {
        propsError.textContent = "";
        props.removeAttribute("aria-invalid");
        loadGroups();
      }, function (err) { propsError.textContent = err.message; props.setAttribute("aria-invalid", "true"); });
    });
    return el("div", { className: "group", id: id, "data-group": g.name }, [
      el("h3", { text: g.name }),
      members, addMember,
      el("p", { id: id + "-error", className: "error", role: "alert" }),
      propsForm,
      button("Delete group", "delete-group danger", function () {
        confirmAction("Delete the group " + g.name + "? Its members stay.").then(function (yes) {
          if (yes) {
            call("DELETE", "groups/" + enc(g.name)).then(loadGroups, function (err) { showError(id + "-error", err); });
          }
        });
      }, "Delete group " + g.name)
    ]);
  }

  function wireAddGroup() {
    var form = $("add-group");
    if (!form) return;
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var name = $("new-group-name").value.trim();
      call("POST", "groups/" + enc(name), {}).then(function () {
        showError("add-group-error", null);
        $("new-group-name").value = "";
        loadGroups();
      }, function (err) { showError("add-group-error", err); });
    });
  }

  // ---- start --------------------------------------------------------------------------------
  wireEditDialog();
  wireAddUsers();
  wireAddGroup();
  if ($("users")) {
    readLocation();
    wireFilters();
    wireBulk();
    loadUsers();
  }
  loadGroups();
})();
