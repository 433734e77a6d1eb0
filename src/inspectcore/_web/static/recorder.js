// inspectcore's recording form, enhanced: a choice saves itself when it is clicked, and the
// re-routed form the server sends back replaces the page's (no reload, the scroll kept).
// Without this script every question's Save button does the same with a plain submit.
//
// Saves are sent one at a time, in the order given. Each is sent at the version of the case
// the page shows when it goes (the answer before it has come back by then): this person's
// own answers follow each other, while a save by anyone else in between is still refused
// by the server and asked again.
"use strict";
(function () {
  let queue = Promise.resolve();

  function shownVersion() {
    const heading = document.querySelector("h1[data-version]");
    return heading ? heading.getAttribute("data-version") : null;
  }

  function swap(html) {
    const page = new DOMParser().parseFromString(html, "text/html");
    const fresh = page.getElementById("main");
    const main = document.getElementById("main");
    if (fresh && main) {
      main.replaceWith(fresh);
      bind(fresh);
    }
  }

  function save(form) {
    const data = new FormData(form); // the answer as given, taken now
    form.classList.add("js-saving");
    queue = queue.then(async function () {
      const version = shownVersion();
      if (version !== null && data.has("version")) {
        data.set("version", version);
      }
      try {
        const response = await fetch(form.action, { method: "POST", body: data, credentials: "same-origin" });
        swap(await response.text());
      } catch (error) {
        form.classList.remove("js-saving");
        form.submit(); // the server is what counts: fall back to the plain form
      }
    });
  }

  function bind(root) {
    root.querySelectorAll("form.step").forEach(function (form) {
      form.addEventListener("change", function (event) {
        const target = event.target;
        // Choices only: typed answers (numbers, dates, text) are saved by their button, so
        // that a half-typed date or number is never saved.
        if (target.name === "value" && (target.type === "radio" || target.type === "checkbox")) {
          save(form);
        }
      });
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        save(form);
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () { bind(document); });
})();
