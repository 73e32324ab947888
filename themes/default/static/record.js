/* kurssi: the participant's own record, kept in this browser only.
 *
 * localStorage keys, beside the quiz results (`kurssi:<course>:<quiz id>`,
 * {score, max, passed, time}, written by quiz.js):
 *   kurssi:<course>:ws:<worksheet id>:<prompt id>  {text, time}  a worksheet answer
 *   kurssi:<course>:visited                         {page path: time}  pages read
 *   kurssi:<course>:name                            the name on the certificate
 *   kurssi:<course>:reminded                        the home page's reminder was seen
 *
 * On every page: marks the page read once its end has been seen (or after
 * it has been open for a while) and marks read pages in the contents. On a
 * page with worksheets: restores and saves (debounced) each answer. On the
 * home page: pages read per module, saving and loading progress as a file
 * (JSON, `version`), the progress code, the reminder and the certificate
 * link. On "My answers" and the certificate page: fills them in. Every text
 * comes from the page (data-str-* attributes). Plain ES2017, no modules, no
 * network: works from file:// and under any sub-path; nothing is sent.
 */
(function () {
  'use strict';
  var d = document;
  var html = d.documentElement;
  var course = html.getAttribute('data-course') || '';
  var prefix = 'kurssi:' + course + ':';
  var me = d.currentScript;
  var pagePath = (me && me.getAttribute('data-page')) || '';
  var VERSION = 1;
  var FORMAT = 'kurssi-progress';
  var VISITED = prefix + 'visited';
  var NAME = prefix + 'name';
  var REMINDED = prefix + 'reminded';
  var WS = prefix + 'ws:';
  var SPECIAL = { visited: 1, name: 1, reminded: 1 };

  var get = function (k) {
    try {
      return localStorage.getItem(k);
    } catch (e) {
      return null;
    }
  };
  var set = function (k, v) {
    try {
      localStorage.setItem(k, v);
      return true;
    } catch (e) {
      return false; // full or blocked: shown but not kept
    }
  };
  var json = function (k) {
    try {
      return JSON.parse(get(k));
    } catch (e) {
      return null;
    }
  };
  var fmt = function (s, v) {
    return String(s || '').replace(/\{(\w+)\}/g, function (m, k) {
      return k in v ? v[k] : m;
    });
  };
  var isObject = function (o) {
    return !!o && typeof o === 'object' && !Array.isArray(o);
  };
  var isTime = function (t) {
    return typeof t === 'string' && !isNaN(Date.parse(t));
  };
  var isResult = function (r) {
    return (
      isObject(r) &&
      typeof r.score === 'number' &&
      typeof r.max === 'number' &&
      r.max > 0 &&
      r.score >= 0 &&
      r.score <= r.max &&
      typeof r.passed === 'boolean'
    );
  };
  var isAnswer = function (a) {
    return isObject(a) && typeof a.text === 'string' && isTime(a.time);
  };
  var storedKeys = function () {
    var out = [];
    try {
      for (var i = 0; i < localStorage.length; i++) {
        var k = localStorage.key(i);
        if (k && k.indexOf(prefix) === 0) out.push(k);
      }
    } catch (e) {
      /* blocked */
    }
    return out;
  };

  // --- what is kept
  var visited = function () {
    var v = json(VISITED);
    return isObject(v) ? v : {};
  };
  var results = function () {
    var out = {};
    storedKeys().forEach(function (k) {
      var id = k.slice(prefix.length);
      if (id.indexOf(':') >= 0 || SPECIAL[id]) return;
      var r = json(k);
      if (isResult(r)) out[id] = r;
    });
    return out;
  };
  var answers = function () {
    var out = {};
    storedKeys().forEach(function (k) {
      if (k.indexOf(WS) !== 0) return;
      var a = json(k);
      if (isAnswer(a)) out[k.slice(WS.length)] = a;
    });
    return out;
  };
  var passed = function (id) {
    var r = json(prefix + id);
    return isResult(r) && r.passed;
  };
  var ratio = function (r) {
    return r.score / r.max;
  };

  // --- pages read
  var pageUrl = function (path) {
    try {
      return new URL(path, new URL(html.getAttribute('data-root') || '', location.href)).href.replace(/#.*$/, '');
    } catch (e) {
      return '';
    }
  };
  var showVisited = function () {
    var v = visited();
    var read = {};
    Object.keys(v).forEach(function (p) {
      read[pageUrl(p)] = true;
    });
    var label = (me && me.getAttribute('data-str-visited')) || '';
    d.querySelectorAll('.toc-list a[href]').forEach(function (a) {
      var on = !!read[a.href.replace(/#.*$/, '')];
      var mark = a.querySelector('.visited-mark');
      if (on && !mark) {
        mark = d.createElement('span');
        mark.className = 'visited-mark';
        var dot = d.createElement('span');
        dot.setAttribute('aria-hidden', 'true');
        dot.textContent = '\u2022';
        var hidden = d.createElement('span');
        hidden.className = 'visually-hidden';
        hidden.textContent = ' (' + label + ')';
        mark.append(dot, hidden);
        a.append(mark);
      } else if (!on && mark) {
        mark.remove();
      }
    });
    d.querySelectorAll('[data-pages][data-str-pages-read]').forEach(function (p) {
      p.hidden = false;
      var pages = (p.getAttribute('data-pages') || '').split(/\s+/).filter(Boolean);
      var n = pages.filter(function (x) {
        return v[x];
      }).length;
      var span = p.querySelector('.pages-read');
      if (!span) {
        span = d.createElement('span');
        span.className = 'pages-read';
        p.append(span);
      }
      span.textContent = fmt(p.getAttribute('data-str-pages-read'), { read: n, total: pages.length });
    });
  };
  var markVisited = function () {
    if (!pagePath) return;
    var v = visited();
    if (v[pagePath]) return;
    v[pagePath] = new Date().toISOString();
    set(VISITED, JSON.stringify(v));
    showVisited();
  };
  var trackReading = function () {
    var kind = (d.body.className.match(/kind-(\w+)/) || [])[1];
    if (!pagePath || !/^(page|module|home)$/.test(kind)) return;
    var end = d.createElement('span');
    end.className = 'read-end';
    end.setAttribute('aria-hidden', 'true');
    var article = d.querySelector('main article') || d.querySelector('main');
    if (!article) return;
    article.append(end);
    if ('IntersectionObserver' in window) {
      var seen = new IntersectionObserver(function (entries) {
        if (entries.some(function (e) { return e.isIntersecting; })) {
          seen.disconnect();
          markVisited();
        }
      });
      seen.observe(end);
    }
    // Open for a while counts too (a long page read on a big screen).
    setTimeout(function () {
      if (!d.hidden) markVisited();
    }, 60000);
  };

  // --- worksheets
  var setupWorksheets = function () {
    d.querySelectorAll('.worksheet').forEach(function (ws) {
      var status = ws.querySelector('.worksheet-status');
      ws.querySelectorAll('textarea.worksheet-answer[data-key]').forEach(function (area) {
        var key = WS + area.getAttribute('data-key');
        var kept = json(key);
        if (isAnswer(kept)) area.value = kept.text;
        var timer = null;
        var save = function () {
          clearTimeout(timer);
          timer = null;
          var old = json(key);
          if (isAnswer(old) && old.text === area.value) return;
          if (set(key, JSON.stringify({ text: area.value, time: new Date().toISOString() })) && status) {
            status.textContent = ws.getAttribute('data-str-saved') || '';
          }
        };
        area.addEventListener('input', function () {
          if (status) status.textContent = '';
          clearTimeout(timer);
          timer = setTimeout(save, 500);
        });
        area.addEventListener('blur', save);
        window.addEventListener('pagehide', function () {
          if (timer) save();
        });
      });
    });
  };

  // --- "My answers"
  var slug = function (s) {
    return String(s).toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'kurssi';
  };
  var download = function (name, type, text) {
    var blob = new Blob([text], { type: type });
    var a = d.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = name;
    a.hidden = true;
    d.body.append(a);
    a.click();
    setTimeout(function () {
      URL.revokeObjectURL(a.href);
      a.remove();
    }, 1000);
  };
  var setupMyAnswers = function () {
    var page = d.querySelector('.my-answers');
    if (!page) return;
    var kept = answers();
    page.querySelectorAll('.my-answer[data-key]').forEach(function (box) {
      var a = kept[box.getAttribute('data-key')];
      if (a && a.text.trim()) {
        var p = d.createElement('p');
        p.className = 'my-answer-text';
        p.textContent = a.text;
        box.textContent = '';
        box.append(p);
      }
    });
    var actions = page.querySelector('.record-actions');
    if (actions) actions.hidden = false;
    var print = page.querySelector('.my-answers-print');
    if (print) print.addEventListener('click', function () { window.print(); });
    var dl = page.querySelector('.my-answers-download');
    if (!dl) return;
    dl.addEventListener('click', function () {
      var title = page.getAttribute('data-course-title') || '';
      var h1 = page.querySelector('h1');
      var out = ['# ' + (h1 ? h1.textContent : '') + ': ' + title, ''];
      page.querySelectorAll('.my-answers-page').forEach(function (section) {
        var h2 = section.querySelector('h2');
        out.push('## ' + (h2 ? h2.textContent.trim() : ''), '');
        section.querySelectorAll('.my-answers-prompt').forEach(function (h3) {
          out.push('### ' + (h3.getAttribute('data-text') || h3.textContent.trim()), '');
          var box = h3.nextElementSibling;
          var a = box ? kept[box.getAttribute('data-key')] : null;
          out.push(a && a.text.trim() ? a.text.trim() : '_' + (box ? box.textContent.trim() : '') + '_', '');
        });
      });
      download(slug(title) + '-' + slug(h1 ? h1.textContent : 'answers') + '.md', 'text/markdown;charset=utf-8', out.join('\n'));
    });
  };

  // --- moving progress: the file and the code
  /** Checks a progress file's data: null when it is fine, else 'damaged', 'newer' or 'other'. */
  var problem = function (data) {
    if (!isObject(data) || data.format !== FORMAT || typeof data.version !== 'number' || data.version < 1) return 'damaged';
    if (data.version > VERSION) return 'newer';
    if (data.course !== course) return 'other';
    var q = data.quizzes || {}, v = data.visited || {}, w = data.worksheets || {};
    if (!isObject(q) || !isObject(v) || !isObject(w)) return 'damaged';
    var ok = Object.keys(q).every(function (k) { return k.indexOf(':') < 0 && !SPECIAL[k] && isResult(q[k]); }) &&
      Object.keys(v).every(function (k) { return isTime(v[k]); }) &&
      Object.keys(w).every(function (k) { return isAnswer(w[k]); });
    return ok ? null : 'damaged';
  };
  /** Merges checked data: a pass is never lost, the newer answer wins. Returns the counts. */
  var merge = function (data) {
    var q = data.quizzes || {}, v = data.visited || {}, w = data.worksheets || {};
    Object.keys(q).forEach(function (id) {
      var cur = json(prefix + id), inc = q[id];
      var take = !isResult(cur) ||
        (inc.passed && !cur.passed) ||
        (inc.passed === cur.passed && ratio(inc) > ratio(cur));
      if (take) set(prefix + id, JSON.stringify({ score: inc.score, max: inc.max, passed: inc.passed, time: inc.time }));
    });
    var seen = visited();
    Object.keys(v).forEach(function (p) {
      if (!seen[p] || Date.parse(v[p]) < Date.parse(seen[p])) seen[p] = v[p];
    });
    if (Object.keys(v).length) set(VISITED, JSON.stringify(seen));
    Object.keys(w).forEach(function (k) {
      var cur = json(WS + k);
      if (!isAnswer(cur) || Date.parse(w[k].time) > Date.parse(cur.time)) set(WS + k, JSON.stringify({ text: w[k].text, time: w[k].time }));
    });
    return { quizzes: Object.keys(q).length, pages: Object.keys(v).length, answers: Object.keys(w).length };
  };
  var refresh = function () {
    showVisited();
    showCertificateLink();
    d.dispatchEvent(new CustomEvent('kurssi:quiz-result', { detail: {} }));
  };

  var b64url = function (bytes) {
    var s = '';
    for (var i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
    return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  };
  var unb64url = function (text) {
    var s = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    var out = new Uint8Array(s.length);
    for (var i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
    return out;
  };
  var pipe = function (bytes, stream) {
    return new Response(new Blob([bytes]).stream().pipeThrough(stream)).arrayBuffer().then(function (b) {
      return new Uint8Array(b);
    });
  };
  /** The progress code: quiz results and pages read, deflated where the browser can, base64url. */
  var makeCode = function () {
    var r = results(), q = {};
    Object.keys(r).forEach(function (id) {
      q[id] = [r[id].score, r[id].max, r[id].passed ? 1 : 0, r[id].time || ''];
    });
    var bytes = new TextEncoder().encode(JSON.stringify({ c: course, q: q, p: visited() }));
    if (typeof CompressionStream === 'function') {
      return pipe(bytes, new CompressionStream('deflate-raw')).then(function (z) {
        return 'K' + VERSION + 'z.' + b64url(z);
      });
    }
    return Promise.resolve('K' + VERSION + 'j.' + b64url(bytes));
  };
  /** A code back to progress data (as a file holds it), or a problem word. */
  var readCode = function (code) {
    var m = /^K(\d+)([zj])\.([A-Za-z0-9_-]+)$/.exec(String(code).replace(/\s+/g, ''));
    if (!m) return Promise.resolve('damaged');
    if (+m[1] > VERSION) return Promise.resolve('newer');
    var bytes;
    try {
      bytes = unb64url(m[3]);
    } catch (e) {
      return Promise.resolve('damaged');
    }
    var raw = m[2] === 'z'
      ? typeof DecompressionStream === 'function' ? pipe(bytes, new DecompressionStream('deflate-raw')) : Promise.reject(new Error('no inflate'))
      : Promise.resolve(bytes);
    return raw.then(function (b) {
      var c = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(b));
      if (!isObject(c) || !isObject(c.q)) return 'damaged';
      var quizzes = {};
      Object.keys(c.q).forEach(function (id) {
        var a = c.q[id];
        quizzes[id] = Array.isArray(a) ? { score: a[0], max: a[1], passed: a[2] === 1, time: a[3] || undefined } : null;
      });
      return { format: FORMAT, version: +m[1], course: c.c, quizzes: quizzes, visited: c.p || {}, worksheets: {} };
    }).catch(function () {
      return 'damaged';
    });
  };

  var setupHome = function () {
    var tools = d.querySelector('.record-tools');
    if (!tools) return;
    tools.hidden = false;
    var message = tools.querySelector('.record-message');
    var str = function (n) {
      return tools.getAttribute('data-str-' + n) || '';
    };
    var say = function (text, bad) {
      message.textContent = text;
      message.classList.toggle('record-problem', !!bad);
    };
    var refuse = function (why, data) {
      var names = { damaged: 'damaged', newer: 'newer', other: 'other-course' };
      say(fmt(str(names[why]), { course: (data && typeof data.title === 'string' && data.title) || (data && data.course) || '' }), true);
    };
    var apply = function (data) {
      var why = typeof data === 'string' ? data : problem(data);
      if (why) return refuse(why, data);
      say(fmt(str('loaded'), merge(data)), false);
      refresh();
    };
    var reminder = d.querySelector('.record-reminder');
    var remembered = function () {
      set(REMINDED, new Date().toISOString());
      if (reminder) reminder.hidden = true;
    };
    if (reminder && !get(REMINDED)) {
      reminder.hidden = false;
      reminder.querySelector('button').addEventListener('click', remembered);
    }
    tools.querySelector('.record-save').addEventListener('click', function () {
      var data = {
        format: FORMAT,
        version: VERSION,
        course: course,
        title: tools.getAttribute('data-course-title') || '',
        saved: new Date().toISOString(),
        quizzes: results(),
        visited: visited(),
        worksheets: answers(),
      };
      download(course + '-progress-' + data.saved.slice(0, 10) + '.json', 'application/json', JSON.stringify(data, null, 1));
      remembered();
    });
    var file = tools.querySelector('.record-file');
    tools.querySelector('.record-load').addEventListener('click', function () {
      file.value = '';
      file.click();
    });
    file.addEventListener('change', function () {
      var f = file.files && file.files[0];
      if (!f) return;
      var reader = new FileReader();
      reader.onload = function () {
        var data;
        try {
          data = JSON.parse(String(reader.result));
        } catch (e) {
          return refuse('damaged');
        }
        apply(data);
      };
      reader.onerror = function () {
        refuse('damaged');
      };
      reader.readAsText(f);
    });
    var code = tools.querySelector('.record-code');
    tools.querySelector('.record-code-make').addEventListener('click', function () {
      makeCode().then(function (c) {
        code.value = c;
        code.focus();
        code.select();
      });
    });
    tools.querySelector('.record-code-copy').addEventListener('click', function () {
      code.select();
      var done = function () {
        say(str('copied'), false);
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(code.value).then(done, function () {
          if (d.execCommand('copy')) done();
        });
      } else if (d.execCommand('copy')) {
        done();
      }
    });
    tools.querySelector('.record-code-use').addEventListener('click', function () {
      readCode(code.value).then(apply);
    });
  };

  // --- certificate
  var courseQuizzes = function () {
    var ids = [];
    d.querySelectorAll('.course-map [data-quiz], .certificate-results [data-quizzes]').forEach(function (el) {
      (el.getAttribute('data-quiz') || el.getAttribute('data-quizzes') || '').split(/\s+/).forEach(function (id) {
        if (id && ids.indexOf(id) < 0) ids.push(id);
      });
    });
    return ids;
  };
  var complete = function () {
    var ids = courseQuizzes();
    return ids.length > 0 && ids.every(passed);
  };
  var showCertificateLink = function () {
    var offer = d.querySelector('.record-certificate');
    if (offer) offer.hidden = !complete();
  };
  var setupCertificate = function () {
    var page = d.querySelector('.certificate-page');
    if (!page) return;
    if (!complete()) return;
    page.querySelector('.certificate-not-yet').hidden = true;
    page.querySelector('.certificate-name-field').hidden = false;
    page.querySelector('.certificate').hidden = false;
    var input = page.querySelector('#certificate-name');
    var person = page.querySelector('.certificate-person');
    input.value = get(NAME) || '';
    person.textContent = input.value;
    input.addEventListener('input', function () {
      person.textContent = input.value;
      set(NAME, input.value);
    });
    var r = results(), last = 0;
    page.querySelectorAll('.certificate-results tr[data-quizzes]').forEach(function (row) {
      var score = 0, max = 0;
      row.getAttribute('data-quizzes').split(/\s+/).filter(Boolean).forEach(function (id) {
        if (!r[id]) return;
        score += r[id].score;
        max += r[id].max;
        var t = Date.parse(r[id].time);
        if (t > last) last = t;
      });
      row.querySelector('.certificate-score').textContent = score + '/' + max;
    });
    var date = page.querySelector('.certificate-date');
    var when = new Date(last || Date.now());
    var text;
    try {
      text = when.toLocaleDateString(html.lang || undefined, { year: 'numeric', month: 'long', day: 'numeric' });
    } catch (e) {
      text = when.toISOString().slice(0, 10);
    }
    date.textContent = fmt(date.getAttribute('data-template'), { date: text });
    page.querySelector('.certificate-print').addEventListener('click', function () {
      window.print();
    });
  };

  var start = function () {
    showVisited();
    trackReading();
    setupWorksheets();
    setupMyAnswers();
    setupHome();
    showCertificateLink();
    setupCertificate();
  };
  if (d.readyState === 'loading') d.addEventListener('DOMContentLoaded', start);
  else start();
  window.addEventListener('storage', function (e) {
    if (!e.key || e.key.indexOf(prefix) === 0) {
      showVisited();
      showCertificateLink();
    }
  });
})();
