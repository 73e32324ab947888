/* kurssi's SCORM runtime, run by the launch page of an LMS package.
 *
 * The launch page holds the one LMS session of a visit and shows the
 * course's own pages in a frame, so that following a link from page to
 * page never ends the session. The pages keep quiz results in
 * localStorage as on the website (`kurssi:<course>:<quiz id>`); this script
 * fills that from `cmi.suspend_data` when the course starts, and after each
 * page load and each checked quiz reports location, score, status and the
 * packed state to the LMS (throttled: a burst of answers is one commit).
 * With no LMS API found, the course works as the website it is.
 *
 * State format: see `Layout` in src/scorm/mod.rs.
 */
(function () {
  'use strict';

  var cfg;
  try {
    cfg = JSON.parse(document.getElementById('kurssi-lms').textContent);
  } catch (e) {
    cfg = { v: '2004', pages: ['index.html'], quizzes: [], course: '', fp: '', completion: 'quizzes-passed', passMark: 100 };
  }
  var frame = document.getElementById('kurssi-course');
  var is12 = cfg.v === '1.2';
  var apiName = is12 ? 'API' : 'API_1484_11';
  var E = is12
    ? {
        status: 'cmi.core.lesson_status', location: 'cmi.core.lesson_location', entry: 'cmi.core.entry',
        raw: 'cmi.core.score.raw', min: 'cmi.core.score.min', max: 'cmi.core.score.max',
        exit: 'cmi.core.exit', time: 'cmi.core.session_time'
      }
    : {
        status: 'cmi.completion_status', location: 'cmi.location', entry: 'cmi.entry',
        raw: 'cmi.score.raw', min: 'cmi.score.min', max: 'cmi.score.max',
        exit: 'cmi.exit', time: 'cmi.session_time'
      };

  /* The API: the standard walk up through parent frames (this window
   * first: in a test the course may be the top window), then the opener's. */
  function scan(win) {
    for (var n = 0; win && n < 500; n++) {
      try {
        if (win[apiName]) return win[apiName];
      } catch (e) {
        /* a frame of another origin: keep climbing */
      }
      var up;
      try {
        up = win.parent;
      } catch (e) {
        return null;
      }
      if (!up || up === win) return null;
      win = up;
    }
    return null;
  }
  var api = scan(window);
  if (!api) {
    try {
      if (window.opener) api = scan(window.opener);
    } catch (e) {
      api = null;
    }
  }

  function call(name12, name2004) {
    var args = Array.prototype.slice.call(arguments, 2);
    try {
      var f = api[is12 ? name12 : name2004];
      return f.apply(api, args);
    } catch (e) {
      return '';
    }
  }
  var get = function (el) { return String(call('LMSGetValue', 'GetValue', el) || ''); };
  var set = function (el, v) { return call('LMSSetValue', 'SetValue', el, String(v)); };

  var live = false;
  if (api) live = String(call('LMSInitialize', 'Initialize', '')) === 'true';

  /* ---- the packed state ---- */
  var ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  var EPOCH = Date.UTC(2020, 0, 1);
  var DAY = 86400000;
  var bitsFor = function (n) { var b = 1; while (Math.pow(2, b) <= n) b++; return b; };
  var pages = cfg.pages || [];
  var quizzes = cfg.quizzes || [];
  var locBits = bitsFor(Math.max(pages.length - 1, 0));

  var state = { loc: 0, best: 0, visited: pages.map(function () { return false; }), quiz: quizzes.map(function () { return null; }) };

  function encode() {
    var bits = [];
    var put = function (v, n) { for (var i = n - 1; i >= 0; i--) bits.push(Math.floor(v / Math.pow(2, i)) % 2); };
    put(state.loc, locBits);
    put(state.best, 7);
    state.visited.forEach(function (v) { put(v ? 1 : 0, 1); });
    quizzes.forEach(function (q, i) {
      var r = state.quiz[i];
      put(r ? r.score + 1 : 0, bitsFor(q[1] + 1));
      if (r) put(r.day, 16);
    });
    var out = 'A' + cfg.fp;
    for (var k = 0; k < bits.length; k += 6) {
      var c = 0;
      for (var j = 0; j < 6; j++) c = c * 2 + (bits[k + j] || 0);
      out += ALPHABET.charAt(c);
    }
    return out;
  }

  function decode(text) {
    if (!text || text.charAt(0) !== 'A' || text.slice(1, 5) !== cfg.fp) return false;
    var bits = [];
    for (var k = 5; k < text.length; k++) {
      var c = ALPHABET.indexOf(text.charAt(k));
      if (c < 0) return false;
      for (var j = 5; j >= 0; j--) bits.push((c >> j) & 1);
    }
    var at = 0;
    var take = function (n) { var v = 0; for (var i = 0; i < n; i++) v = v * 2 + (bits[at++] || 0); return v; };
    var s = { loc: take(locBits), best: Math.min(take(7), 100), visited: [], quiz: [] };
    pages.forEach(function () { s.visited.push(take(1) === 1); });
    quizzes.forEach(function (q) {
      var v = take(bitsFor(q[1] + 1));
      s.quiz.push(v > 0 && v - 1 <= q[1] ? { score: v - 1, day: take(16) } : null);
    });
    if (at > bits.length || s.loc >= pages.length) return false;
    state = s;
    return true;
  }

  /* ---- localStorage, as the pages keep it ---- */
  var prefix = 'kurssi:' + cfg.course + ':';
  var passes = function (score, q) { return score * 100 >= q[2] * q[1]; };
  function restore() {
    quizzes.forEach(function (q, i) {
      try {
        var r = state.quiz[i];
        if (!r) {
          localStorage.removeItem(prefix + q[0]);
          return;
        }
        localStorage.setItem(prefix + q[0], JSON.stringify({
          score: r.score, max: q[1], passed: passes(r.score, q), time: new Date(EPOCH + r.day * DAY).toISOString()
        }));
      } catch (e) {
        /* storage blocked: results are not shown, but the LMS keeps them */
      }
    });
  }
  function readResults() {
    quizzes.forEach(function (q, i) {
      var r = null;
      try {
        r = JSON.parse(localStorage.getItem(prefix + q[0]));
      } catch (e) {
        r = null;
      }
      if (r && typeof r.score === 'number' && r.max === q[1] && r.score >= 0 && r.score <= q[1]) {
        var t = Date.parse(r.time);
        var day = isNaN(t) ? 0 : Math.max(0, Math.min(65535, Math.floor((t - EPOCH) / DAY)));
        state.quiz[i] = { score: Math.floor(r.score), day: day };
      }
    });
  }

  /* ---- what the LMS is told ---- */
  var startedAt = Date.now();
  function sessionTime() {
    var s = Math.max(0, Math.round((Date.now() - startedAt) / 1000));
    var h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60);
    s %= 60;
    if (!is12) return 'PT' + h + 'H' + m + 'M' + s + 'S';
    var pad = function (n, w) { n = String(n); while (n.length < w) n = '0' + n; return n; };
    return pad(Math.min(h, 9999), 4) + ':' + pad(m, 2) + ':' + pad(s, 2);
  }

  function report() {
    readResults();
    var total = 0, got = 0, answered = false, passedAll = quizzes.length > 0, passedCount = 0;
    quizzes.forEach(function (q, i) {
      var r = state.quiz[i];
      total += q[1];
      if (r) {
        answered = true;
        got += r.score;
      }
      if (r && passes(r.score, q)) passedCount++;
      else passedAll = false;
    });
    if (answered && total > 0) state.best = Math.max(state.best, Math.round((100 * got) / total));
    var seen = state.visited.filter(Boolean).length;
    var allSeen = seen === pages.length;
    var quizzesDone = quizzes.length ? passedAll : allSeen;
    var pagesShare = pages.length ? seen / pages.length : 1;
    var quizShare = quizzes.length ? passedCount / quizzes.length : pagesShare;
    var complete, share;
    if (cfg.completion === 'pages-visited') {
      complete = allSeen;
      share = pagesShare;
    } else if (cfg.completion === 'either') {
      complete = allSeen || quizzesDone;
      share = Math.max(pagesShare, quizShare);
    } else {
      complete = quizzesDone;
      share = quizShare;
    }
    var success = answered && state.best >= cfg.passMark;
    if (answered) {
      set(E.raw, state.best);
      set(E.min, 0);
      set(E.max, 100);
    }
    if (is12) {
      var status = success ? 'passed' : answered && complete ? 'failed' : complete ? 'completed' : 'incomplete';
      set(E.status, status);
    } else {
      if (answered) set('cmi.score.scaled', state.best / 100);
      set(E.status, complete ? 'completed' : 'incomplete');
      set('cmi.success_status', success ? 'passed' : answered ? 'failed' : 'unknown');
      set('cmi.progress_measure', complete ? 1 : Math.min(0.99, Math.round(share * 100) / 100));
    }
    var here = pages[state.loc] || '';
    if (!is12 || here.length <= 255) set(E.location, here);
    set('cmi.suspend_data', encode());
    set(E.time, sessionTime());
  }

  var pending = null;
  function commitNow() {
    if (pending) {
      clearTimeout(pending);
      pending = null;
    }
    if (!live) return;
    report();
    call('LMSCommit', 'Commit', '');
  }
  function commitSoon() {
    if (live && !pending) pending = setTimeout(commitNow, 400);
  }

  /* ---- the course's pages in the frame ---- */
  var base = new URL('.', location.href).href;
  function pageIndex(href) {
    var path = String(href).split('#')[0].split('?')[0];
    if (path.indexOf(base) !== 0) return -1;
    path = path.slice(base.length);
    try {
      path = decodeURIComponent(path);
    } catch (e) {
      /* keep it as it is */
    }
    if (path === '' || path.charAt(path.length - 1) === '/') path += 'index.html';
    return pages.indexOf(path);
  }
  var hooked = null;
  frame.addEventListener('load', function () {
    var doc = null;
    try {
      var i = pageIndex(frame.contentWindow.location.href);
      doc = frame.contentDocument;
      if (i >= 0) {
        state.loc = i;
        state.visited[i] = true;
      }
      if (doc && doc.title) document.title = doc.title;
    } catch (e) {
      doc = null; /* a page of another origin (an outside link) */
    }
    if (doc && doc !== hooked) {
      hooked = doc;
      doc.addEventListener('kurssi:quiz-result', commitSoon);
    }
    commitSoon();
  });
  window.addEventListener('storage', function (e) {
    if (!e.key || e.key.indexOf(prefix) === 0) commitSoon();
  });

  /* ---- leaving ---- */
  var finished = false;
  function finish() {
    if (!live || finished) return;
    finished = true;
    report();
    set(E.exit, 'suspend');
    call('LMSCommit', 'Commit', '');
    call('LMSFinish', 'Terminate', '');
  }
  window.addEventListener('pagehide', finish);
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'hidden') commitNow();
  });

  /* ---- start ---- */
  var start = 'index.html';
  if (live) {
    var resumed = decode(get('cmi.suspend_data'));
    restore();
    var status = get(E.status);
    if (status === '' || status === 'not attempted' || status === 'unknown') set(E.status, 'incomplete');
    var where = get(E.location);
    if (pages.indexOf(where) >= 0) start = where;
    else if (resumed && pages[state.loc]) start = pages[state.loc];
    call('LMSCommit', 'Commit', '');
  }
  window.kurssiLms = { live: live, state: function () { return encode(); }, commit: commitNow, finish: finish };
  frame.src = start;
})();
