// Search. The header button (or "/" or "s") opens the panel; the first time,
// search-index.js is loaded with a <script> element, which works offline and
// from file:// where fetch() of a local file is refused. The index holds
// stemmed keys; query words are not stemmed here but matched to the keys by
// prefix (see quality()). norm() and quality() repeat src/search.rs: change
// them together. Every UI string comes from data-str-* attributes of the panel.
(function () {
  "use strict";

  var FORMAT_VERSION = 1;
  var MAX_RESULTS = 30;
  var DEBOUNCE_MS = 120;
  // Added to a match's quality (at most 1) when it is in the doc's title:
  // it breaks ties, and should not beat a closer stem ("seuraajien" is
  // closer to "seuraaj" than to "seura" of "seurata").
  var TITLE_BONUS = 0.1;
  var POSTING_DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  // The same letters and digits as Rust's char::is_alphanumeric.
  var WORD = /[\p{Alphabetic}\p{N}]+/gu;

  // Evens out letters that Snowball changes inconsistently: Finnish doubled
  // consonants are single, English y is i (as normalise() in src/search.rs).
  function norm(lang, word) {
    word = word.toLowerCase();
    if (lang === "fi") {
      return word.replace(/(\p{Alphabetic})\1+/gu, function (run, c) {
        return "aeiouyåäö".indexOf(c) < 0 ? c : run;
      });
    }
    return word.replace(/y/g, "i");
  }

  function commonPrefix(a, b) {
    var i = 0;
    var n = Math.min(a.length, b.length);
    while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
    return i;
  }

  // How well the normalised query word q matches the index key t, 0 for not
  // at all: a stem match (q is t plus an ending, "julkaisuja" for
  // "julkaisu") above 0.5, up to 1 for the word itself; a near match, where the key's last letter or two
  // differ ("yritys" for "yrityks"), 0.4..0.8; a typed prefix of a key
  // ("julk" for "julkaisu") below 0.5.
  function quality(q, t) {
    if (q === t) return 1;
    var lq = q.length;
    var lt = t.length;
    var p = commonPrefix(q, t);
    var best = 0;
    if (p === lt && lt >= 3 && lq - lt <= 9) best = 0.35 + 0.65 * lt / lq;
    if (p >= 4 && p < lt && p + (lt >= 7 ? 2 : 1) >= lt && lq - p <= 9) {
      best = Math.max(best, 0.4 + 0.4 * p / Math.max(lq, lt));
    }
    if (p === lq && lq >= 2 && lq < lt) best = Math.max(best, 0.1 + 0.4 * lq / lt);
    return best;
  }

  // The index as loaded (its format is documented at build_index in
  // src/search.rs), with full URLs and postings decoded to doc * 2 + (1 if
  // in the title).
  function prepare(raw) {
    var digit = {};
    POSTING_DIGITS.split("").forEach(function (c, i) { digit[c] = i; });
    var page = "";
    raw.docs.forEach(function (doc) {
      if (doc[0].charAt(0) === "#") doc[0] = page + doc[0];
      else page = doc[0].split("#")[0];
    });
    var keys = Object.keys(raw.keys).map(function (name) {
      var coded = raw.keys[name];
      var docs = [];
      var doc = 0;
      var value = 0;
      var shift = 0;
      for (var i = 0; i < coded.length; i++) {
        var d = digit[coded.charAt(i)];
        value += (d & 31) * Math.pow(2, shift);
        shift += 5;
        if (d < 32) {
          doc += Math.floor(value / 2);
          docs.push(doc * 2 + (value & 1));
          value = shift = 0;
        }
      }
      return { name: name, docs: docs };
    });
    return { lang: raw.lang, stop: new Set(raw.stop), docs: raw.docs, keys: keys };
  }

  function queryWords(ix, query) {
    var out = [];
    (query.toLowerCase().match(WORD) || []).forEach(function (w) {
      if (w.length < 2 || ix.stop.has(w)) return;
      w = norm(ix.lang, w);
      if (out.indexOf(w) < 0) out.push(w);
    });
    return out;
  }

  // Docs holding every query word, best first. A doc scores per word the
  // quality of its best-matching key, plus TITLE_BONUS in the title, times
  // the word's rarity (of the word, not of the key: a rare near key must
  // not beat the word's own stem). Returns null when the query has no
  // searchable word.
  function search(ix, query) {
    var words = queryWords(ix, query);
    if (!words.length) return null;
    var n = ix.docs.length;
    var total = new Float64Array(n);
    var bestKeys = [];
    words.forEach(function (word, wi) {
      var score = new Float64Array(n);
      var best = new Int32Array(n).fill(-1);
      var matched = 0;
      ix.keys.forEach(function (key, k) {
        if (key.name.charCodeAt(0) !== word.charCodeAt(0)) return;
        var q = quality(word, key.name);
        if (!q) return;
        key.docs.forEach(function (packed) {
          var d = packed >> 1;
          var s = packed & 1 ? q + TITLE_BONUS : q;
          if (s > score[d]) {
            if (!score[d]) matched++;
            score[d] = s;
            best[d] = k;
          }
        });
      });
      var rarity = Math.log(1 + n / Math.max(matched, 1));
      for (var d = 0; d < n; d++) {
        total[d] = score[d] > 0 && (wi === 0 || total[d] > 0) ? total[d] + score[d] * rarity : 0;
      }
      bestKeys.push(best);
    });
    var found = [];
    for (var d = 0; d < n; d++) if (total[d] > 0) found.push(d);
    // Course order breaks ties, so results are stable.
    found.sort(function (a, b) { return total[b] - total[a] || a - b; });
    return {
      count: found.length,
      hits: found.slice(0, MAX_RESULTS).map(function (d) {
        var names = [];
        bestKeys.forEach(function (best) {
          if (best[d] >= 0) names.push(ix.keys[best[d]].name);
        });
        return { doc: d, keys: names };
      }),
    };
  }

  // The passage of `text` to show for a hit with the matched `keys`: about
  // 200 characters around the first word that has one of the keys, as
  // [text, marked] pieces. The section's start when no word has (the text
  // is cut, or only the title matched). Words starting with a key are
  // marked; near matches only for a key that no word starts with, since
  // "käyttäjät" is near "käytö" but "käyttöä" is the word that has it.
  function passage(ix, text, keys) {
    var found = keys.map(function () { return { starts: [], near: [] }; });
    var re = new RegExp(WORD.source, "gu");
    var m;
    while ((m = re.exec(text))) {
      var lower = m[0].toLowerCase();
      if (ix.stop.has(lower)) continue;
      var w = norm(ix.lang, lower);
      var span = [m.index, m.index + m[0].length];
      keys.forEach(function (k, i) {
        if (w.lastIndexOf(k, 0) === 0) found[i].starts.push(span);
        else if (quality(w, k) >= 0.4) found[i].near.push(span);
      });
    }
    var marks = [];
    found.forEach(function (f) {
      marks = marks.concat(f.starts.length ? f.starts : f.near);
    });
    marks.sort(function (a, b) { return a[0] - b[0]; });
    var start = 0;
    if (marks.length && marks[0][0] > 60) {
      start = text.indexOf(" ", marks[0][0] - 60) + 1;
      if (start <= 0 || start > marks[0][0]) start = marks[0][0];
    }
    var end = text.length;
    if (end - start > 220) {
      end = text.lastIndexOf(" ", start + 220);
      if (end <= start) end = start + 220;
      end = Math.max(end, Math.min(text.length, marks.length ? marks[0][1] : 0));
    }
    var pieces = [];
    if (start > 0) pieces.push(["… ", false]);
    var at = start;
    marks.forEach(function (mark) {
      if (mark[0] < at || mark[1] > end) return;
      if (mark[0] > at) pieces.push([text.slice(at, mark[0]), false]);
      pieces.push([text.slice(mark[0], mark[1]), true]);
      at = mark[1];
    });
    if (end > at) pieces.push([text.slice(at, end), false]);
    if (end < text.length) pieces.push([" …", false]);
    return pieces;
  }

  if (typeof document === "undefined") {
    // Loaded by a test runner rather than a page.
    if (typeof module === "object") {
      module.exports = { norm: norm, quality: quality, prepare: prepare, search: search, passage: passage };
    }
    return;
  }

  var toggle = document.querySelector(".search-toggle");
  var panel = document.getElementById("search-panel");
  if (!toggle || !panel) return;
  var form = panel.querySelector("form");
  var input = panel.querySelector("input");
  var status = panel.querySelector("[role=status]");
  var list = panel.querySelector(".search-results");
  var str = panel.dataset;
  var root = document.documentElement.dataset.root || "";
  var index = null;
  var loading = false;
  var timer = 0;

  function say(text) {
    if (status.textContent !== text) status.textContent = text;
  }

  function load() {
    if (index || loading) return;
    var ready = function () {
      var raw = window.kurssiSearch;
      if (!raw || raw.version !== FORMAT_VERSION) {
        say(str.strError);
        return;
      }
      index = prepare(raw);
      run();
    };
    if (window.kurssiSearch) {
      ready();
      return;
    }
    loading = true;
    say(str.strLoading);
    var script = document.createElement("script");
    script.src = root + "search-index.js";
    script.onload = function () {
      loading = false;
      ready();
    };
    script.onerror = function () {
      loading = false;
      script.remove();
      say(str.strError);
    };
    document.head.appendChild(script);
  }

  function run() {
    clearTimeout(timer);
    if (!index) return;
    var result = search(index, input.value);
    list.textContent = "";
    if (!result) {
      say(input.value.trim().length > 1 ? str.strNone : "");
      return;
    }
    result.hits.forEach(function (hit) {
      var doc = index.docs[hit.doc];
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + doc[0];
      a.textContent = doc[1] || doc[0];
      var p = document.createElement("p");
      passage(index, doc[2], hit.keys).forEach(function (piece) {
        if (piece[1]) {
          var mark = document.createElement("mark");
          mark.textContent = piece[0];
          p.appendChild(mark);
        } else {
          p.appendChild(document.createTextNode(piece[0]));
        }
      });
      li.appendChild(a);
      li.appendChild(p);
      list.appendChild(li);
    });
    var n = result.count;
    var text = n === 0 ? str.strNone : n === 1 ? str.strOne : n > result.hits.length ? str.strMore : str.strMany;
    say(text.replace("{count}", n).replace("{shown}", result.hits.length));
  }

  function open() {
    if (panel.hidden) {
      panel.hidden = false;
      toggle.setAttribute("aria-expanded", "true");
      load();
    }
    input.focus();
    input.select();
  }

  function close(refocus) {
    if (panel.hidden) return;
    panel.hidden = true;
    toggle.setAttribute("aria-expanded", "false");
    if (refocus) toggle.focus();
  }

  function typing(el) {
    return el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  }

  toggle.hidden = false;
  toggle.addEventListener("click", function () {
    if (panel.hidden) open();
    else close(false);
  });

  document.addEventListener("keydown", function (e) {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
    var focus = document.activeElement;
    if (e.key === "Escape" && !panel.hidden && (panel.contains(focus) || focus === document.body)) {
      e.preventDefault();
      close(true);
    } else if ((e.key === "/" || e.key === "s") && !typing(e.target)) {
      e.preventDefault();
      open();
    }
  });

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, DEBOUNCE_MS);
  });

  // Enter goes to the best result.
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    run();
    var first = list.querySelector("a");
    if (first) first.click();
  });

  // Arrow keys move between the input and the result links; Tab works too.
  panel.addEventListener("keydown", function (e) {
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    var links = Array.prototype.slice.call(list.querySelectorAll("a"));
    var at = links.indexOf(document.activeElement);
    var next = e.key === "ArrowDown" ? links[at + 1] : at > 0 ? links[at - 1] : at === 0 ? input : null;
    if (next) {
      e.preventDefault();
      next.focus();
    }
  });

  // Following a result (maybe to an anchor on this page) closes the panel.
  list.addEventListener("click", function (e) {
    if (e.target.closest("a")) close(false);
  });

  // The panel covers the page, so it closes when focus or a click leaves it.
  panel.addEventListener("focusout", function (e) {
    var to = e.relatedTarget;
    if (to && !panel.contains(to) && to !== toggle) close(false);
  });
  document.addEventListener("click", function (e) {
    if (!panel.contains(e.target) && !toggle.contains(e.target)) close(false);
  });
})();
