// Table of contents toggle on narrow screens, and quiz progress: links and
// progress elements carry data-quiz="id1 id2"; a quiz's result is kept in
// localStorage under kurssi:<course key>:<quiz id> as {score,max,passed,time}.
// Every text shown comes from the page (data-* attributes), none from here.
(function () {
  var d = document, root = d.documentElement;
  var course = root.getAttribute("data-course") || "";

  // Contents button: shows and hides the nav on narrow screens.
  var button = d.querySelector(".toc-toggle"), toc = d.getElementById("toc");
  if (button && toc) {
    var setOpen = function (open) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
      root.classList.toggle("toc-open", open);
    };
    button.addEventListener("click", function () {
      setOpen(button.getAttribute("aria-expanded") !== "true");
    });
    toc.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && root.classList.contains("toc-open")) {
        setOpen(false);
        button.focus();
      }
    });
    // On a wide screen the nav is a side bar: bring the current page into view.
    var current = toc.querySelector('[aria-current="page"]');
    if (current && toc.scrollHeight > toc.clientHeight) {
      var top = current.getBoundingClientRect().top - toc.getBoundingClientRect().top + toc.scrollTop;
      if (top > toc.clientHeight * 0.6) toc.scrollTop = top - toc.clientHeight / 3;
    }
  } else if (button) {
    button.hidden = true;
  }

  // Code blocks and tables wider than the page scroll sideways: make them
  // focusable so that the keyboard can scroll them too.
  function scrollables() {
    var els = d.querySelectorAll("main pre, main table");
    for (var i = 0; i < els.length; i++) {
      var el = els[i];
      if (el.scrollWidth > el.clientWidth + 1) el.setAttribute("tabindex", "0");
      else if (el.getAttribute("tabindex") === "0") el.removeAttribute("tabindex");
    }
  }
  scrollables();
  var resizing;
  window.addEventListener("resize", function () {
    clearTimeout(resizing);
    resizing = setTimeout(scrollables, 200);
  });

  function passed(id) {
    try {
      var r = JSON.parse(localStorage.getItem("kurssi:" + course + ":" + id));
      return !!(r && r.passed);
    } catch (e) {
      return false;
    }
  }

  function update() {
    var label = d.body.getAttribute("data-str-passed") || "";
    var els = d.querySelectorAll(".toc [data-quiz], .module-pages [data-quiz], .course-map [data-quiz]");
    for (var i = 0; i < els.length; i++) {
      var el = els[i];
      var ids = (el.getAttribute("data-quiz") || "").split(/\s+/).filter(Boolean);
      var n = ids.filter(passed).length, done = ids.length > 0 && n === ids.length;
      var template = el.getAttribute("data-progress");
      if (template !== null) {
        var text = el.querySelector(".progress-text"), bar = el.querySelector(".progress-bar > span");
        if (text) text.textContent = template.replace("{passed}", n).replace("{total}", ids.length);
        if (bar) bar.style.setProperty("--p", (ids.length ? Math.round(100 * n / ids.length) : 0) + "%");
        el.classList.toggle("done", done);
        continue;
      }
      var mark = el.querySelector(".passed-mark");
      if (done && !mark) {
        mark = d.createElement("span");
        mark.className = "passed-mark";
        var tick = d.createElement("span");
        tick.setAttribute("aria-hidden", "true");
        tick.textContent = "\u2713";
        var hidden = d.createElement("span");
        hidden.className = "visually-hidden";
        hidden.textContent = " (" + label + ")";
        mark.appendChild(tick);
        mark.appendChild(hidden);
        el.appendChild(mark);
      } else if (!done && mark) {
        mark.remove();
      }
    }
  }

  update();
  d.addEventListener("kurssi:quiz-result", update);
  window.addEventListener("storage", function (e) {
    if (!e.key || e.key.indexOf("kurssi:" + course + ":") === 0) update();
  });
  // Back/forward cache: results may have changed on another page.
  window.addEventListener("pageshow", function (e) { if (e.persisted) update(); });
})();
