//! A usage error as one line in the current language: clap's error kind and context, told
//! in the bundle's words (`cli-error-*`), never clap's English.

use clap::error::{ContextKind, ContextValue, Error, ErrorKind};
use ipc_text::t;

/// `PROGRAM: what is wrong (see PROGRAM --help)`.
pub fn line(program: &str, err: &Error) -> String {
    format!(
        "{program}: {} {}",
        what(err),
        t!("core-see-help", program = program)
    )
}

/// One context value as text (`--size <SIZE>`, or several joined with `, `).
fn get(err: &Error, kind: ContextKind) -> String {
    match err.get(kind) {
        Some(ContextValue::Strings(values)) => values.join(", "),
        Some(value) => value.to_string(),
        None => String::new(),
    }
}

/// A value parser's reason; Rust's own number-parsing errors (std's English) in our words.
fn number_reason(source: &(dyn std::error::Error + 'static)) -> String {
    use std::num::{IntErrorKind, ParseFloatError, ParseIntError};
    if let Some(e) = source.downcast_ref::<ParseIntError>() {
        return match e.kind() {
            IntErrorKind::PosOverflow | IntErrorKind::NegOverflow => t!("cli-reason-out-of-range"),
            _ => t!("cli-reason-not-an-integer"),
        };
    }
    if source.downcast_ref::<ParseFloatError>().is_some() {
        return t!("cli-reason-not-a-number");
    }
    let text = source.to_string();
    // clap's ranged integer parsers (u8, u16, …) say "300 is not in 0..=255".
    if let Some((value, range)) = text.split_once(" is not in ") {
        if range.contains("..") && !value.contains(' ') {
            return t!("cli-reason-not-in-range", value = value, range = range);
        }
    }
    text
}

fn what(err: &Error) -> String {
    let arg = get(err, ContextKind::InvalidArg);
    let value = get(err, ContextKind::InvalidValue);
    let main = match err.kind() {
        ErrorKind::InvalidValue if value.is_empty() => t!("cli-error-value-missing", arg = arg),
        ErrorKind::InvalidValue => {
            t!(
                "cli-error-value-invalid",
                value = value,
                arg = arg,
                valid = get(err, ContextKind::ValidValue)
            )
        }
        ErrorKind::ValueValidation => {
            // The value parser's own reason, already in the current language.
            let reason = std::error::Error::source(err)
                .map(number_reason)
                .unwrap_or_default();
            t!(
                "cli-error-value-refused",
                value = value,
                arg = arg,
                reason = reason
            )
        }
        ErrorKind::UnknownArgument => t!("cli-error-unknown-argument", arg = arg),
        ErrorKind::InvalidSubcommand => {
            t!(
                "cli-error-unknown-subcommand",
                name = get(err, ContextKind::InvalidSubcommand)
            )
        }
        ErrorKind::MissingRequiredArgument => t!("cli-error-missing-arguments", args = arg),
        ErrorKind::MissingSubcommand => {
            t!(
                "cli-error-missing-subcommand",
                valid = get(err, ContextKind::ValidSubcommand)
            )
        }
        ErrorKind::ArgumentConflict => {
            t!(
                "cli-error-conflict",
                arg = arg,
                other = get(err, ContextKind::PriorArg)
            )
        }
        ErrorKind::NoEquals => t!("cli-error-no-equals", arg = arg),
        ErrorKind::TooManyValues => t!("cli-error-too-many-values", value = value, arg = arg),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => t!(
            "cli-error-number-of-values",
            arg = arg,
            expected = get(err, ContextKind::ExpectedNumValues),
            given = get(err, ContextKind::ActualNumValues)
        ),
        ErrorKind::InvalidUtf8 => t!("cli-error-utf8"),
        _ => t!("cli-error-other"),
    };
    let suggested = [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedValue,
    ]
    .into_iter()
    .map(|k| get(err, k))
    .find(|s| !s.is_empty());
    match suggested {
        Some(suggestion) => format!(
            "{main}; {}",
            t!("cli-error-did-you-mean", suggestion = suggestion)
        ),
        None => main,
    }
}
