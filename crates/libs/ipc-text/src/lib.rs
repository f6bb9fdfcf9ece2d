//! ipc-text: every sentence the programs print, in English, Vietnamese and any language listed
//! in `locales/languages.txt`, from the Fluent files under `locales/` (built in).
//!
//! A text is asked for by its message id and named arguments: `t!("core-kept", what = path,
//! command = cmd)`. The id and the argument names are checked at compile time against the
//! English files; a language that lacks a message falls back to English for it. Errno names,
//! commands and numbers are never translated: they are passed in as arguments. A number passed
//! as a Rust number selects Fluent's CLDR plural forms (`{ $size -> [one] … *[other] … }`).

use std::fmt::Display;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

pub use fluent_bundle::FluentValue;

mod catalog;
mod languages;
pub mod syntax;

pub use catalog::Catalog;
pub use languages::ENGLISH;

include!(concat!(env!("OUT_DIR"), "/locales.rs"));

/// The built-in catalogue (the files under `locales/`, checked by the build script).
pub fn catalog() -> &'static Catalog {
    static BUILT_IN: OnceLock<Catalog> = OnceLock::new();
    BUILT_IN.get_or_init(|| {
        Catalog::new(LANGUAGE_LIST, SOURCES, INDEX)
            .unwrap_or_else(|e| panic!("the build script accepted locales that do not load: {e}"))
    })
}

/// A language of the built-in catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Lang(usize);

impl Lang {
    /// English: the first language of the list, the fallback of the others.
    pub const EN: Lang = Lang(0);

    /// Every language, in the list's order.
    pub fn all() -> &'static [Lang] {
        static ALL: OnceLock<Vec<Lang>> = OnceLock::new();
        ALL.get_or_init(|| (0..catalog().codes().count()).map(Lang).collect())
    }

    /// The language whose code is `code` (`vi`), if it is listed.
    pub fn from_code(code: &str) -> Option<Lang> {
        catalog()
            .codes()
            .position(|c| c.eq_ignore_ascii_case(code))
            .map(Lang)
    }

    /// Its code: `en`, `vi`.
    pub fn code(self) -> &'static str {
        catalog()
            .codes()
            .nth(self.0)
            .expect("a Lang is an index into the catalogue")
    }

    /// How it calls itself: `English`, `Tiếng Việt`.
    pub fn name(self) -> &'static str {
        catalog()
            .name(self.code())
            .expect("a listed language has a name")
    }

    /// `IPC_LAB_LANG` if it names a listed language, else `LANG`'s, else English.
    pub fn from_env() -> Lang {
        Self::from_vars(
            std::env::var("IPC_LAB_LANG").ok().as_deref(),
            std::env::var("LANG").ok().as_deref(),
        )
    }

    fn from_vars(ipc_lab_lang: Option<&str>, lang: Option<&str>) -> Lang {
        [ipc_lab_lang, lang]
            .into_iter()
            .flatten()
            .find_map(|l| Lang::from_code(locale_language(l)))
            .unwrap_or(Lang::EN)
    }
}

/// The language part of a locale name: `vi` of `vi_VN.UTF-8`, `en` of `en-US`.
fn locale_language(locale: &str) -> &str {
    locale.split(['_', '-', '.', '@']).next().unwrap_or("")
}

impl clap::ValueEnum for Lang {
    fn value_variants<'a>() -> &'a [Self] {
        Lang::all()
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.code()).help(self.name()))
    }
}

const UNSET: usize = usize::MAX;
static CHOSEN: AtomicUsize = AtomicUsize::new(UNSET);

/// Chooses the language for the rest of the program (from `--lang`).
pub fn set_lang(lang: Lang) {
    CHOSEN.store(lang.0, Ordering::Relaxed);
}

thread_local! {
    static ON_THIS_THREAD: std::cell::Cell<Option<Lang>> = const { std::cell::Cell::new(None) };
}

/// Runs `f` with `lang` as this thread's language, whatever `set_lang` chose: for tests that
/// look at one language while others run beside them.
pub fn with_lang<T>(lang: Lang, f: impl FnOnce() -> T) -> T {
    let before = ON_THIS_THREAD.with(|l| l.replace(Some(lang)));
    let result = f();
    ON_THIS_THREAD.with(|l| l.set(before));
    result
}

/// The language in use: this thread's (`with_lang`), else the one set by `set_lang`, else
/// the environment's.
pub fn lang() -> Lang {
    if let Some(lang) = ON_THIS_THREAD.with(std::cell::Cell::get) {
        return lang;
    }
    match CHOSEN.load(Ordering::Relaxed) {
        UNSET => Lang::from_env(),
        chosen => Lang(chosen),
    }
}

/// A message without arguments, chosen at run time from a table: made by `id!("…")`, which
/// checks at compile time that English has it and that it takes no argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Id(&'static str);

