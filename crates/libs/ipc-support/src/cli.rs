//! Command-line parsing with usage errors on one line, as every other error is, and the
//! `--lang` option every program with explanations shares.

use clap::error::ErrorKind;
use clap::{ArgMatches, Parser};

use ipc_text::{Lang, set_lang, text_with};

/// Parses the command line. `--help` and `--version` print as clap prints them; a usage
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
    let parsed = P::command()
        .try_get_matches()
        .and_then(|matches| P::from_arg_matches(&matches).map(|p| (p, matches)));
    match parsed {
        Ok(parsed) => parsed,
        Err(err) => match err.kind() {
            ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => err.exit(),
            _ => {
                eprintln!("{}", usage_line(program, &err.to_string()));
                std::process::exit(2);
            }
        },
    }
}

/// `--lang en|vi`, flattened into a program's arguments; call `apply` once parsed.
#[derive(clap::Args, Debug, Clone, Copy)]
pub struct LangArg {
    /// Language of the explanations, en or vi (default: IPC_LAB_LANG, else LANG, else en)
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

/// clap's message up to its first blank line, joined into one line, without `error: `.
fn usage_line(program: &str, clap_message: &str) -> String {
    let what: Vec<&str> = clap_message
        .lines()
        .map(str::trim)
        .take_while(|line| !line.is_empty())
        .collect();
    let what = what.join(" ");
    let what = what.strip_prefix("error: ").unwrap_or(&what);
    format!(
        "{program}: {what} {}",
        text_with("core.see-help", &[&program])
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Parser, Debug)]
    struct Demo {
        #[arg(long, value_parser = crate::args::parse_size)]
        size: usize,
    }

    #[test]
    fn usage_error_is_one_line() {
        set_lang(Lang::En);
        let err = Demo::try_parse_from(["demo", "--size", "0"]).unwrap_err();
        let line = usage_line("demo", &err.to_string());
        assert!(!line.contains('\n'), "{line}");
        assert!(
            line.starts_with("demo: invalid value '0' for '--size <SIZE>'"),
            "{line}"
        );
        assert!(line.ends_with("(see demo --help)"), "{line}");
        let err = Demo::try_parse_from(["demo"]).unwrap_err();
        let line = usage_line("demo", &err.to_string());
        assert!(!line.contains('\n'), "{line}");
        assert!(line.contains("not provided: --size <SIZE>"), "{line}");
    }
}
