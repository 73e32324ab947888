/* kurssi quizzes: checks a quiz form's answers in the browser and keeps the
 * result in localStorage under `kurssi:<course>:<quiz id>`.
 *
 * Each `form.quiz` carries a `<script type="application/json"
 * class="quiz-data">` with the right answers, the pass mark and every string
 * shown here (rendered from the course's UI strings), so this file holds no
 * UI text. Plain ES2017, no modules, no network: works from file:// and
 * under any sub-path. Without this script the form still reads well: every
 * answer is in a <details> under its question.
 *
 * After a check it fires `kurssi:quiz-result` on document with
 * {id, score, max, passed}: the result that was kept (a pass is never
 * replaced by a later fail), for the navigation to mark passed quizzes.
 */
(() => {
  'use strict';

  const course = document.documentElement.dataset.course || '';
  const keyOf = (id) => `kurssi:${course}:${id}`;

  const load = (id) => {
    try {
      const r = JSON.parse(localStorage.getItem(keyOf(id)));
      return r && typeof r.score === 'number' && typeof r.max === 'number' ? r : null;
    } catch (e) {
      return null; // blocked (file://, private mode) or unreadable: nothing kept
    }
  };
  const save = (id, r) => {
    try {
      localStorage.setItem(keyOf(id), JSON.stringify(r));
    } catch (e) {
      // full or blocked: the result is shown but not kept
    }
  };

  // 2.5 as the course writes it (2,5 in Finnish).
  let decimalPoint = '.';
  const points = (n) => String(n).replace('.', decimalPoint);

  const fmt = (s, v) => String(s).replace(/\{(\w+)\}/g, (m, k) => (k in v ? v[k] : m));

  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  };

  // An icon for sighted readers; the words beside it say the same.
  const iconed = (tag, cls, ok, text, glyph) => {
    const e = el(tag, cls);
    const icon = el('span', 'quiz-icon', glyph || (ok ? '\u2713' : '\u2717'));
    icon.setAttribute('aria-hidden', 'true');
    e.append(icon, ' ', text);
    return e;
  };

  // Case, surrounding and repeated spaces, Unicode form, typographic quotes
  // and a full stop at the end never decide whether a text answer is right.
  const norm = (s) =>
    String(s)
      .normalize('NFC')
      .replace(/[\u2018\u2019\u201b\u2032`\u00b4]/g, "'")
      .replace(/[\u201c\u201d\u201e\u2033]/g, '"')
      .replace(/\u2026/g, '...')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/(\S)[.!?]$/, '$1')
      .toLowerCase();

  // Text answers matched as a person would (src/quiz/matcher.rs holds the
  // same rule, and a shared table tests both): word by word, a word matches
  // the accepted word, or (letters only) starts with the accepted word's key,
  // its Snowball stem computed at build time, with at most MAX_ENDING letters
  // after it; with typo=1 one edit is forgiven in words of TYPO_MIN letters.
  const MAX_ENDING = 6;
  const TYPO_MIN = 6;
  const words = (s) =>
    String(s)
      .normalize('NFC')
      .toLowerCase()
      .split(/\p{White_Space}+/u)
      .filter((w) => w)
      .map((w) => w.replace(/^[^\p{Alphabetic}\p{N}]+|[^\p{Alphabetic}\p{N}]+$/gu, '') || w);
  const isLetters = (w) => /^\p{Alphabetic}+$/u.test(w);
  const fold = (w, fi) => {
    if (!fi) return w.replace(/y/g, 'i');
    let out = '';
    let prev = null;
    for (const c of w) {
      const consonant = /\p{Alphabetic}/u.test(c) && !'aeiouyåäö'.includes(c);
      if (!(consonant && prev === c)) out += c;
      prev = c;
    }
    return out;
  };
  // For each prefix length i of a (0..a.length), the edit distance of a[..i]
  // and b, a swap of neighbours counting one (prefix_distances in matcher.rs).
  const prefixDistances = (a, b) => {
    let before = [];
    let row = [...Array(b.length + 1).keys()];
    const out = [b.length];
    a.forEach((ca, i) => {
      const next = Array(b.length + 1).fill(i + 1);
      b.forEach((cb, j) => {
        let d = Math.min(row[j] + (ca === cb ? 0 : 1), row[j + 1] + 1, next[j] + 1);
        if (i > 0 && j > 0 && ca === b[j - 1] && a[i - 1] === cb) d = Math.min(d, before[j - 1] + 1);
        next[j + 1] = d;
      });
      out.push(next[b.length]);
      before = row;
      row = next;
    });
    return out;
  };
  const wordMatches = (t, [word, key], fi, typo) => {
    if (t === word) return true;
    if (!isLetters(t)) return false;
    const folded = Array.from(fold(t, fi));
    if (key) {
      const k = Array.from(key);
      if (k.every((c, i) => folded[i] === c) && folded.length - k.length <= MAX_ENDING) return true;
    }
    if (typo && Array.from(word).length >= TYPO_MIN) {
      const tw = Array.from(t);
      const d = prefixDistances(tw, Array.from(word));
      if (d[d.length - 1] <= 1) return true;
      if (key) return prefixDistances(folded, Array.from(key)).some((x, len) => x <= 1 && folded.length - len <= MAX_ENDING);
    }
    return false;
  };
  /** Whether `typed` matches one accepted answer `a` ({w: [[word, key]]} or {r: pattern}). */
  const textMatches = (typed, a, fi, typo) => {
    if (a.r != null) {
      // With the u flag when the pattern allows it (for \p{L}), as the build
      // checked it; else without (an escaped - or ' is an error with it).
      for (const flags of ['iu', 'i']) {
        try {
          return new RegExp(`^(?:${a.r})$`, flags).test(norm(typed));
        } catch (e) {
          /* try the next flags */
        }
      }
      return false;
    }
    const ws = words(typed);
    return ws.length > 0 && ws.length === a.w.length && ws.every((t, i) => wordMatches(t, a.w[i], fi, typo));
  };

  // "3,5", "3.5", "1 000", "\u22122": the ways people write numbers.
  const num = (s) => {
    const t = String(s).replace(/\s/g, '').replace(/\u2212/g, '-').replace(',', '.');
    return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t) ? Number(t) : NaN;
  };

  const inRange = (v, [a, b]) => {
    const eps = 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
    return v >= a - eps && v <= b + eps;
  };

  const dateText = (iso) => {
    const d = new Date(iso);
    if (isNaN(d)) return '';
    try {
      return d.toLocaleDateString(document.documentElement.lang || undefined);
    } catch (e) {
      return iso.slice(0, 10);
    }
  };

  /** Whether a text answer is right: whole, or by the words or patterns of q.m. */
  const textRight = (value, q) => {
    const v = norm(value);
    return q.a.some((a) => norm(a) === v) || (q.m || []).some((a) => textMatches(value, a, q.f, q.t));
  };
  // For tests/browser/quiz.test.mjs, which holds it to the table that
  // src/quiz/matcher.rs is tested with.
  window.kurssiQuizTextRight = textRight;

  /**
   * The points of ticking `chosen` (Question::choice_points in src/quiz/mod.rs):
   * the weight for exactly the right choices, else 0, or with `partial` the
   * share (right picks - wrong picks) / right choices, not below 0.
   */
  const choicePoints = (q, chosen) => {
    const w = q.w || 1;
    const right = chosen.filter((c) => q.c.includes(c)).length;
    const wrong = chosen.length - right;
    if (right === q.c.length && wrong === 0) return w;
    return q.p && q.c.length ? (w * Math.max(0, right - wrong)) / q.c.length : 0;
  };

  /** [state, points]: 'correct', 'partial', 'incorrect' or 'unanswered'. */
  const grade = (fs, q) => {
    const w = q.w || 1;
    if (q.k === 'single' || q.k === 'multiple') {
      const chosen = [...fs.querySelectorAll('.quiz-choices input')].filter((i) => i.checked).map((i) => +i.value);
      if (!chosen.length) return ['unanswered', 0];
      const points = choicePoints(q, chosen);
      return [points >= w ? 'correct' : points > 0 ? 'partial' : 'incorrect', points];
    }
    const state = gradeOther(fs, q);
    return [state, state === 'correct' ? w : 0];
  };

  /** 'correct', 'incorrect' or 'unanswered' for text, number and order. */
  const gradeOther = (fs, q) => {
    if (q.k === 'order') {
      const items = [...fs.querySelectorAll('.quiz-order > li')];
      return items.every((li, k) => +li.dataset.i === k) ? 'correct' : 'incorrect';
    }
    const input = fs.querySelector('.quiz-input input');
    const value = input ? input.value : '';
    if (!value.trim()) return 'unanswered';
    if (q.k === 'number') {
      const v = num(value);
      return q.r.some((r) => inRange(v, r)) ? 'correct' : 'incorrect';
    }
    return textRight(value, q) ? 'correct' : 'incorrect';
  };

  const setupOrder = (list, s) => {
    const initial = [...list.children];
    const live = el('p', 'quiz-vh');
    live.setAttribute('aria-live', 'polite');
    list.after(live);
    const refresh = () => {
      const items = [...list.children];
      items.forEach((li, k) => {
        li.querySelector('.quiz-up').setAttribute('aria-disabled', String(k === 0));
        li.querySelector('.quiz-down').setAttribute('aria-disabled', String(k === items.length - 1));
      });
    };
    const announce = (li) => {
      const items = [...list.children];
      live.textContent = fmt(s.moved, { position: items.indexOf(li) + 1, count: items.length });
    };
    list.addEventListener('click', (ev) => {
      const b = ev.target.closest('button');
      if (!b || b.getAttribute('aria-disabled') === 'true') return;
      const li = b.closest('li');
      const up = b.classList.contains('quiz-up');
      const other = up ? li.previousElementSibling : li.nextElementSibling;
      if (!other) return;
      list.insertBefore(up ? li : other, up ? other : li);
      refresh();
      // Moving the item blurs its button; keep the keyboard where it was, or
      // on the other button once this one has reached the end.
      const stay = b.getAttribute('aria-disabled') === 'true';
      (stay ? li.querySelector(up ? '.quiz-down' : '.quiz-up') : b).focus();
      announce(li);
    });

    // Alt+Up and Alt+Down move the item whose button (or item) has the
    // focus; the focus stays on it, and the live region says where it went.
    list.addEventListener('keydown', (ev) => {
      if (!ev.altKey || ev.ctrlKey || ev.metaKey || (ev.key !== 'ArrowUp' && ev.key !== 'ArrowDown')) return;
      const li = ev.target.closest && ev.target.closest('li');
      if (!li || li.parentNode !== list) return;
      ev.preventDefault();
      const up = ev.key === 'ArrowUp';
      const other = up ? li.previousElementSibling : li.nextElementSibling;
      if (!other) return;
      const focused = document.activeElement;
      list.insertBefore(up ? li : other, up ? other : li);
      refresh();
      if (focused && li.contains(focused)) focused.focus();
      announce(li);
    });

    let dragged = null;
    initial.forEach((li) => {
      li.draggable = true;
    });
    list.addEventListener('dragstart', (ev) => {
      dragged = ev.target.closest && ev.target.closest('li');
      if (!dragged) return;
      dragged.classList.add('quiz-dragging');
      if (!ev.dataTransfer) return;
      ev.dataTransfer.effectAllowed = 'move';
      try {
        ev.dataTransfer.setData('text/plain', ''); // Firefox starts no drag without data
      } catch (e) {
        /* the drag still works where setData is refused */
      }
    });
    list.addEventListener('dragover', (ev) => {
      if (!dragged) return;
      ev.preventDefault();
      const over = ev.target.closest && ev.target.closest('li');
      if (!over || over === dragged || over.parentNode !== list) return;
      const r = over.getBoundingClientRect();
      list.insertBefore(dragged, ev.clientY > r.top + r.height / 2 ? over.nextSibling : over);
    });
    list.addEventListener('drop', (ev) => ev.preventDefault());
    list.addEventListener('dragend', () => {
      if (!dragged) return;
      dragged.classList.remove('quiz-dragging');
      refresh();
      announce(dragged);
      dragged = null;
    });

    refresh();
    return () => {
      initial.forEach((li) => list.append(li));
      live.textContent = '';
      refresh();
    };
  };

  const init = (form) => {
    if (form.dataset.ready) return;
    let data;
    try {
      data = JSON.parse(form.querySelector('script.quiz-data').textContent);
    } catch (e) {
      return;
    }
    form.dataset.ready = '1';
    const s = data.s;
    decimalPoint = s.point || '.';
    const questions = [...form.querySelectorAll('fieldset.quiz-q')];
    const result = form.querySelector('.quiz-result');
    const previous = form.querySelector('.quiz-previous');
    const check = form.querySelector('.quiz-check');
    const retry = form.querySelector('.quiz-retry');
    const resets = [...form.querySelectorAll('.quiz-order')].map((list) => setupOrder(list, s));
    form.querySelectorAll('.quiz-actions, .quiz-order-buttons, .quiz-order-help').forEach((e) => {
      e.hidden = false;
    });
    check.disabled = false;

    // A pool (`pick` of the questions): each attempt shows a subset drawn
    // with a seed kept with the result, so a reload shows the same subset
    // and a retry draws another.
    let shown = questions.map((_, i) => i);
    let seed = null;
    const pool = form.querySelector('.quiz-pool');
    const draw = (n) => {
      let t = n >>> 0;
      const next = () => {
        // mulberry32
        t = (t + 0x6d2b79f5) >>> 0;
        let x = Math.imul(t ^ (t >>> 15), 1 | t);
        x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
        return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
      };
      const all = questions.map((_, i) => i);
      for (let i = all.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [all[i], all[j]] = [all[j], all[i]];
      }
      return all.slice(0, data.pick).sort((a, b) => a - b);
    };
    const startAttempt = (kept) => {
      if (!data.pick || data.pick >= questions.length) return;
      seed = typeof kept === 'number' ? kept : Math.floor(Math.random() * 4294967296);
      shown = draw(seed);
      questions.forEach((fs, i) => {
        fs.hidden = !shown.includes(i);
      });
      shown.forEach((i, k) => {
        const n = questions[i].querySelector('.quiz-n');
        if (n) n.textContent = `${k + 1}.`;
      });
      if (pool) pool.hidden = false;
    };
    const first = load(data.id);
    startAttempt(first && first.seed);

    const showPrevious = (r) => {
      previous.textContent = '';
      previous.hidden = !r;
      if (!r) return;
      const text = fmt(r.passed ? s.passedOn : s.previous, {
        score: points(r.score),
        max: points(r.max),
        date: dateText(r.time),
      });
      previous.append(iconed('span', '', r.passed, text));
    };

    const unmark = (fs) => {
      fs.classList.remove('quiz-correct', 'quiz-partial', 'quiz-incorrect', 'quiz-unanswered');
      fs.querySelectorAll('.quiz-shown').forEach((e) => e.remove());
      const out = fs.querySelector('.quiz-out');
      out.textContent = '';
      out.hidden = true;
      if ('describedby' in fs.dataset) {
        const d = fs.dataset.describedby;
        if (d) fs.setAttribute('aria-describedby', d);
        else fs.removeAttribute('aria-describedby');
      }
    };

    const mark = (fs, state) => {
      unmark(fs);
      fs.classList.add(`quiz-${state}`);
      const out = fs.querySelector('.quiz-out');
      out.append(iconed('p', 'quiz-mark', state === 'correct', s[state], state === 'partial' ? '\u25d0' : null));
      // "seventy-five" for a number question: say what is expected.
      const input = fs.querySelector('.quiz-input input');
      if (state === 'incorrect' && input && input.inputMode === 'decimal' && Number.isNaN(num(input.value))) {
        out.append(el('p', 'quiz-note', s.notNumber));
      }
      if (state !== 'unanswered') {
        fs.querySelectorAll('.quiz-choices input').forEach((input) => {
          if (!input.checked) return;
          const fb = fs.querySelector(`.quiz-answer .quiz-feedback[data-c="${input.value}"]`);
          if (!fb) return;
          const copy = fb.cloneNode(true);
          copy.classList.add('quiz-shown');
          input.closest('li').append(copy);
        });
        const ex = fs.querySelector('.quiz-answer .quiz-explanation');
        if (ex) out.append(ex.cloneNode(true));
      }
      out.hidden = false;
      // Tabbing back into the question then also reads its mark.
      if (!('describedby' in fs.dataset)) fs.dataset.describedby = fs.getAttribute('aria-describedby') || '';
      fs.setAttribute('aria-describedby', `${fs.dataset.describedby} ${out.id}`.trim());
    };

    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      let score = 0;
      let max = 0;
      shown.forEach((i) => {
        const fs = questions[i];
        const q = data.q[i];
        const [state, points] = q ? grade(fs, q) : ['unanswered', 0];
        score += points;
        max += (q && q.w) || 1;
        mark(fs, state);
      });
      // Partial credit gives fractions: two decimals are plenty.
      score = Math.round(score * 100) / 100;
      const passed = score * 100 >= data.passMark * max - 1e-9;
      result.textContent = '';
      result.className = `quiz-result ${passed ? 'quiz-pass' : 'quiz-fail'}`;
      result.append(iconed('p', 'quiz-verdict', passed, passed ? s.passed : s.failed));
      const percent = max ? Math.round((score * 100) / max) : 0;
      result.append(el('p', 'quiz-score', fmt(s.score, { score: points(score), max: points(max), percent })));
      retry.hidden = false;

      const attempt = { score, max, passed, time: new Date().toISOString() };
      if (seed != null) attempt.seed = seed;
      const old = load(data.id);
      const kept = old && old.passed && !passed ? old : attempt;
      save(data.id, kept);
      showPrevious(kept === attempt ? null : kept);
      document.dispatchEvent(
        new CustomEvent('kurssi:quiz-result', {
          detail: { id: data.id, score: kept.score, max: kept.max, passed: kept.passed },
        }),
      );
      result.focus();
    });

    form.addEventListener('reset', () => {
      questions.forEach(unmark);
      resets.forEach((r) => r());
      result.textContent = '';
      result.className = 'quiz-result';
      retry.hidden = true;
      showPrevious(load(data.id));
      startAttempt(null);
      // After the browser has cleared the inputs, start again from the top.
      setTimeout(() => {
        const first = form.querySelector('fieldset:not([hidden]) :is(input, .quiz-order button)');
        if (first) first.focus();
      });
    });

    showPrevious(load(data.id));
  };

  const start = () => document.querySelectorAll('form.quiz').forEach(init);
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
