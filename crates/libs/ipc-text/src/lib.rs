//! ipc-text: explanations in English and Vietnamese: one table of texts per language
//! (`src/en/`, `src/vi/`, one file per group of programs), looked up by key. Errno names,
//! commands and numbers are never translated; they are passed in as `{0}`, `{1}`… arguments.

use std::fmt::Display;
use std::sync::atomic::{AtomicU8, Ordering};

/// One table of texts per language, each split into one file per group of programs
/// (`en/mq.rs`, `vi/mq.rs`…) so that work on one group never touches another's.
/// Keys are `PROGRAM.TOPIC.PART`; both languages must have the same keys (tested below).
macro_rules! language {
    ($lang:ident) => {
        mod $lang {
            mod base;
            mod bench;
            mod claims;
            mod exercises;
            mod faults;
            mod front;
            mod mq;
            mod pitfalls;
            mod shm;
            mod trace;

            pub(super) const TABLES: &[&[(&str, &str)]] = &[
                base::TEXTS,
                shm::TEXTS,
                mq::TEXTS,
                pitfalls::TEXTS,
                front::TEXTS,
                exercises::TEXTS,
                bench::TEXTS,
                trace::TEXTS,
                faults::TEXTS,
                claims::TEXTS,
            ];
        }
    };
}
language!(en);
language!(vi);

/// A language the explanations are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    En,
    Vi,
}

const UNSET: u8 = 0;
static CHOSEN: AtomicU8 = AtomicU8::new(UNSET);

impl Lang {
    fn entries(self) -> impl Iterator<Item = &'static (&'static str, &'static str)> {
        let tables = match self {
            Lang::En => en::TABLES,
            Lang::Vi => vi::TABLES,
        };
        tables.iter().flat_map(|table| table.iter())
    }

    fn code(self) -> u8 {
        match self {
            Lang::En => 1,
            Lang::Vi => 2,
        }
    }

    /// `IPC_LAB_LANG` (en or vi) if set, else Vietnamese when `LANG` starts with `vi`.
    pub fn from_env() -> Lang {
        Self::from_vars(
            std::env::var("IPC_LAB_LANG").ok().as_deref(),
            std::env::var("LANG").ok().as_deref(),
        )
    }

    fn from_vars(ipc_lab_lang: Option<&str>, lang: Option<&str>) -> Lang {
        match ipc_lab_lang.map(str::to_ascii_lowercase).as_deref() {
            Some(l) if l.starts_with("vi") => return Lang::Vi,
            Some(l) if l.starts_with("en") => return Lang::En,
            _ => {}
        }
        match lang {
            Some(l) if l.to_ascii_lowercase().starts_with("vi") => Lang::Vi,
            _ => Lang::En,
        }
    }
}

/// Chooses the language for the rest of the program (from `--lang`).
pub fn set_lang(lang: Lang) {
    CHOSEN.store(lang.code(), Ordering::Relaxed);
}

/// The language in use: the one set by `set_lang`, else the environment's.
pub fn lang() -> Lang {
    match CHOSEN.load(Ordering::Relaxed) {
        1 => Lang::En,
        2 => Lang::Vi,
        _ => Lang::from_env(),
    }
}

fn lookup(lang: Lang, key: &str) -> Option<&'static str> {
    lang.entries().find(|(k, _)| *k == key).map(|(_, v)| *v)
}

/// The text for `key` in the current language (English if it is missing there; the key
/// itself if it is missing everywhere, which the tests forbid).
pub fn text(key: &str) -> String {
    lookup(lang(), key)
        .or_else(|| lookup(Lang::En, key))
        .map(str::to_string)
        .unwrap_or_else(|| key.to_string())
}

