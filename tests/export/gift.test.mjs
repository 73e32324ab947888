// `kurssi export gift` read back by gift-pegjs, a GIFT parser written
// independently of kurssi, and compared question by question with
// `kurssi export moodle-xml` of the same course (kinds, texts, right
// answers, weights, feedback, general feedback), which the Rust tests
// check against the source. Run by scripts/test after the release build;
// KURSSI names another binary.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const { parse } = require("gift-pegjs");

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const kurssi = process.env.KURSSI ?? path.join(repo, "target/release/kurssi");

function exportBank(format, root) {
  return execFileSync(kurssi, ["-q", "export", format, root], {
    cwd: repo,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** The text of each `<text>` (CDATA sections joined, entities undone). */
function textOf(xml) {
  const m = /<text>([\s\S]*?)<\/text>/.exec(xml);
  if (!m) return null;
  const raw = m[1];
  if (raw.startsWith("<![CDATA[")) {
    return [...raw.matchAll(/<!\[CDATA\[([\s\S]*?)\]\]>/g)].map((c) => c[1]).join("");
  }
  return raw
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&quot;", '"')
    .replaceAll("&apos;", "'")
    .replaceAll("&amp;", "&");
}

/** Element `name`'s first occurrence (not nested in an `<answer>`). */
function element(xml, name) {
  const m = new RegExp(`<${name}[ >][\\s\\S]*?</${name}>`).exec(xml);
  return m ? m[0] : null;
}

/** The questions of a Moodle XML export, as kurssi writes it. */
function xmlQuestions(xml) {
  const out = [];
  for (const m of xml.matchAll(/<question type="([a-z]+)">([\s\S]*?)\n  <\/question>/g)) {
    const [, type, body] = m;
    if (type === "category") {
      out.push({ type, category: textOf(element(body, "category")) });
      continue;
    }
    const answers = [...body.matchAll(/<answer fraction="([^"]+)"[^>]*>([\s\S]*?)<\/answer>/g)].map(
      ([, fraction, a]) => ({
        fraction: Number(fraction),
        text: textOf(a),
        feedback: textOf(element(a, "feedback") ?? "") || null,
        tolerance: element(a, "tolerance")?.replace(/<\/?tolerance>/g, ""),
      }),
    );
    const before = body.split("<answer ")[0];
    out.push({
      type,
      name: textOf(element(before, "name")),
      text: textOf(element(before, "questiontext")),
      general: textOf(element(before, "generalfeedback")) || null,
      single: element(before, "single")?.includes(">true<") ?? null,
      answers,
    });
  }
  return out;
}

const GIFT_TYPE = { multichoice: "MC", shortanswer: "Short", numerical: "Numerical" };

function compare(root) {
  const gift = parse(exportBank("gift", root));
  const xml = xmlQuestions(exportBank("moodle-xml", root));
  assert.ok(xml.length > 0, `${root} has questions`);
  // Ordering questions are Moodle XML only.
  const expected = xml.filter((q) => q.type !== "ordering");
  assert.equal(gift.length, expected.length, `${root}: one GIFT entry per question`);
  expected.forEach((x, i) => {
    const g = gift[i];
    const where = `${root}: ${x.name ?? x.category}`;
    if (x.type === "category") {
      assert.deepEqual(g, { type: "Category", title: x.category }, where);
      return;
    }
    assert.equal(g.type, GIFT_TYPE[x.type], where);
    assert.equal(g.title, x.name, where);
    // Moodle XML embeds local images as `@@PLUGINFILE@@` files; GIFT
    // keeps the `src` as written.
    const images = (t) => t.replace(/<img src="[^"]*"/g, '<img src=""');
    assert.deepEqual(
      { ...g.stem, text: images(g.stem.text) },
      { format: "html", text: images(x.text) },
      where,
    );
    assert.deepEqual(g.globalFeedback, x.general && { format: "html", text: x.general }, where);
    // gift-pegjs gives a numerical question's only answer as the choices.
    const choices = Array.isArray(g.choices)
      ? g.choices
      : [{ isCorrect: true, weight: null, text: g.choices, feedback: null }];
    assert.equal(choices.length, x.answers.length, where);
    choices.forEach((c, k) => {
      const a = x.answers[k];
      const at = `${where}, answer ${k + 1}`;
      assert.deepEqual(c.feedback, a.feedback && { format: "html", text: a.feedback }, at);
      if (x.type === "numerical") {
        const value = Number(a.text);
        const tolerance = Number(a.tolerance);
        const t = c.text;
        const [low, high] =
          t.type === "simple"
            ? [t.number, t.number]
            : t.type === "range"
              ? [t.number - t.range, t.number + t.range]
              : [t.numberLow, t.numberHigh];
        assert.ok(Math.abs(low - (value - tolerance)) < 1e-9, at);
        assert.ok(Math.abs(high - (value + tolerance)) < 1e-9, at);
        assert.equal(c.isCorrect, true, at);
        return;
      }
      assert.deepEqual(c.text, { format: "html", text: a.text }, at);
      if (x.type === "shortanswer") {
        assert.equal(c.isCorrect, true, at);
        assert.equal(a.fraction, 100, at);
      } else if (x.single) {
        // `=right` and `~wrong`; `~%0%` keeps a choice that starts with `%`.
        assert.equal(c.isCorrect, a.fraction === 100, at);
        assert.ok(c.weight === null || c.weight === 0, at);
      } else {
        assert.equal(c.isCorrect, false, at);
        assert.equal(c.weight, a.fraction, at);
      }
    });
  });
  return { gift, xml };
}

test("the fixture's GIFT reads back question for question", () => {
  const { gift } = compare("tests/fixtures/export");
  const byTitle = Object.fromEntries(gift.filter((q) => q.title).map((q) => [q.title, q]));
  // A hand-written expectation for the special characters and weights,
  // independent of the XML export.
  assert.equal(
    byTitle["escaping-1"].stem.text.split("</p>")[0],
    "<p>Is <code>a = {b}</code> ~ c # d: e \\ f true?",
  );
  assert.ok(byTitle["escaping-1"].stem.text.includes("x = {y}\n~z # w: v \\ u\n\nafter a blank line"));
  assert.deepEqual(
    byTitle["escaping-1"].choices.map((c) => [c.text.text, c.isCorrect]),
    [
      ["Yes = {right} ~ # : \\", true],
      ["%50% off", false],
      ["No", false],
    ],
  );
  assert.equal(byTitle["escaping-1"].globalFeedback.text, "<p>Explained: {all} ~ = # : \\ of them.</p>");
  assert.deepEqual(
    byTitle["escaping-2"].choices.map((c) => c.text.text),
    ["C# {x}: a = b", "5\\*", "~tilde"],
  );
  assert.deepEqual(
    byTitle["escaping-3"].choices.map((c) => [c.text.text, c.weight]),
    [
      ["{one}", 33.33333],
      ["two: = 2", 33.33333],
      ["three ~3", 33.33333],
      ["#four", -100],
    ],
  );
  assert.deepEqual(
    byTitle["kinds-2"].choices.map((c) => c.weight),
    [50, 50, -100],
  );
  assert.equal(byTitle["kinds-1"].choices.find((c) => c.isCorrect).text.text, "Right");
  assert.equal(byTitle["kinds-1"].choices[1].feedback.text, "<p>Yes: this one.</p>");
  assert.deepEqual(
    byTitle["kinds-4"].choices.map((c) => c.text),
    [
      { type: "simple", number: 52 },
      { type: "range", number: 50, range: 2 },
      { type: "high-low", numberHigh: 60, numberLow: 40 },
    ],
  );
  assert.equal(byTitle["kinds-5"], undefined, "no ordering question in GIFT");
  assert.deepEqual(
    gift.filter((q) => q.type === "Category").map((q) => q.title),
    [
      "Export test: GIFT//XML/Basics/Escaping",
      "Export test: GIFT//XML/Basics/Every kind",
      "Export test: GIFT//XML/More/More (1)",
      "Export test: GIFT//XML/More/More (2)",
    ],
  );
});

test("the bundled course's GIFT reads back question for question", () => {
  compare(".");
});

test("the guide's GIFT reads back question for question", () => {
  compare("docs");
});
