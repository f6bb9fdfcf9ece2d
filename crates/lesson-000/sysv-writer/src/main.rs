//! sysv-writer: the writer of the lesson's System V pair (section 3).

use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use ipc_support::args::{parse_mode, parse_size, warn_if_world_writable};
use ipc_support::key::KeyArgs;
use ipc_support::message::{check_fits, message_or_stdin_line};
use ipc_text::t;
use nix::sys::stat::Mode;

mod wait;
mod write;

#[derive(Parser, Debug)]
#[command(name = "sysv-writer", version)]
pub struct Args {
    #[command(flatten)]
    pub key: KeyArgs,
    #[arg(long, default_value = "1024", value_parser = parse_size, allow_hyphen_values = true)]
    pub size: usize,
    #[arg(long, allow_hyphen_values = true, value_parser = clap::value_parser!(std::ffi::OsString))]
    pub message: Option<std::ffi::OsString>,
    #[arg(long, default_value = "0600", value_parser = parse_mode)]
    pub mode: Mode,
    #[arg(long)]
    pub exclusive: bool,
    #[arg(long)]
    pub maps: bool,
    #[arg(long)]
    pub wait_reader: bool,
    #[arg(long, requires = "wait_reader", value_parser = ipc_support::time::parse_seconds, allow_hyphen_values = true)]
    pub timeout: Option<Duration>,
    #[command(flatten)]
    pub lang: ipc_support::cli::LangArg,
}

impl Args {
    /// How the user runs the reader for the same key.
    fn reader_command(&self) -> String {
        match self.key.key {
            Some(key) => format!("cargo run -p sysv-reader -- --key {key}"),
            None if self.key.is_lessons() => "cargo run -p sysv-reader".to_string(),
            None => format!(
                "cargo run -p sysv-reader -- --path {} --proj-id {}",
                self.key.path.display(),
                self.key.proj_id
            ),
        }
    }
}

fn main() -> ExitCode {
    let args: Args = ipc_support::cli::parse_args("sysv-writer");
    args.lang.apply();
    ipc_support::run("sysv-writer", || {
        warn_if_world_writable("sysv-writer", args.mode);
        let message = message_or_stdin_line(args.message.clone())?;
        check_fits(&message, args.size)?;
        let written = write::write(&args, &message)?;
        if args.wait_reader {
            if let Err(e) = wait::until_reader_done(written.shmid, args.timeout) {
                // `written` drops after this returns: a segment we made and nobody read goes.
                return Err(match written.removes_on_drop() {
                    true => e.hint(t!("sysv-writer-removed-unread")),
                    false => e,
                });
            }
        } else {
            println!(
                "{}",
                t!(
                    "sysv-writer-left",
                    command = args.reader_command(),
                    shmid = written.shmid
                )
            );
        }
        written.keep();
        Ok(())
    })
}

#[cfg(test)]
ipc_support::every_option_has_its_help!(Args);
