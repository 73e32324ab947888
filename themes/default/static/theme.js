// Loaded in <head> without defer so that the chosen colour theme is set
// before the page is drawn. Also marks the page as scripted (html.js) and
// wires the theme button: automatic -> light -> dark. Its labels come from
// the template's data-label-* attributes.
(function () {
  var KEY = "kurssi:theme", root = document.documentElement, memory = "auto";
  function get() {
    try { return localStorage.getItem(KEY) || "auto"; } catch (e) { return memory; }
  }
  function apply(t) {
    if (t === "light" || t === "dark") root.setAttribute("data-theme", t);
    else root.removeAttribute("data-theme");
  }
  apply(get());
  root.classList.add("js");
  document.addEventListener("DOMContentLoaded", function () {
    var button = document.querySelector(".theme-toggle");
    if (!button) return;
    var label = button.querySelector(".theme-label");
    function show(t) {
      button.setAttribute("data-state", t);
      if (label) label.textContent = button.getAttribute("data-label-" + t) || t;
    }
    show(get());
    button.addEventListener("click", function () {
      var order = ["auto", "light", "dark"];
      var t = order[(order.indexOf(get()) + 1) % 3];
      memory = t;
      try { localStorage.setItem(KEY, t); } catch (e) { /* private mode: keep it for this page */ }
      apply(t);
      show(t);
    });
  });
  // Another tab changed the theme.
  window.addEventListener("storage", function (e) {
    if (e.key === KEY) {
      apply(get());
      var b = document.querySelector(".theme-toggle .theme-label");
      if (b) b.textContent = b.parentNode.getAttribute("data-label-" + get()) || "";
    }
  });
})();