/// English nouns that follow a count in the tables, plural and singular: a count of 1
/// takes the singular (`1 byte`, `1 back-off`). Vietnamese nouns do not change.
const ENGLISH_PLURALS: &[(&str, &str)] = &[
    ("bytes", "byte"),
    ("messages", "message"),
    ("back-offs", "back-off"),
    ("rounds", "round"),
    ("updates", "update"),
    ("objects", "object"),
    ("pages", "page"),
    ("queues", "queue"),
    ("processes", "process"),
    ("segments", "segment"),
    ("seconds", "second"),
];

/// `text(key)` with `{0}`, `{1}`… replaced by `args`; in English, a `{i} NOUNs` whose
/// argument is 1 becomes `1 NOUN`.
pub fn text_with(key: &str, args: &[&dyn Display]) -> String {
    let mut out = text(key);
    let english = lang() == Lang::En;
    for (i, arg) in args.iter().enumerate() {
        let slot = format!("{{{i}}}");
        let value = arg.to_string();
        if english && value == "1" {
            for (plural, singular) in ENGLISH_PLURALS {
                out = out.replace(&format!("{slot} {plural}"), &format!("{slot} {singular}"));
            }
        }
        out = out.replace(&slot, &value);
    }
    out
}

/// Every key of a language's table, for completeness tests.
pub fn keys(lang: Lang) -> impl Iterator<Item = &'static str> {
    lang.entries().map(|(k, _)| *k)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn key_set(lang: Lang) -> BTreeSet<&'static str> {
        keys(lang).collect()
    }

    #[test]
    fn both_languages_have_the_same_keys() {
        let en = key_set(Lang::En);
        let vi = key_set(Lang::Vi);
        let missing_vi: Vec<_> = en.difference(&vi).collect();
        let missing_en: Vec<_> = vi.difference(&en).collect();
        assert!(
            missing_vi.is_empty(),
            "keys without Vietnamese text: {missing_vi:?}"
        );
        assert!(
            missing_en.is_empty(),
            "keys without English text: {missing_en:?}"
        );
    }

    #[test]
    fn no_key_is_defined_twice() {
        for lang in [Lang::En, Lang::Vi] {
            let all: Vec<_> = keys(lang).collect();
            assert_eq!(all.len(), key_set(lang).len(), "{lang:?} repeats a key");
        }
    }

    #[test]
    fn placeholders_match_between_languages() {
        for key in keys(Lang::En) {
            let count = |l: Lang| {
                (0..10)
                    .filter(|i| lookup(l, key).unwrap_or("").contains(&format!("{{{i}}}")))
                    .count()
            };
            assert_eq!(
                count(Lang::En),
                count(Lang::Vi),
                "placeholders differ for {key}"
            );
        }
    }

    #[test]
    fn environment_picks_the_language() {
        assert_eq!(Lang::from_vars(Some("vi"), None), Lang::Vi);
        assert_eq!(Lang::from_vars(Some("en"), Some("vi_VN.UTF-8")), Lang::En);
        assert_eq!(Lang::from_vars(None, Some("vi_VN.UTF-8")), Lang::Vi);
        assert_eq!(Lang::from_vars(None, Some("C.UTF-8")), Lang::En);
        assert_eq!(Lang::from_vars(None, None), Lang::En);
    }

    #[test]
    fn arguments_fill_placeholders() {
        set_lang(Lang::En);
        assert_eq!(
            text_with("core.removed", &[&"/dev/shm/x"]),
            "removed /dev/shm/x"
        );
        assert_eq!(text("no.such.key"), "no.such.key");
    }

    #[test]
    fn a_count_of_one_takes_the_singular_in_english() {
        set_lang(Lang::En);
        assert_eq!(
            text_with("core.region.too-small", &[&1]),
            "the region holds only 1 byte"
        );
        assert_eq!(
            text_with("core.region.too-small", &[&2]),
            "the region holds only 2 bytes"
        );
        assert_eq!(
            text_with("shm-errors.deadlock.rounds", &[&"A", &1, &1]),
            "process A: 1 round with both semaphores, 1 back-off"
        );
    }
}