impl Id {
    #[doc(hidden)]
    pub const fn __checked(id: &'static str) -> Id {
        Id(id)
    }

    /// The message id, as the Fluent files write it.
    pub fn as_str(self) -> &'static str {
        self.0
    }
}

/// The text of a message without arguments, in the current language.
pub fn text(id: Id) -> String {
    __format(id.0, &[])
}

/// The text of `id` in the current language (else English's), for an id built at run time
/// from names that are not Rust's (a clap command's path and its arguments' ids): None when
/// English lacks it. The callers' tests walk every name they build.
pub fn message(id: &str) -> Option<String> {
    match catalog().format(lang().code(), id, &[])? {
        Ok(text) => Some(text),
        Err(e) => {
            debug_assert!(false, "{e}");
            None
        }
    }
}

/// The ids only translations have, because their English lives in the code's own list of
/// them: an exercise's title and hint (info.toml), a grader check's name (ipc-grade's plan).
/// ipc-grade's tests check that every language but English has every one of them.
pub const TRANSLATION_ONLY: &[&str] = &["exercise-", "grade-check-"];

/// The current language's text for an id that only some languages have (the Vietnamese
/// title of an exercise whose English title lives in info.toml): None where it lacks one.
pub fn translation(id: &str) -> Option<String> {
    let code = lang().code();
    match catalog().own(code, id, &[])? {
        Ok(text) => Some(text),
        Err(e) => {
            debug_assert!(false, "{e}");
            None
        }
    }
}

#[doc(hidden)]
pub fn __format(id: &str, args: &[(&str, FluentValue<'static>)]) -> String {
    match catalog().format(lang().code(), id, args) {
        Some(Ok(text)) => text,
        // Cannot happen for ids `t!` and `id!` checked; a test or debug build says so loudly.
        Some(Err(e)) => {
            debug_assert!(false, "{e}");
            catalog()
                .format(ENGLISH, id, args)
                .and_then(Result::ok)
                .unwrap_or(e)
        }
        None => {
            debug_assert!(false, "no message {id}");
            String::new()
        }
    }
}

/// A value a message can take: numbers stay numbers (for plural forms), everything else is
/// the text it displays.
pub trait Arg {
    fn to_value(&self) -> FluentValue<'static>;
}

impl<T: Arg + ?Sized> Arg for &T {
    fn to_value(&self) -> FluentValue<'static> {
        (**self).to_value()
    }
}

impl Arg for str {
    fn to_value(&self) -> FluentValue<'static> {
        FluentValue::String(self.to_string().into())
    }
}

impl Arg for String {
    fn to_value(&self) -> FluentValue<'static> {
        self.as_str().to_value()
    }
}

/// Integers a float holds exactly are numbers; larger ones (a 64-bit limit such as shmmax)
/// are passed as their digits, which a float would round.
macro_rules! integer_args {
    ($($t:ty),*) => {$(
        impl Arg for $t {
            fn to_value(&self) -> FluentValue<'static> {
                const EXACT: i128 = 1 << f64::MANTISSA_DIGITS;
                let wide = i128::from(*self);
                match (-EXACT..=EXACT).contains(&wide) {
                    // Exact: |wide| <= 2^53.
                    true => FluentValue::from(wide as f64),
                    false => FluentValue::String(self.to_string().into()),
                }
            }
        }
    )*};
}
integer_args!(u8, u16, u32, u64, i8, i16, i32, i64);

impl Arg for usize {
    fn to_value(&self) -> FluentValue<'static> {
        u64::try_from(*self).map_or_else(
            |_| FluentValue::String(self.to_string().into()),
            |n| n.to_value(),
        )
    }
}

impl Arg for isize {
    fn to_value(&self) -> FluentValue<'static> {
        i64::try_from(*self).map_or_else(
            |_| FluentValue::String(self.to_string().into()),
            |n| n.to_value(),
        )
    }
}

impl Arg for f64 {
    fn to_value(&self) -> FluentValue<'static> {
        FluentValue::from(*self)
    }
}

impl Arg for f32 {
    fn to_value(&self) -> FluentValue<'static> {
        f64::from(*self).to_value()
    }
}

#[doc(hidden)]
pub mod __private {
    use super::{Arg, Display, FluentValue};

