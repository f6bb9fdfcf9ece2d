//! ipc-bench: the lessons say shared memory is the fastest IPC because it skips the copies
//! through the kernel. This measures that claim on this machine, against the hardware's
//! own limits (a cache line bounced between the cores, and a cross-core copy).

#![forbid(unsafe_code)]

mod chart;
mod control;
mod explain;
mod futex;
mod load;
mod measure;
mod memory;
mod report;
mod ring;
mod size;
mod transport;

use ipc_text::t;
use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

use clap::Parser;
use clap::builder::{PossibleValuesParser, TypedValueParser};
use ipc_support::{Context, IpcError, Result, interrupt};

use measure::Settings;
use size::human;
use transport::Mechanism;

#[derive(Parser, Debug)]
#[command(name = "ipc-bench", version)]
struct Args {
    #[arg(long, value_delimiter = ',', value_parser = parse_size, default_value = "64,4K,64K,1M")]
    sizes: Vec<usize>,
    #[arg(long, value_delimiter = ',', value_parser = mechanism_parser())]
    only: Vec<&'static Mechanism>,
    #[arg(long, value_parser = parse_seconds)]
    seconds: Option<Duration>,
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=100))]
    reps: Option<u32>,
    #[arg(long)]
    quick: bool,
    #[arg(long, conflicts_with = "json")]
    csv: bool,
    #[arg(long)]
    json: bool,
    #[arg(long, conflicts_with_all = ["csv", "json", "svg", "quick", "seconds", "reps"])]
    explain: bool,
    #[arg(long, value_name = "FILE")]
    svg: Option<PathBuf>,
    #[command(flatten)]
    lang: ipc_support::cli::LangArg,
}

/// The mechanisms' names, for `--only` (and its list of possible values in `--help`).
fn mechanism_parser() -> impl TypedValueParser<Value = &'static Mechanism> {
    PossibleValuesParser::new(transport::ALL.iter().map(|m| m.name))
        .try_map(|name| Mechanism::named(&name).ok_or(format!("no mechanism '{name}'")))
}

/// Largest message size measured: more would take minutes and most of the memory.
const MAX_SIZE: usize = 64 << 20;

/// A message size: the workspace's size syntax, at most `MAX_SIZE`.
fn parse_size(raw: &str) -> std::result::Result<usize, String> {
    match ipc_support::args::parse_size(raw) {
        Ok(bytes) if bytes <= MAX_SIZE => Ok(bytes),
        _ => Err(t!("bench-arg-size-bad", value = raw)),
    }
}

/// Seconds per repetition: the workspace's seconds syntax, from 1 ms to a minute.
fn parse_seconds(raw: &str) -> std::result::Result<Duration, String> {
    match ipc_support::time::parse_seconds(raw) {
        Ok(d) if (Duration::from_millis(1)..=Duration::from_secs(60)).contains(&d) => Ok(d),
        _ => Err(t!("bench-arg-seconds-bad", value = raw)),
    }
}

fn main() -> std::process::ExitCode {
    let args: Args = ipc_support::cli::parse_args("ipc-bench");
    args.lang.apply();
    ipc_support::run("ipc-bench", || bench(args))
}

fn bench(args: Args) -> Result<()> {
    // The chart's file is made before measuring, so a path that cannot be written is said
    // at once, not after the whole measurement; it goes again if no chart is written.
    let mut made = None;
    if let Some(path) = &args.svg {
        check_writable_dir(path)?;
        let existed = path.exists();
        std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(false)
            .open(path)
            .map_err(|e| {
                IpcError::refused(
                    format!("--svg {}", path.display()),
                    t!("bench-svg-unwritable", error = e),
                )
            })?;
        if !existed {
            made = Some(path.clone());
        }
    }
    let result = measure_and_report(&args);
    if let (Err(_), Some(path)) = (&result, &made) {
        let _ = std::fs::remove_file(path);
    }
    result
}

