//! `kurssi init`: writes a small working course (book.toml, a home page, one
//! module of two pages and a quiz) that `kurssi check` passes with no
//! warnings. It never overwrites a file: if any of them exists, nothing is
//! written.

use std::fs;
use std::path::Path;

use crate::cli::{COURSE_ERRORS, SUCCESS, USAGE};

/// The files of a new course in one language: (path, text).
fn files(language: &str) -> Option<Vec<(&'static str, String)>> {
    let (title, pages) = match language {
        "fi" => ("Uusi kurssi", FI),
        "en" => ("A new course", EN),
        _ => return None,
    };
    let book = format!(
        "[book]\ntitle = \"{title}\"\nlanguage = \"{language}\"\nsrc = \"content\"\n\n[build]\nbuild-dir = \"book\"\n\n[quiz]\npass-mark = 80\n"
    );
    let mut out = vec![("book.toml", book)];
    out.extend(pages.iter().map(|(p, t)| (*p, t.to_string())));
    Some(out)
}

/// Writes the course into `dir`.
pub fn run(dir: &Path, language: &str, quiet: bool) -> u8 {
    let Some(files) = files(language) else {
        eprintln!("error: no starter course in the language `{language}`; use `fi` or `en`");
        return USAGE;
    };
    let existing: Vec<_> = files
        .iter()
        .map(|(p, _)| dir.join(p))
        .filter(|p| p.exists())
        .collect();
    if !existing.is_empty() {
        for p in &existing {
            eprintln!("error: {} already exists", p.display());
        }
        eprintln!("error: nothing was written; kurssi init never overwrites a file");
        return COURSE_ERRORS;
    }
    for (path, text) in &files {
        let full = dir.join(path);
        let written = full
            .parent()
            .map_or(Ok(()), fs::create_dir_all)
            .and_then(|()| {
                fs::OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .open(&full)
            })
            .and_then(|mut f| std::io::Write::write_all(&mut f, text.as_bytes()));
        if let Err(e) = written {
            eprintln!("error: cannot write {}: {e}", full.display());
            return COURSE_ERRORS;
        }
    }
    if !quiet {
        eprintln!(
            "Wrote a new course in {}. Next: `kurssi serve {}` to preview it, `kurssi build {}` to build it.",
            dir.display(),
            dir.display(),
            dir.display()
        );
    }
    SUCCESS
}

const EN: &[(&str, &str)] = &[
    (
        "content/SUMMARY.md",
        "# Summary\n\n[Welcome](README.md)\n\n- [Getting started](01-getting-started/README.md)\n  - [The first lesson](01-getting-started/first-lesson.md)\n  - [Check your understanding](01-getting-started/quiz.md)\n",
    ),
    (
        "content/README.md",
        "---\ntitle: Welcome\ndescription: What this course is about and how to take it.\n---\n\n# Welcome\n\nThis course was started with `kurssi init`. Edit the files in `content/`,\nrun `kurssi serve` and watch the pages change as you save.\n\nStart with [the first module](01-getting-started/README.md).\n",
    ),
    (
        "content/01-getting-started/README.md",
        "---\ntitle: Getting started\ndescription: The first module of the course.\nobjectives:\n  - Describe how a kurssi course is laid out\n  - Write a lesson page and a quiz\nduration: 15\n---\n\n# Getting started\n\nEach module is a folder. Its `README.md` is the overview page you are\nreading, and the other Markdown files are its lessons.\n",
    ),
    (
        "content/01-getting-started/first-lesson.md",
        "---\ntitle: The first lesson\n---\n\n# The first lesson\n\nWrite lessons in Markdown. Headings get their own links, code is\nhighlighted when the site is built:\n\n```toml\n[book]\ntitle = \"My course\"\n```\n\n> [!TIP]\n> Link to other pages with their `.md` file names, like\n> [the quiz](quiz.md); kurssi checks every link.\n",
    ),
    (
        "content/01-getting-started/quiz.md",
        "---\ntitle: Check your understanding\n---\n\n# Check your understanding\n\n```quiz {#getting-started}\n## Where does a module's overview page live?\n\n- [ ] In book.toml\n  > book.toml holds settings, not pages.\n- [x] In the module folder's README.md\n  > Right.\n- [ ] In a file called overview.html\n  > HTML files are what kurssi writes, not what you write.\n\n> A folder's README.md or index.md is its overview page.\n\n## Which command previews the course while you write? {.text}\n\n- kurssi serve\n- serve\n\n> `kurssi serve` rebuilds and reloads the page whenever you save.\n```\n",
    ),
];

