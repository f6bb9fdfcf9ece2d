//! The catalogue: the listed languages, each with its Fluent files, and the lookup with its
//! fallback rule: a message the chosen language lacks is English's.
//!
//! Every program starts by needing a text or two, and parsing every file of every language
//! cost each process more than its own work (about 12 ms in a debug build; a grade starts
//! hundreds of processes). So a file is parsed the first time one of its messages is
//! asked for, found through the index the build script made; the build script has already
//! checked every file, so nothing is checked again here.

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

use crate::languages;
use crate::syntax::{self, Declared};

/// One language: its code and name from the list, its files, and where each message is.
struct Language {
    code: &'static str,
    name: &'static str,
    locale: LanguageIdentifier,
    files: Vec<File>,
    /// Each message id, sorted, with the position of its file in `files`.
    index: &'static [(&'static str, usize)],
    declared: OnceLock<Vec<Declared>>,
}

/// One Fluent file, its bundle made when first needed.
struct File {
    name: &'static str,
    text: &'static str,
    bundle: OnceLock<FluentBundle<FluentResource>>,
}

/// Every language of a list, with its messages.
pub struct Catalog {
    languages: Vec<Language>,
}

impl Catalog {
    /// The catalogue of `list` (the format of `locales/languages.txt`), `files`, each
    /// `(language code, file name, Fluent text)`, and `index`: per listed language, in the
    /// list's order, its message ids, sorted, each with the position of its file among that
    /// language's files. Fails on a list error or an index that does not fit the files.
    pub(crate) fn new(
        list: &'static str,
        files: &'static [(&'static str, &'static str, &'static str)],
        index: &'static [&'static [(&'static str, usize)]],
    ) -> Result<Catalog, String> {
        let listed = languages::parse(list)?;
        if listed.len() != index.len() {
            return Err(format!(
                "{} languages listed, {} indexed",
                listed.len(),
                index.len()
            ));
        }
        let languages = listed
            .iter()
            .zip(index)
            .map(|(l, index)| {
                let locale = l.code.parse().map_err(|e| format!("{}: {e}", l.code))?;
                let files: Vec<File> = files
                    .iter()
                    .filter(|(code, _, _)| *code == l.code)
                    .map(|(_, name, text)| File {
                        name,
                        text,
                        bundle: OnceLock::new(),
                    })
                    .collect();
                if index.iter().any(|(_, file)| *file >= files.len()) {
                    return Err(format!(
                        "{}: the index names a file it does not have",
                        l.code
                    ));
                }
                Ok(Language {
                    code: l.code,
                    name: l.name,
                    locale,
                    files,
                    index,
                    declared: OnceLock::new(),
                })
            })
            .collect::<Result<_, String>>()?;
        Ok(Catalog { languages })
    }

    /// The languages' codes, in the list's order (English first).
    pub fn codes(&self) -> impl Iterator<Item = &str> {
        self.languages.iter().map(|l| l.code)
    }

    /// The language's own name (`Tiếng Việt`), if it is listed.
    pub fn name(&self, code: &str) -> Option<&str> {
        self.language(code).map(|l| l.name)
    }

    /// The messages a language's own files declare (not those it falls back on).
    pub fn declared(&self, code: &str) -> &[Declared] {
        self.language(code).map_or(&[], |l| {
            l.declared.get_or_init(|| {
                l.files
                    .iter()
                    .flat_map(|f| syntax::messages(f.name, f.text).unwrap_or_default())
                    .collect()
            })
        })
    }

    /// `id` in `code`'s own files, formatted with `args`: None when that language lacks it.
    /// Formatting errors (an argument the message needs and was not given) are returned.
    pub fn own(
        &self,
        code: &str,
        id: &str,
        args: &[(&str, FluentValue<'_>)],
    ) -> Option<Result<String, String>> {
        let language = self.language(code)?;
        let at = language
            .index
            .binary_search_by(|(known, _)| (*known).cmp(id))
            .ok()?;
        let bundle = language.files[language.index[at].1].bundle(&language.locale);
        let message = bundle.get_message(id)?;
        let pattern = message.value()?;
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, value.clone());
        }
        let mut errors = Vec::new();
        let text = bundle
            .format_pattern(pattern, Some(&fluent_args), &mut errors)
            .into_owned();
        Some(match errors.is_empty() {
            true => Ok(text),
            false => Err(format!("{code} {id}: {errors:?}")),
        })
    }

    /// `id` in `code`, else in English (the fallback rule), formatted with `args`. None only
    /// when English lacks it too, which `t!` and `id!` make a compile error for built-in ids.
    pub fn format(
        &self,
        code: &str,
        id: &str,
        args: &[(&str, FluentValue<'_>)],
    ) -> Option<Result<String, String>> {
        self.own(code, id, args)
            .or_else(|| self.own(languages::ENGLISH, id, args))
    }

    fn language(&self, code: &str) -> Option<&Language> {
        self.languages.iter().find(|l| l.code == code)
    }
}

impl File {
    /// The file's bundle, parsed on first use.
    fn bundle(&self, locale: &LanguageIdentifier) -> &FluentBundle<FluentResource> {
        self.bundle.get_or_init(|| {
            let mut bundle = FluentBundle::new_concurrent(vec![locale.clone()]);
            // The text goes to terminals and files as it is: no Unicode isolation marks
            // around arguments (errno names, paths and numbers are left to right anyway).
            bundle.set_use_isolating(false);
            let resource = FluentResource::try_new(self.text.to_string())
                .unwrap_or_else(|(partial, _)| partial);
            // The build script parsed this file and found no id twice: nothing to report.
            let _ = bundle.add_resource(resource);
            bundle
        })
    }
}
