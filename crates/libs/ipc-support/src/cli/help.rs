//! `--help` in the current language: a clap command's texts replaced by the bundle's.
//!
//! The ids come from the command's shape. A command's path is the program's name, then each
//! subcommand's (`ipc-lab-grade`); its about is `help-PATH`, the paragraphs only `--help`
//! shows are `help-PATH-more`, the text after the options `help-PATH-after`; an argument's
//! help is `help-PATH-ARG` (`-more` likewise), else the same at an enclosing command (one
//! text for an option all of posix-mq's subcommands share), else `help-ARG` for one many
//! programs share (`--lang`, `--key`). clap's own words (the
//! headings, `Usage:`, the help and version flags, `[default: …]`, `[possible values: …]`)
//! are ours too. `missing` lists the ids a command needs and English lacks: every program
//! tests that it has none.

use clap::{Arg, ArgAction, Command};
use ipc_text::t;

/// `cmd` with every text in the current language.
pub fn localize(cmd: Command) -> Command {
    let path = cmd.get_name().to_string();
    localize_at(cmd, &[path])
}

/// The help ids `cmd` (and its subcommands) needs that English does not have.
pub fn missing(cmd: &Command) -> Vec<String> {
    let mut missing = Vec::new();
    missing_at(cmd, &[cmd.get_name().to_string()], &mut missing);
    missing
}

/// `paths`: the command's own path, then its enclosing commands' (`posix-mq-send`,
/// `posix-mq`).
fn missing_at(cmd: &Command, paths: &[String], missing: &mut Vec<String>) {
    let path = &paths[0];
    let about = format!("help-{path}");
    if ipc_text::message(&about).is_none() {
        missing.push(about);
    }
    for arg in cmd.get_arguments().filter(|a| !a.is_hide_set()) {
        let id = arg_id(arg);
        if arg_help(paths, &id).is_none() {
            missing.push(format!("help-{path}-{id} (or help-{id})"));
        }
    }
    for sub in cmd.get_subcommands() {
        missing_at(sub, &within(paths, sub.get_name()), missing);
    }
}

/// The paths of subcommand `name` of the command at `paths`.
fn within(paths: &[String], name: &str) -> Vec<String> {
    std::iter::once(format!("{}-{name}", paths[0]))
        .chain(paths.iter().cloned())
        .collect()
}

fn localize_at(mut cmd: Command, paths: &[String]) -> Command {
    let path = &paths[0];
    let about = ipc_text::message(&format!("help-{path}"));
    let more = ipc_text::message(&format!("help-{path}-more"));
    let long = more
        .as_ref()
        .map(|m| format!("{}\n\n{m}", about.clone().unwrap_or_default()));
    let usage = t!("cli-usage");
    if let Some(about) = about {
        cmd = cmd.about(about);
    }
    cmd = match long {
        Some(long) => cmd.long_about(long),
        None => cmd.long_about(None),
    };
    if let Some(after) = ipc_text::message(&format!("help-{path}-after")) {
        cmd = cmd.after_help(after);
    }
    cmd = cmd
        .help_template(format!(
            "{{before-help}}{{about-with-newline}}\n{usage} {{usage}}\n\n{{all-args}}{{after-help}}"
        ))
        .subcommand_help_heading(t!("cli-heading-commands"))
        .subcommand_value_name(t!("cli-command-placeholder"))
        .disable_help_subcommand(true);

    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in &ids {
        cmd = cmd.mut_arg(id, |a| localize_arg(a, paths));
    }
    let long_help =
        cmd.get_long_about().is_some() || cmd.get_arguments().any(|a| a.get_long_help().is_some());
    let help = Arg::new("help")
        .short('h')
        .long("help")
        .action(ArgAction::Help)
        .help_heading(t!("cli-heading-options"));
    let help = match long_help {
        true => help
            .help(t!("cli-help-summary"))
            .long_help(t!("cli-help-full")),
        false => help.help(t!("cli-help")),
    };
    cmd = cmd.disable_help_flag(true).arg(help);
    if cmd.get_version().is_some() {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(t!("cli-version"))
                .help_heading(t!("cli-heading-options")),
        );
    }

    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        let sub_paths = within(paths, &name);
        cmd = cmd.mut_subcommand(&name, |s| localize_at(s, &sub_paths));
    }
    cmd
}

/// An argument's id as the Fluent files write it: `wait_reader` is `wait-reader`.
fn arg_id(arg: &Arg) -> String {
    arg.get_id().as_str().replace('_', "-")
}

/// The argument's help and its further paragraphs: its command's own, else an enclosing
/// command's, else the one every program shares.
fn arg_help(paths: &[String], id: &str) -> Option<(String, Option<String>)> {
    paths
        .iter()
        .map(|path| format!("help-{path}-{id}"))
        .chain([format!("help-{id}")])
        .find_map(|key| {
            ipc_text::message(&key).map(|help| (help, ipc_text::message(&format!("{key}-more"))))
        })
}

fn localize_arg(arg: Arg, paths: &[String]) -> Arg {
    let Some((help, more)) = arg_help(paths, &arg_id(&arg)) else {
        return arg;
    };
    let mut notes = String::new();
    let takes_values = arg.get_action().takes_values();
    if takes_values {
        let defaults: Vec<String> = arg
            .get_default_values()
            .iter()
            .map(|v| v.to_string_lossy().into_owned())
            .collect();
        if !defaults.is_empty() && !arg.is_hide_default_value_set() {
            notes.push(' ');
            notes.push_str(&t!("cli-default", value = defaults.join(", ")));
        }
        let values: Vec<String> = arg
            .get_possible_values()
            .iter()
            .filter(|v| !v.is_hide_set())
            .map(|v| v.get_name().to_string())
            .collect();
        if !values.is_empty() && !arg.is_hide_possible_values_set() {
            notes.push(' ');
            notes.push_str(&t!("cli-possible-values", values = values.join(", ")));
        }
    }
    let heading = match arg.is_positional() {
        true => t!("cli-heading-arguments"),
        false => t!("cli-heading-options"),
    };
    let arg = match more {
        Some(more) => arg.long_help(format!("{help}\n\n{more}{notes}")),
        None => arg.long_help(None),
    };
    // clap's own `[default: …]` and `[possible values: …]` give way to the notes above.
    let arg = match takes_values {
        true => arg.hide_default_value(true).hide_possible_values(true),
        false => arg,
    };
    arg.help(format!("{help}{notes}")).help_heading(heading)
}