const FI: &[(&str, &str)] = &[
    (
        "content/SUMMARY.md",
        "# Sisällys\n\n[Tervetuloa](README.md)\n\n- [Aloitus](01-aloitus/README.md)\n  - [Ensimmäinen oppitunti](01-aloitus/ensimmainen-oppitunti.md)\n  - [Testaa osaamisesi](01-aloitus/quiz.md)\n",
    ),
    (
        "content/README.md",
        "---\ntitle: Tervetuloa\ndescription: Mistä kurssi kertoo ja miten sen suoritat.\n---\n\n# Tervetuloa\n\nTämä kurssi luotiin komennolla `kurssi init`. Muokkaa kansion `content/`\ntiedostoja, käynnistä `kurssi serve` ja näet sivujen muuttuvan tallentaessasi.\n\nAloita [ensimmäisestä moduulista](01-aloitus/README.md).\n",
    ),
    (
        "content/01-aloitus/README.md",
        "---\ntitle: Aloitus\ndescription: Kurssin ensimmäinen moduuli.\nobjectives:\n  - Kuvaat, miten kurssin tiedostot järjestetään\n  - Kirjoitat oppitunnin ja tehtävän\nduration: 15\n---\n\n# Aloitus\n\nJokainen moduuli on kansio. Sen `README.md` on tämä yleiskuvaussivu, ja\nmuut Markdown-tiedostot ovat moduulin oppitunnit.\n",
    ),
    (
        "content/01-aloitus/ensimmainen-oppitunti.md",
        "---\ntitle: Ensimmäinen oppitunti\n---\n\n# Ensimmäinen oppitunti\n\nOppitunnit kirjoitetaan Markdownilla. Otsikot saavat omat linkkinsä, ja\nkoodi väritetään sivustoa rakennettaessa:\n\n```toml\n[book]\ntitle = \"Oma kurssi\"\n```\n\n> [!TIP]\n> Linkitä muihin sivuihin niiden `.md`-nimillä, kuten\n> [tehtävään](quiz.md); kurssi tarkistaa jokaisen linkin.\n",
    ),
    (
        "content/01-aloitus/quiz.md",
        "---\ntitle: Testaa osaamisesi\n---\n\n# Testaa osaamisesi\n\n```quiz {#aloitus}\n## Missä moduulin yleiskuvaussivu on?\n\n- [ ] Tiedostossa book.toml\n  > book.toml sisältää asetukset, ei sivuja.\n- [x] Moduulikansion tiedostossa README.md\n  > Oikein.\n- [ ] Tiedostossa overview.html\n  > HTML-tiedostot ovat sitä, minkä kurssi kirjoittaa, eivät sitä, mitä sinä kirjoitat.\n\n> Kansion README.md tai index.md on sen yleiskuvaussivu.\n\n## Millä komennolla näet kurssin esikatselun kirjoittaessasi? {.text}\n\n- kurssi serve\n- serve\n\n> `kurssi serve` rakentaa sivut uudelleen ja päivittää selaimen aina, kun tallennat.\n```\n",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_have_the_same_layout() {
        let en = files("en").unwrap();
        let fi = files("fi").unwrap();
        assert_eq!(en.len(), fi.len());
        assert!(files("xx").is_none());
    }
}
