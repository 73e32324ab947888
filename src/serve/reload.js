// Live reload for `kurssi serve`; see reload.rs for what each event means.
(function () {
  "use strict";
  var key = "kurssi-scroll:" + location.pathname;
  try {
    var saved = sessionStorage.getItem(key);
    if (saved !== null) {
      sessionStorage.removeItem(key);
      var y = parseInt(saved, 10) || 0;
      var restore = function () { window.scrollTo(0, y); };
      restore();
      // Images and fonts may change the height after the first paint.
      window.addEventListener("load", restore);
    }
  } catch (e) { /* storage may be disabled; then the browser's own restore applies */ }

  var fi = (document.documentElement.lang || "").slice(0, 2) === "fi";
  var heading = fi
    ? "Kurssissa on virheitä. Näet sivun viimeisimmän toimivan version, kunnes ne on korjattu."
    : "The course has errors. You see the last good version of this page until they are fixed.";
  var overlay = null;

  function showProblems(text) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "kurssi-problems";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText =
        "position:fixed;left:0;right:0;bottom:0;max-height:60vh;overflow:auto;z-index:2147483647;" +
        "background:#1e1e1e;color:#f5f5f5;border-top:4px solid #d33;padding:1rem 1.25rem;" +
        "font:14px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;box-shadow:0 -4px 16px rgba(0,0,0,.4)";
      var close = document.createElement("button");
      close.type = "button";
      close.textContent = "\u00d7";
      close.setAttribute("aria-label", fi ? "Sulje" : "Close");
      close.style.cssText = "float:right;font-size:1.5rem;line-height:1;background:none;color:inherit;border:0;cursor:pointer";
      close.addEventListener("click", hideProblems);
      var title = document.createElement("p");
      title.style.cssText = "margin:0 0 .5rem;font-weight:bold";
      title.textContent = heading;
      var pre = document.createElement("pre");
      pre.style.cssText = "margin:0;white-space:pre-wrap";
      overlay.appendChild(close);
      overlay.appendChild(title);
      overlay.appendChild(pre);
      document.body.appendChild(overlay);
    }
    // textContent, never innerHTML: the text quotes course files.
    overlay.querySelector("pre").textContent = text;
  }

  function hideProblems() {
    if (overlay) {
      overlay.parentNode.removeChild(overlay);
      overlay = null;
    }
  }

  if (!window.EventSource) return;
  var server = null;
  var events = new EventSource("/__kurssi/events?path=" + encodeURIComponent(location.pathname));
  events.addEventListener("hello", function (e) {
    if (server !== null && server !== e.data) location.reload();
    server = e.data;
  });
  events.addEventListener("reload", function () {
    try { sessionStorage.setItem(key, String(Math.round(window.scrollY))); } catch (e) { /* ignore */ }
    location.reload();
  });
  events.addEventListener("problems", function (e) { showProblems(e.data); });
  events.addEventListener("ok", hideProblems);
})();
