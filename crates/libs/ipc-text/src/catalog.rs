//! The catalogue: one Fluent bundle per language, built from the list and the files, and the
//! lookup with its fallback rule: a message the chosen language lacks is English's.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use crate::languages;
use crate::syntax::{self, Declared};

/// One language: its code and name from the list, its bundle, and what its files declare.
struct Language {
    code: String,
    name: String,
    bundle: FluentBundle<FluentResource>,
    declared: Vec<Declared>,
}

/// Every language of a list, with its messages.
pub struct Catalog {
    languages: Vec<Language>,
}

impl Catalog {
    /// The catalogue of `list` (the format of `locales/languages.txt`) and `files`, each
    /// `(language code, file name, Fluent text)`. Fails, saying what and where, on a list or
    /// file error, a listed language without files, or a file of an unlisted language.
    pub fn new<'a>(
        list: &str,
        files: impl IntoIterator<Item = (&'a str, &'a str, &'a str)>,
    ) -> Result<Catalog, String> {
        let listed = languages::parse(list)?;
        let mut languages: Vec<Language> = listed
            .iter()
            .map(|l| {
                let id = l.code.parse().map_err(|e| format!("{}: {e}", l.code))?;
                let mut bundle = FluentBundle::new_concurrent(vec![id]);
                // The text goes to terminals and files as it is: no Unicode isolation marks
                // around arguments (errno names, paths and numbers are left to right anyway).
                bundle.set_use_isolating(false);
                Ok(Language {
                    code: l.code.to_string(),
                    name: l.name.to_string(),
                    bundle,
                    declared: Vec::new(),
                })
            })
            .collect::<Result<_, String>>()?;
        let mut problems = Vec::new();
        for (code, file, text) in files {
            let Some(language) = languages.iter_mut().find(|l| l.code == code) else {
                problems.push(format!(
                    "{code}/{file}: {code} is not in the list of languages"
                ));
                continue;
            };
            let shown = format!("{code}/{file}");
            match syntax::messages(&shown, text) {
                Ok(declared) => language.declared.extend(declared),
                Err(found) => problems.extend(found),
            }
            let resource =
                FluentResource::try_new(text.to_string()).unwrap_or_else(|(partial, _)| partial);
            if let Err(errors) = language.bundle.add_resource(resource) {
                problems.extend(errors.iter().map(|e| format!("{shown}: {e}")));
            }
        }
        for language in &languages {
            if language.declared.is_empty() {
                problems.push(format!("{} has no messages", language.code));
            }
        }
        match problems.is_empty() {
            true => Ok(Catalog { languages }),
            false => Err(problems.join("\n")),
        }
    }

    /// The languages' codes, in the list's order (English first).
    pub fn codes(&self) -> impl Iterator<Item = &str> {
        self.languages.iter().map(|l| l.code.as_str())
    }

    /// The language's own name (`Tiếng Việt`), if it is listed.
    pub fn name(&self, code: &str) -> Option<&str> {
        self.language(code).map(|l| l.name.as_str())
    }

    /// The messages a language's own files declare (not those it falls back on).
    pub fn declared(&self, code: &str) -> &[Declared] {
        self.language(code).map_or(&[], |l| l.declared.as_slice())
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
        let message = language.bundle.get_message(id)?;
        let pattern = message.value()?;
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, value.clone());
        }
        let mut errors = Vec::new();
        let text = language
            .bundle
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
