// HTML validity (issue 6): the Nu HTML Checker (vnu-jar, run with the
// machine's Java) over every page of the built bundled course, and of the
// fixture courses, with zero errors. The checker walks each site's folder
// with everything in it, so a course in several languages is checked in
// each (the bundled course's book/en/, the two-language fixture's en/).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { VNU, htmlFiles, site } from './helpers.mjs';

function vnu(dir) {
  const run = spawnSync('java', ['-jar', VNU, '--errors-only', '--skip-non-html', dir], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error) throw run.error;
  return run;
}

for (const name of ['book', 'kurssi-fi', 'good', 'mdbook', 'languages']) {
  test(`the Nu HTML Checker finds no errors in ${name === 'book' ? 'the bundled course' : `the ${name} fixture`}`, () => {
    const dir = site(name);
    const files = htmlFiles(dir);
    assert.ok(files.length > 0, `${dir} has pages`);
    if (name === 'book' || name === 'languages') {
      assert.ok(files.some((f) => f.startsWith('en/')), `${dir} has its English edition under en/`);
    }
    const run = vnu(dir);
    const messages = `${run.stdout}${run.stderr}`.trim();
    assert.equal(run.status, 0, `vnu exit status ${run.status}:\n${messages}`);
    assert.equal(messages, '', 'no messages');
  });
}
