//! Command-line parsing in the current language: `--help` from the bundle (help.rs), usage
//! errors on one line, as every other error is, in the bundle's words (usage.rs), and the
//! `--lang` option every program shares.

use clap::error::ErrorKind;
use clap::{ArgMatches, Command, CommandFactory, Parser};

use ipc_text::{Lang, set_lang};

mod help;
mod usage;

/// `P`'s command with its texts in the current language (what `--help` prints).
pub fn command<P: CommandFactory>() -> Command {
    help::localize(P::command())
}

/// The help texts `P` needs that the English files lack: each program's tests assert none.
pub fn missing_help<P: CommandFactory>() -> Vec<String> {
    help::missing(&P::command())
}

/// A test that every option and subcommand of `$args` has its help in the English files
/// (every other language then has it too, or its tests fail): one line in each program.
#[macro_export]
macro_rules! every_option_has_its_help {
    ($args:ty) => {
        #[test]
        fn every_option_has_its_help() {
            let missing = $crate::cli::missing_help::<$args>();
            assert!(
                missing.is_empty(),
                "help texts missing from ipc-text's locales/en: {missing:?}"
            );
        }
    };
}

/// Parses the command line. `--help` and `--version` print in the current language; a usage
/// error becomes one line on stderr, `PROGRAM: what is wrong (see PROGRAM --help)`, and
/// exit status 2.
pub fn parse_args<P: Parser>(program: &str) -> P {
    parse_args_and_matches(program).0
}

/// `parse_args`, also returning clap's matches (for a program that asks where a value came
/// from, e.g. whether an option was given or is its default).
pub fn parse_args_and_matches<P: Parser>(program: &str) -> (P, ArgMatches) {
    // args_os: `std::env::args` panics on an argument that is not UTF-8; clap refuses one
    // where a text is expected, in one line like any other usage error.
    lang_from_command_line(std::env::args_os().skip(1));
    let parsed = command::<P>()
        .try_get_matches()
        .and_then(|matches| P::from_arg_matches(&matches).map(|p| (p, matches)));
    match parsed {
        Ok(parsed) => parsed,
        Err(err) => match err.kind() {
            ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => err.exit(),
            _ => {
                crate::warn(&usage::line(program, &err));
                std::process::exit(2);
            }
        },
    }
}

/// `--lang en|vi`, flattened into a program's arguments; call `apply` once parsed.
#[derive(clap::Args, Debug, Clone, Copy)]
pub struct LangArg {
    // Its help is `help-lang`, as every option's is in the Fluent files.
    #[arg(long, global = true, value_enum)]
    pub lang: Option<Lang>,
}

impl LangArg {
    /// Makes the chosen language the one every text is looked up in.
    pub fn apply(self) {
        if let Some(lang) = self.lang {
            set_lang(lang);
        }
    }
}

/// Applies `--lang X` (or `--lang=X`) before clap parses, so that the messages of value
/// parsers (a bad name, size or key) are already in that language.
fn lang_from_command_line(args: impl Iterator<Item = std::ffi::OsString>) {
    let mut args = args.peekable();
    while let Some(arg) = args.next() {
        let value = match arg.to_str().and_then(|a| a.strip_prefix("--lang")) {
            Some("") => args
                .peek()
                .and_then(|next| next.to_str())
                .map(str::to_string),
            Some(rest) => rest.strip_prefix('=').map(str::to_string),
            None => None,
        };
        if let Some(lang) = value.and_then(|v| <Lang as clap::ValueEnum>::from_str(&v, true).ok()) {
            set_lang(lang);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Parser, Debug)]
    struct Demo {
        #[arg(long, value_parser = crate::args::parse_size)]
        size: usize,
        #[arg(long)]
        count: Option<u8>,
    }

    /// Rust's own reasons for a bad number (std's English) are told in our words.
    #[test]
    fn a_bad_number_is_told_in_the_chosen_language() {
        ipc_text::with_lang(Lang::from_code("vi").unwrap(), || {
            let line = usage::line("demo", &error(&["demo", "--size", "1", "--count", "x"]));
            assert!(
                line.ends_with("không phải số nguyên (xem demo --help)"),
                "{line}"
            );
        });
        ipc_text::with_lang(Lang::from_code("vi").unwrap(), || {
            let line = usage::line("demo", &error(&["demo", "--size", "1", "--count", "300"]));
            assert!(line.contains("300 nằm ngoài khoảng 0..=255"), "{line}");
        });
    }

    fn error(args: &[&str]) -> clap::Error {
        help::localize(Demo::command())
            .try_get_matches_from(args)
            .unwrap_err()
    }

    #[test]
    fn usage_error_is_one_line() {
        set_lang(Lang::EN);
        let line = usage::line("demo", &error(&["demo", "--size", "0"]));
        assert!(!line.contains('\n'), "{line}");
        assert!(
            line.starts_with("demo: invalid value '0' for '--size <SIZE>': size '0' is 0"),
            "{line}"
        );
        assert!(line.ends_with("(see demo --help)"), "{line}");
        let line = usage::line("demo", &error(&["demo"]));
        assert!(!line.contains('\n'), "{line}");
        assert!(line.contains("not provided: --size <SIZE>"), "{line}");
        let line = usage::line("demo", &error(&["demo", "--sise", "1"]));
        assert_eq!(
            line,
            "demo: unexpected argument '--sise' found; did you mean '--size'? (see demo --help)"
        );
    }

    /// In Vietnamese, the whole line is Vietnamese: no English of clap's left in it.
    #[test]
    fn usage_errors_are_whole_sentences_in_vietnamese() {
        let cases: [&[&str]; 3] = [
            &["demo", "--size", "0"],
            &["demo"],
            &["demo", "--sise", "1"],
        ];
        let vi = Lang::from_code("vi").unwrap();
        let lines: Vec<String> = ipc_text::with_lang(vi, || {
            cases
                .iter()
                .map(|args| usage::line("demo", &error(args)))
                .collect()
        });
        for line in &lines {
            for english in [
                "invalid value",
                "not provided",
                "unexpected argument",
                "did you mean",
                "see demo",
            ] {
                assert!(!line.contains(english), "{line}");
            }
            assert!(line.ends_with("(xem demo --help)"), "{line}");
        }
        assert!(lines[0].contains("'--size <SIZE>'"), "{}", lines[0]);
    }
}