    /// `t!`'s arguments: an `Arg` as itself, any other `Display` as its text (the impl on
    /// `Wrap` is found before the one on `&Wrap`).
    pub struct Wrap<'a, T: ?Sized>(pub &'a T);

    pub trait ViaArg {
        fn __value(&self) -> FluentValue<'static>;
    }

    impl<T: Arg + ?Sized> ViaArg for Wrap<'_, T> {
        fn __value(&self) -> FluentValue<'static> {
            self.0.to_value()
        }
    }

    pub trait ViaDisplay {
        fn __value(&self) -> FluentValue<'static>;
    }

    impl<T: Display + ?Sized> ViaDisplay for &Wrap<'_, T> {
        fn __value(&self) -> FluentValue<'static> {
            FluentValue::String(self.0.to_string().into())
        }
    }

    /// The variables of English's message `id`, if English has it.
    pub const fn declared(id: &str) -> Option<&'static [&'static str]> {
        let mut i = 0;
        while i < crate::__DECLARED.len() {
            if same(crate::__DECLARED[i].0, id) {
                return Some(crate::__DECLARED[i].1);
            }
            i += 1;
        }
        None
    }

    /// True when English has `id` and `given` names exactly its variables, in any order,
    /// once each.
    pub const fn takes(id: &str, given: &[&str]) -> bool {
        match declared(id) {
            Some(declared) => same_names(declared, given),
            None => true,
        }
    }

    /// True when `given` names exactly the `declared` variables, in any order, once each.
    const fn same_names(declared: &[&str], given: &[&str]) -> bool {
        if declared.len() != given.len() {
            return false;
        }
        let mut i = 0;
        while i < given.len() {
            let mut found = 0;
            let mut j = 0;
            while j < declared.len() {
                if same(given[i], declared[j]) {
                    found += 1;
                }
                j += 1;
            }
            let mut repeats = 0;
            let mut k = 0;
            while k < given.len() {
                if same(given[i], given[k]) {
                    repeats += 1;
                }
                k += 1;
            }
            if found != 1 || repeats != 1 {
                return false;
            }
            i += 1;
        }
        true
    }

    const fn same(a: &str, b: &str) -> bool {
        let (a, b) = (a.as_bytes(), b.as_bytes());
        if a.len() != b.len() {
            return false;
        }
        let mut i = 0;
        while i < a.len() {
            if a[i] != b[i] {
                return false;
            }
            i += 1;
        }
        true
    }
}

/// The text of message `$id` in the current language, with its named arguments:
/// `t!("core-kept", what = path, command = "ipcrm -m 3")`. The id must be in English's
/// files and the names must be exactly the message's variables: both are compile errors.
///
/// ```
/// ipc_text::set_lang(ipc_text::Lang::EN);
/// assert_eq!(ipc_text::t!("core-removed", what = "/dev/shm/x"), "removed /dev/shm/x");
/// ```
/// ```compile_fail
/// // No such message in locales/en.
/// ipc_text::t!("core-removd", what = "/dev/shm/x");
/// ```
/// ```compile_fail
/// // The message's variable is $what.
/// ipc_text::t!("core-removed", path = "/dev/shm/x");
/// ```
/// ```compile_fail
/// // A variable missing.
/// ipc_text::t!("core-kept", what = "/dev/shm/x");
/// ```
#[macro_export]
macro_rules! t {
    ($id:expr $(, $name:ident = $value:expr)* $(,)?) => {{
        const _: () = ::core::assert!(
            $crate::__private::declared($id).is_some(),
            ::core::concat!("t!(", ::core::stringify!($id), "): no such message in ipc-text's locales/en/*.ftl")
        );
        const _: () = ::core::assert!(
            $crate::__private::takes($id, &[$(::core::stringify!($name)),*]),
            ::core::concat!("t!(", ::core::stringify!($id), ", …): the argument names must be exactly the message's variables in locales/en")
        );
        #[allow(unused_imports)]
        use $crate::__private::{ViaArg as _, ViaDisplay as _};
        $crate::__format($id, &[$((::core::stringify!($name), (&$crate::__private::Wrap(&$value)).__value())),*])
    }};
}

/// A message without arguments, for a table that picks one at run time: `id!("front-ls-col-kind")`,
/// or `id!(concat!("front-tour-", $step, "-concept"))` in a macro: any constant `&str`.
/// Compile errors: an id English lacks, or a message that takes arguments (use `t!`).
///
/// ```
/// ipc_text::set_lang(ipc_text::Lang::EN);
/// assert_eq!(ipc_text::text(ipc_text::id!("core-not-a-number")), "not a number");
/// ```
/// ```compile_fail
/// // This message takes $what.
/// ipc_text::id!("core-removed");
/// ```
#[macro_export]
macro_rules! id {
    ($id:expr) => {{
        const _: () = ::core::assert!(
            $crate::__private::declared($id).is_some(),
            ::core::concat!(
                "id!(",
                ::core::stringify!($id),
                "): no such message in ipc-text's locales/en/*.ftl"
            )
        );
        const _: () = ::core::assert!(
            $crate::__private::takes($id, &[]),
            ::core::concat!(
                "id!(",
                ::core::stringify!($id),
                "): this message takes arguments; call t! with them"
            )
        );
        $crate::Id::__checked($id)
    }};
}

#[cfg(test)]
mod tests;
