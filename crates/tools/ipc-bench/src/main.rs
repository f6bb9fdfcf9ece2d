//! ipc-bench: the lessons say shared memory is the fastest IPC because it skips the copies
//! through the kernel. This measures that claim on this machine, against the hardware's
//! own limits (a cache line bounced between the cores, and a cross-core copy).

mod chart;
mod control;
mod extra;
mod load;
mod measure;
mod mechanism;
mod report;

use std::io::Write;
use std::path::PathBuf;

use clap::Parser;
use ipc_core::{IpcError, Result, interrupt};

use measure::Settings;
use mechanism::Mechanism;

/// Measures the lessons' claim that shared memory is the fastest IPC, on this machine.
///
/// Two processes pinned to different cores exchange messages over pipes, FIFOs, Unix
/// sockets, POSIX and System V message queues, and shared memory (semaphore hand-off,
/// lock-free ring): one-way latency from ping-pong, throughput from streaming. Each
/// repetition is paired with the hardware's limit measured right before it: a cache line
/// bounced between the cores, and a buffer copied out by the other core.
#[derive(Parser, Debug)]
#[command(name = "ipc-bench", version)]
struct Args {
    /// Message sizes, comma-separated (suffixes K/KiB, M/MiB).
    #[arg(long, value_delimiter = ',', value_parser = parse_size, default_value = "64,4K,64K,1M")]
    sizes: Vec<usize>,
    /// Only these mechanisms (comma-separated).
    #[arg(long, value_delimiter = ',', value_enum)]
    only: Vec<Mechanism>,
    /// Seconds per repetition of each measurement.
    #[arg(long, value_parser = parse_seconds)]
    seconds: Option<f64>,
    /// Repetitions of each measurement (each after its own baseline probe).
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=100))]
    reps: Option<u32>,
    /// A smoke run: short repetitions, whole run under 5 seconds.
    #[arg(long)]
    quick: bool,
    /// Print CSV (one row per repetition) instead of the table.
    #[arg(long, conflicts_with = "json")]
    csv: bool,
    /// Print JSON (every measurement, the targets, the warnings) instead of the table.
    #[arg(long)]
    json: bool,
    /// Also write a chart of latency and throughput by size to FILE (SVG).
    #[arg(long, value_name = "FILE")]
    svg: Option<PathBuf>,
}

fn parse_size(raw: &str) -> std::result::Result<usize, String> {
    let t = raw.trim();
    let lower = t.to_ascii_lowercase();
    let (num, mult) = [
        ("kib", 1 << 10),
        ("mib", 1 << 20),
        ("k", 1 << 10),
        ("m", 1 << 20),
        ("b", 1),
    ]
    .iter()
    .find_map(|(suffix, m)| {
        lower
            .strip_suffix(suffix)
            .map(|n| (n.trim().to_string(), *m))
    })
    .unwrap_or((lower.clone(), 1));
    let bad = || format!("'{raw}' is not a size: give bytes from 1 to 64M, e.g. 64, 4K, 1M");
    let n: usize = num.parse().map_err(|_| bad())?;
    let bytes = n.checked_mul(mult).ok_or_else(bad)?;
    if bytes == 0 || bytes > 64 << 20 {
        return Err(bad());
    }
    Ok(bytes)
}

fn parse_seconds(raw: &str) -> std::result::Result<f64, String> {
    match raw.trim().parse::<f64>() {
        Ok(s) if s.is_finite() && (0.001..=60.0).contains(&s) => Ok(s),
        _ => Err(format!(
            "'{raw}' is not a duration: give seconds from 0.001 to 60"
        )),
    }
}

fn main() -> std::process::ExitCode {
    let args: Args = ipc_core::cli::parse_args("ipc-bench");
    ipc_core::run("ipc-bench", || bench(args))
}

fn bench(args: Args) -> Result<()> {
    if let Some(path) = &args.svg {
        check_writable_dir(path)?;
    }
    interrupt::install()?;
    let cpus = load::cpus();
    let cores = (cpus >= 2).then_some((0, 1));
    let settings = Settings {
        seconds: args.seconds.unwrap_or(if args.quick { 0.004 } else { 0.1 }),
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
    if let Some((parent, _)) = cores {
        measure::pin(parent)?;
    }
    let mechs: Vec<Mechanism> = if args.only.is_empty() {
        Mechanism::ALL.to_vec()
    } else {
        Mechanism::ALL
            .into_iter()
            .filter(|m| args.only.contains(m))
            .collect()
    };
    let mut sizes = args.sizes.clone();
    sizes.sort_unstable();
    sizes.dedup();
    let progress = !args.json && !args.csv;
    let measured = (|| -> Result<Vec<measure::Cell>> {
        let mut cells = Vec::new();
        for &size in &sizes {
            for &mech in &mechs {
                interrupt::check("ipc-bench")?;
                if progress {
                    eprint!(
                        "\rmeasuring {:<9} {:>7} ",
                        mech.name(),
                        mechanism::human(size)
                    );
                }
                cells.push(measure::run_cell(mech, size, &settings)?);
            }
        }
        Ok(cells)
    })();
    // Cleared also on an error or Ctrl-C, so the error line starts at the left margin.
    if progress {
        eprint!("\r{:40}\r", "");
    }
    let cells = measured?;
    let mut warnings: Vec<String> = cells
        .iter()
        .filter_map(|c| {
            c.cpu_warning
                .as_ref()
                .map(|w| format!("{} {}: {w}", c.mechanism, mechanism::human(c.size)))
        })
        .collect();
    if cores.is_none() {
        warnings.push(
            "one CPU only: both processes share it, latencies include context switches".into(),
        );
    }
    let report = report::Report {
        command: std::env::args().collect::<Vec<_>>().join(" "),
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
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
    // After the figures are out: a chart that cannot be written does not lose them.
    if let Some(path) = &args.svg {
        chart::write_svg(path, &report.results)?;
    }
    Ok(())
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
        format!("the directory {} does not exist", dir.display()),
    )
    .hint(format!("create it first (mkdir -p {})", dir.display())))
}