fn measure_and_report(args: &Args) -> Result<()> {
    interrupt::install()?;
    let cpus = load::cpus();
    let cores = (cpus >= 2).then_some((0, 1));
    control::ONE_CPU.store(cores.is_none(), std::sync::atomic::Ordering::Relaxed);
    let settings = Settings {
        seconds: args
            .seconds
            .map_or(if args.quick { 0.004 } else { 0.1 }, |d| d.as_secs_f64()),
        reps: args.reps.unwrap_or(if args.quick { 2 } else { 5 }) as usize,
        // On one CPU the spinning probes only progress when the scheduler switches.
        line_trips: match (cores, args.quick) {
            (None, _) => 20,
            (_, true) => 300,
            _ => 3000,
        },
        copy_bytes: if args.quick { 1 << 20 } else { 16 << 20 },
        cores,
    };
    // In the table's order, whatever the order given.
    let mechs: Vec<&'static Mechanism> = transport::ALL
        .iter()
        .copied()
        .filter(|m| args.only.is_empty() || args.only.iter().any(|o| o.is(m)))
        .collect();
    let mut sizes = args.sizes.clone();
    sizes.sort_unstable();
    sizes.dedup();
    if args.explain {
        return explain::run(&mechs, &sizes);
    }
    if let Some((parent, _)) = cores {
        measure::pin(parent)?;
    }
    let progress = !args.json && !args.csv;
    // On a terminal one line rewritten in place; in a log, one line per cell.
    let tty = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let measured = (|| -> Result<Vec<measure::Cell>> {
        let mut cells = Vec::new();
        for &size in &sizes {
            for &mech in &mechs {
                interrupt::check("ipc-bench")?;
                // Progress only: a stderr that cannot be written (2>/dev/full) must not
                // stop the measurement whose result goes to stdout.
                if progress && tty {
                    let size = format!("{:>7}", human(size));
                    let mechanism = format!("{:<9}", mech.name);
                    let _ = write!(
                        std::io::stderr(),
                        "\r{} ",
                        t!("bench-measuring", mechanism = mechanism, size = size)
                    );
                } else if progress {
                    ipc_support::warn(&t!(
                        "bench-measuring",
                        mechanism = mech.name,
                        size = human(size)
                    ));
                }
                cells.push(measure::run_cell(mech, size, &settings)?);
            }
        }
        // A Ctrl-C that came while no wait was slow enough to look at it still counts.
        interrupt::check("ipc-bench")?;
        Ok(cells)
    })();
    // Cleared also on an error or Ctrl-C, so the error line starts at the left margin.
    if progress && tty {
        let _ = write!(std::io::stderr(), "\r{:40}\r", "");
    }
    let cells = measured?;
    let mut warnings: Vec<String> = cells
        .iter()
        .filter_map(|c| {
            c.cpu_warning
                .as_ref()
                .map(|w| format!("{} {}: {w}", c.mechanism, human(c.size)))
        })
        .collect();
    if cores.is_none() {
        warnings.push(t!("bench-one-cpu"));
    }
    let report = report::Report {
        command: std::env::args_os()
            .map(|a| a.to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join(" "),
        machine: report::Machine {
            cpus,
            pinned: cores,
            far_state_above_ns: measure::FAR_NS,
        },
        settings: report::RunSettings {
            seconds: settings.seconds,
            repetitions: settings.reps,
            sizes: sizes.clone(),
            quick: args.quick,
        },
        targets: report::targets(&cells, &sizes),
        results: cells,
        warnings,
    };
    let text = if args.json {
        serde_json::to_string_pretty(&report)
            .map_err(|e| IpcError::refused("JSON output", e.to_string()))?
            + "\n"
    } else if args.csv {
        report::csv(&report)
    } else {
        report::table(&report)
    };
    let mut out = std::io::stdout().lock();
    let printed = out
        .write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .context(|| "write(stdout)".to_string());
    // The chart is written even when stdout failed: then it is all that is left of the run.
    if let Some(path) = &args.svg {
        chart::write_svg(path, &report.results)?;
    }
    printed
}

/// Refuses, before any measurement, a chart path whose directory does not exist.
fn check_writable_dir(path: &std::path::Path) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => std::path::Path::new("."),
    };
    if dir.is_dir() {
        return Ok(());
    }
    Err(IpcError::refused(
        format!("--svg {}", path.display()),
        t!("bench-no-dir", dir = dir.display()),
    )
    .hint(t!("bench-no-dir-hint", dir = dir.display())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_use_the_shared_syntax_up_to_64_mib() {
        assert_eq!(parse_size("64"), Ok(64));
        assert_eq!(parse_size("4K"), Ok(4096));
        assert_eq!(parse_size("4KiB"), Ok(4096));
        assert_eq!(parse_size("64M"), Ok(64 << 20));
        for bad in ["0", "65M", "4x", "", "-1"] {
            let err = parse_size(bad).unwrap_err();
            assert!(
                err.contains("is not a size") && err.contains("64M"),
                "{bad}: {err}"
            );
        }
    }

    #[test]
    fn seconds_use_the_shared_syntax_from_a_millisecond_to_a_minute() {
        assert_eq!(parse_seconds("0.001"), Ok(Duration::from_millis(1)));
        assert_eq!(parse_seconds("60"), Ok(Duration::from_secs(60)));
        for bad in ["0", "0.0005", "61", "abc", "inf"] {
            let err = parse_seconds(bad).unwrap_err();
            assert!(err.contains("is not a duration"), "{bad}: {err}");
        }
    }
}

#[cfg(test)]
ipc_support::every_option_has_its_help!(Args);
