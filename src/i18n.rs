//! UI strings: one table per language in `themes/default/i18n/<lang>.toml`,
//! embedded in the binary, chosen by `[book] language` (falling back to
//! English for keys or languages that have no entry) and overridable per
//! string with `[course.strings]` in book.toml.

use std::collections::BTreeMap;

const TABLES: &[(&str, &str)] = &[
    ("en", include_str!("../themes/default/i18n/en.toml")),
    ("fi", include_str!("../themes/default/i18n/fi.toml")),
];

/// Whether kurssi has UI strings of its own in `language`.
pub fn has_table(language: &str) -> bool {
    let primary = language
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    TABLES.iter().any(|(code, _)| *code == primary)
}

/// The name of a language in itself, for the language switcher.
pub fn endonym(code: &str) -> String {
    let primary = code
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    match primary.as_str() {
        "fi" => "Suomi",
        "en" => "English",
        "sv" => "Svenska",
        "de" => "Deutsch",
        "et" => "Eesti",
        "fr" => "Français",
        "es" => "Español",
        "ru" => "Русский",
        "no" | "nb" => "Norsk",
        "da" => "Dansk",
        _ => return code.to_owned(),
    }
    .to_owned()
}

/// The UI strings of one course.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Strings {
    map: BTreeMap<String, String>,
    /// The primary language subtag, lower case: `fi`, `en`...
    language: String,
}

impl Strings {
    /// Strings for `language` (`fi`, `fi-FI`, `en`...), with `overrides` applied.
    pub fn new(language: &str, overrides: &BTreeMap<String, String>) -> Self {
        let primary = language
            .split(['-', '_'])
            .next()
            .unwrap_or("en")
            .to_ascii_lowercase();
        let mut map = table("en");
        if primary != "en" {
            map.extend(table(&primary));
        }
        map.extend(overrides.iter().map(|(k, v)| (k.clone(), v.clone())));
        Strings {
            map,
            language: primary,
        }
    }

    /// The course's primary language subtag, lower case (`fi` for `fi-FI`).
    pub fn language(&self) -> &str {
        &self.language
    }

    /// The string for `key`; the key itself when no table has it, so a
    /// missing string is visible rather than blank.
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.map.get(key).map_or(key, String::as_str)
    }
}

/// Templates see every key twice: as written (`strings["skip-to-content"]`)
/// and with `_` for `-` (`strings.skip_to_content`). The second is the one
/// to use: Tera resolves a `["…"]` index by rewriting the whole path as a
/// string, several times slower than a plain `.name`.
impl serde::Serialize for Strings {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let dashed = self.map.keys().filter(|k| k.contains('-')).count();
        let mut map = s.serialize_map(Some(self.map.len() + dashed))?;
        for (key, value) in &self.map {
            map.serialize_entry(key, value)?;
            if key.contains('-') {
                map.serialize_entry(&key.replace('-', "_"), value)?;
            }
        }
        map.end()
    }
}

/// Whether the built-in English table (which has every key) defines `key`.
pub fn is_known_key(key: &str) -> bool {
    static KEYS: std::sync::OnceLock<BTreeMap<String, String>> = std::sync::OnceLock::new();
    KEYS.get_or_init(|| table("en")).contains_key(key)
}

/// Languages with a built-in table.
pub fn languages() -> impl Iterator<Item = &'static str> {
    TABLES.iter().map(|(lang, _)| *lang)
}

fn table(lang: &str) -> BTreeMap<String, String> {
    TABLES
        .iter()
        .find(|(l, _)| *l == lang)
        .and_then(|(_, text)| toml::from_str(text).ok())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_parses_and_has_the_english_keys() {
        let en = table("en");
        assert!(!en.is_empty());
        for lang in languages() {
            let text = TABLES.iter().find(|(l, _)| *l == lang).unwrap().1;
            let t: BTreeMap<String, String> =
                toml::from_str(text).unwrap_or_else(|e| panic!("{lang}.toml: {e}"));
            for key in en.keys() {
                assert!(t.contains_key(key), "{lang}.toml lacks `{key}`");
            }
        }
    }

    #[test]
    fn language_fallback_and_overrides() {
        let mut o = BTreeMap::new();
        o.insert("next".to_string(), "Eteenpäin".to_string());
        let s = Strings::new("fi-FI", &o);
        assert_eq!(s.get("next"), "Eteenpäin");
        assert_eq!(s.get("previous"), "Edellinen");
        assert_eq!(
            Strings::new("xx", &BTreeMap::new()).get("previous"),
            "Previous"
        );
        assert_eq!(s.get("no-such-key"), "no-such-key");
    }

    #[test]
    fn templates_see_dashed_keys_also_with_underscores() {
        let strings = Strings::new("en", &BTreeMap::new());
        let value = serde_json::to_value(&strings).unwrap();
        assert_eq!(value["skip-to-content"], value["skip_to_content"]);
        assert_eq!(value["skip_to_content"], strings.get("skip-to-content"));
        assert_eq!(value["next"], strings.get("next"));
    }
}
