// The slide deck of the trainer's edition (templates/deck.html): one slide
// at a time, scaled to the window and shrunk to fit; keyboard, buttons and
// swipes; the slide number in the URL (#3); `o` all slides, `f` full
// screen, `p` the presenter view in a second window (`?presenter`): the
// current and next slide, the notes, a clock and the time against the
// module's duration. Deck and presenter follow each other through a
// BroadcastChannel and localStorage's storage event, both of which work
// from file:// too. `?handout` (and printing) shows every slide with its
// notes. No network, no fonts.
(function () {
  "use strict";
  var doc = document, root = doc.documentElement, body = doc.body, d = body.dataset;
  var slides = [].slice.call(doc.querySelectorAll(".slide"));
  var total = slides.length;
  if (!total) return;
  var q = location.search;
  var mode = /[?&]presenter/.test(q) ? "presenter" : /[?&]handout/.test(q) ? "handout" : "deck";
  root.classList.add("mode-" + mode);
  if (mode === "handout") return;
  var key = "kurssi-deck:" + d.deck, me = Math.random().toString(36).slice(2);
  var cur = -1, overview = false, side, nextBox, notesBox, timeBox, channel;
  var controls = doc.querySelector(".deck-controls"), count = doc.querySelector(".deck-count");
  controls.hidden = false;

  function label(n) {
    return d.strSlide.replace("{n}", n + 1).replace("{total}", total);
  }
  function fromHash() {
    var m = /^#(\d+)$/.exec(location.hash);
    return m ? Math.min(Math.max(+m[1], 1), total) - 1 : 0;
  }
  // Shrinks a slide's text until it fits: a slide never scrolls.
  function fit(s) {
    var c = s.querySelector(".slide-content"), f = 1;
    if (!c) return;
    c.style.fontSize = "";
    while (c.scrollHeight > c.clientHeight + 1 && f > 0.35) {
      f -= 0.05;
      c.style.fontSize = "calc(var(--slide-font) * " + f.toFixed(2) + ")";
    }
  }
  function go(n, quiet) {
    n = Math.max(0, Math.min(total - 1, n));
    var moved = n !== cur;
    cur = n;
    slides.forEach(function (s, i) {
      s.hidden = !overview && i !== n;
      s.classList.toggle("current", i === n);
    });
    var hash = "#" + (n + 1);
    if (location.hash !== hash) {
      try { history.replaceState(null, "", hash); } catch (e) { location.hash = hash; }
    }
    count.textContent = label(n);
    if (!overview) fit(slides[n]);
    if (side) present();
    if (moved && !quiet) send(n);
  }
  function send(n) {
    var msg = { n: n, from: me, at: Date.now() };
    if (channel) channel.postMessage(msg);
    try { localStorage.setItem(key, JSON.stringify(msg)); } catch (e) { /* no storage: the channel only */ }
  }
  function receive(msg) {
    if (msg && msg.from !== me && typeof msg.n === "number" && msg.n !== cur) go(msg.n, true);
  }
  try {
    channel = new BroadcastChannel(key);
    channel.onmessage = function (e) { receive(e.data); };
  } catch (e) { channel = null; }
  addEventListener("storage", function (e) {
    if (e.key === key && e.newValue) {
      try { receive(JSON.parse(e.newValue)); } catch (x) { /* not ours */ }
    }
  });
  addEventListener("hashchange", function () { if (/^#\d+$/.test(location.hash)) go(fromHash()); });

  function toggleOverview(on) {
    overview = on === undefined ? !overview : on;
    root.classList.toggle("deck-overview", overview);
    slides.forEach(function (s) {
      if (overview) s.setAttribute("tabindex", "0"); else s.removeAttribute("tabindex");
    });
    go(cur, true);
    if (overview) slides[cur].focus(); else slides.forEach(fit);
  }
  function full() {
    if (doc.fullscreenElement) doc.exitFullscreen();
    else if (root.requestFullscreen) root.requestFullscreen().catch(function () {});
  }
  function openPresenter() {
    if (mode === "presenter") return;
    var url = location.href.replace(/[?#].*$/, "") + "?presenter#" + (cur + 1);
    window.open(url, "kurssi-presenter", "width=1200,height=760");
  }
  function act(a) {
    if (a === "next") go(cur + 1);
    else if (a === "prev") go(cur - 1);
    else if (a === "overview") toggleOverview();
    else if (a === "presenter") openPresenter();
    else if (a === "full") full();
  }
  controls.addEventListener("click", function (e) {
    var b = e.target.closest("[data-act]");
    if (b) act(b.getAttribute("data-act"));
  });
  doc.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.altKey || e.metaKey || e.defaultPrevented) return;
    var t = e.target, tag = t.tagName;
    var typing = tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || t.isContentEditable;
    var control = typing || tag === "BUTTON" || tag === "A" || tag === "SUMMARY";
    var k = e.key, done = true;
    if (typing) return;
    if (overview && (k === "Enter" || k === "Escape")) {
      var s = t.closest && t.closest(".slide");
      if (s && k === "Enter") cur = slides.indexOf(s);
      toggleOverview(false);
    } else if (k === "ArrowRight" || k === "ArrowDown" || k === "PageDown" || (k === " " && !control && !e.shiftKey)) {
      if (overview && k === "ArrowDown") go(cur + 4, true); else go(cur + 1);
      if (overview) slides[cur].focus();
    } else if (k === "ArrowLeft" || k === "ArrowUp" || k === "PageUp" || (k === " " && !control && e.shiftKey)) {
      if (overview && k === "ArrowUp") go(cur - 4, true); else go(cur - 1);
      if (overview) slides[cur].focus();
    } else if (k === "Home") go(0);
    else if (k === "End") go(total - 1);
    else if (k === "f" || k === "F") full();
    else if (k === "o" || k === "O") toggleOverview();
    else if (k === "p" || k === "P") openPresenter();
    else done = false;
    if (done) e.preventDefault();
  });
  doc.addEventListener("click", function (e) {
    var s = overview && e.target.closest(".slide");
    if (s) { cur = slides.indexOf(s); toggleOverview(false); }
  });
  var x0 = null;
  doc.addEventListener("touchstart", function (e) { x0 = e.touches.length === 1 ? e.touches[0].clientX : null; }, { passive: true });
  doc.addEventListener("touchend", function (e) {
    if (x0 === null) return;
    var dx = e.changedTouches[0].clientX - x0;
    if (Math.abs(dx) > 50) go(cur + (dx < 0 ? 1 : -1));
    x0 = null;
  });
  addEventListener("resize", function () { if (!overview) fit(slides[cur]); if (side) fitNext(); });
  // A quiz checked on a slide shows its feedback: fit the slide again, and
  // undo the scroll that focusing the result made inside it.
  var pending = false;
  new MutationObserver(function () {
    if (pending || overview) return;
    pending = true;
    requestAnimationFrame(function () {
      pending = false;
      var s = slides[cur];
      fit(s);
      s.scrollTop = 0;
      s.querySelector(".slide-content").scrollTop = 0;
    });
  }).observe(doc.querySelector("main.deck"), { subtree: true, childList: true, attributes: true, attributeFilter: ["hidden", "class"] });

  // The presenter view: built here, beside the deck.
  function el(tag, cls, text) {
    var e = doc.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }
  function two(n) { return (n < 10 ? "0" : "") + n; }
  function mmss(s) { return Math.floor(s / 60) + ":" + two(Math.floor(s % 60)); }
  var startKey = key + ":start", started;
  function tick() {
    var now = new Date(), spent = (Date.now() - started) / 1000, planned = +d.duration || 0;
    timeBox.querySelector(".p-clock").textContent = two(now.getHours()) + ":" + two(now.getMinutes());
    var el2 = timeBox.querySelector(".p-elapsed");
    el2.textContent = mmss(spent) + (planned ? " / " + planned + ":00" : "");
    el2.classList.toggle("over", planned > 0 && spent > planned * 60);
  }
  function fitNext() {
    var s = nextBox.querySelector(".slide");
    if (s) fit(s);
  }
  function present() {
    var next = slides[cur + 1];
    nextBox.textContent = "";
    nextBox.appendChild(el("p", "p-label", d.strNext));
    if (next) {
      var c = next.cloneNode(true);
      c.hidden = false;
      c.removeAttribute("aria-label");
      [c].concat([].slice.call(c.querySelectorAll("*"))).forEach(function (n) {
        n.removeAttribute("id");
        n.removeAttribute("for");
        n.removeAttribute("name");
        if (/^(INPUT|BUTTON|SELECT|TEXTAREA)$/.test(n.tagName)) n.disabled = true;
        if (n.tagName === "A" || n.hasAttribute("tabindex")) n.setAttribute("tabindex", "-1");
      });
      var notes = c.querySelector(".slide-notes");
      if (notes) notes.remove();
      var box = el("div", "p-next-slide");
      box.setAttribute("aria-hidden", "true");
      box.inert = true;
      box.appendChild(c);
      nextBox.appendChild(box);
      fit(c);
    } else {
      nextBox.appendChild(el("p", "p-end", d.strEnd));
    }
    var src = slides[cur].querySelector(".slide-notes");
    notesBox.textContent = "";
    notesBox.appendChild(el("h2", "p-label", d.strNotes));
    var body2 = el("div", "p-notes-text");
    if (src && src.querySelector(":not(.slide-notes-title)")) {
      [].slice.call(src.childNodes).forEach(function (n) {
        if (!(n.classList && n.classList.contains("slide-notes-title"))) body2.appendChild(n.cloneNode(true));
      });
    } else {
      body2.appendChild(el("p", "p-none", d.strNoNotes));
    }
    notesBox.appendChild(body2);
  }
  if (mode === "presenter") {
    side = el("aside", "presenter");
    side.setAttribute("aria-label", d.strPresenter);
    timeBox = el("div", "p-time");
    timeBox.appendChild(el("span", "p-clock-label", d.strClock + " "));
    timeBox.appendChild(el("strong", "p-clock"));
    timeBox.appendChild(el("span", "p-elapsed-label", " " + d.strElapsed + " "));
    timeBox.appendChild(el("strong", "p-elapsed"));
    var reset = el("button", "p-reset", d.strReset);
    reset.type = "button";
    reset.addEventListener("click", function () {
      started = Date.now();
      try { sessionStorage.setItem(startKey, started); } catch (e) { /* kept for this window */ }
      tick();
    });
    timeBox.appendChild(reset);
    nextBox = el("div", "p-next");
    notesBox = el("section", "p-notes");
    notesBox.setAttribute("tabindex", "0");
    notesBox.setAttribute("aria-label", d.strNotes);
    side.appendChild(timeBox);
    side.appendChild(nextBox);
    side.appendChild(notesBox);
    body.insertBefore(side, controls);
    try { started = +sessionStorage.getItem(startKey) || 0; } catch (e) { started = 0; }
    if (!started) {
      started = Date.now();
      try { sessionStorage.setItem(startKey, started); } catch (e) { /* kept for this window */ }
    }
    tick();
    setInterval(tick, 1000);
  }
  go(fromHash(), true);
})();
