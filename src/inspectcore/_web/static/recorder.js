// inspectcore's recording form, enhanced: a choice saves itself when it changes, and the
// re-routed form the server sends back replaces the page's (no reload, the scroll kept).
// Without this script every question's Save button does the same with a plain submit.
"use strict";
(function () {
  function swap(html) {
    const page = new DOMParser().parseFromString(html, "text/html");
    const fresh = page.getElementById("main");
    const main = document.getElementById("main");
    if (fresh && main) {
      main.replaceWith(fresh);
      bind(fresh);
    }
  }

  async function save(form) {
    form.classList.add("js-saving");
    try {
      const response = await fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin" });
      swap(await response.text());
    } catch (error) {
      form.classList.remove("js-saving");
      form.submit(); // the server is what counts: fall back to the plain form
    }
  }

  function bind(root) {
    root.querySelectorAll("form.step").forEach(function (form) {
      form.addEventListener("change", function (event) {
        const target = event.target;
        if (target.name === "value" && (target.type === "radio" || target.type === "checkbox" || target.type === "date")) {
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
