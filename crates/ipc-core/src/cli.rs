//! Command-line parsing with usage errors on one line, as every other error is.

use clap::error::ErrorKind;
use clap::Parser;

/// Parses the command line. `--help` and `--version` print as clap prints them; a usage
/// error becomes one line on stderr, `PROGRAM: what is wrong (see PROGRAM --help)`, and
/// exit status 2.
pub fn parse_args<P: Parser>(program: &str) -> P {
    match P::try_parse() {
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

/// clap's message up to its first blank line, joined into one line, without `error: `.
fn usage_line(program: &str, clap_message: &str) -> String {
    let what: Vec<&str> = clap_message
        .lines()
        .map(str::trim)
        .take_while(|line| !line.is_empty())
        .collect();
    let what = what.join(" ");
    let what = what.strip_prefix("error: ").unwrap_or(&what);
    format!("{program}: {what} (see {program} --help)")
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
