// Small behaviours every hub page shares, loaded as a file so pages need no inline script:
// forms marked data-confirm ask first (stop, delete, revoke), and data-copy buttons copy a token.
(function () {
  "use strict";

  function ask(message) {
    var dialog = document.getElementById("page-confirm");
    if (!dialog) {
      dialog = document.createElement("dialog");
      dialog.id = "page-confirm";
      dialog.className = "confirm";
      var form = document.createElement("form");
      form.method = "dialog";
      var text = document.createElement("p");
      text.id = "page-confirm-message";
      var no = document.createElement("button");
      no.id = "page-confirm-no"; no.value = "no"; no.textContent = "Cancel"; no.className = "secondary";
      var yes = document.createElement("button");
      yes.id = "page-confirm-yes"; yes.value = "yes"; yes.textContent = "Confirm"; yes.className = "danger";
      form.append(text, no, yes);
      dialog.appendChild(form);
      document.body.appendChild(dialog);
    }
    document.getElementById("page-confirm-message").textContent = message;
    return new Promise(function (resolve) {
      dialog.addEventListener("close", function done() {
        dialog.removeEventListener("close", done);
        resolve(dialog.returnValue === "yes");
      });
      dialog.returnValue = "";
      dialog.showModal();
      document.getElementById("page-confirm-no").focus();
    });
  }

  document.addEventListener("submit", function (e) {
    var form = e.target;
    var message = form.getAttribute && form.getAttribute("data-confirm");
    if (!message) return;
    if (form.dataset.confirmed === "yes") { delete form.dataset.confirmed; return; }
    e.preventDefault();
    ask(message).then(function (yes) {
      if (!yes) return;
      form.dataset.confirmed = "yes";
      form.requestSubmit();
    });
  });

  document.addEventListener("click", function (e) {
    var button = e.target.closest && e.target.closest("button[data-copy]");
    if (!button) return;
    var source = document.getElementById(button.getAttribute("data-copy"));
    var done = document.getElementById(button.id + "-done");
    navigator.clipboard.writeText(source.textContent.trim()).then(function () {
      if (done) done.textContent = "Copied";
    }, function () {
      // No clipboard permission (plain http): select the text so Ctrl+C copies it.
      var range = document.createRange();
      range.selectNodeContents(source);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      if (done) done.textContent = "Selected: press Ctrl+C to copy";
    });
  });
})();
