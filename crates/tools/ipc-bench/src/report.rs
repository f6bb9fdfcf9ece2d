//! The results as a table, CSV and JSON, and the targets the ring is held to.

use ipc_text::{t, text};
use std::fmt::Write as _;

use serde::Serialize;

use crate::measure::{Cell, FAR_NS, Summary};
use crate::size::human;
use crate::transport::{self, Mechanism, RING};

/// A goal a script can check: `ratio` = `value` / `baseline`, compared with `goal`.
#[derive(Debug, Clone, Serialize)]
pub struct Target {
    pub name: String,
    pub unit: &'static str,
    pub value: f64,
    pub baseline: f64,
    pub ratio: f64,
    pub goal: f64,
    pub lower_is_better: bool,
    pub met: bool,
}

impl Target {
    fn new(
        name: String,
        unit: &'static str,
        value: f64,
        baseline: f64,
        ratio: f64,
        goal: f64,
        lower: bool,
    ) -> Self {
        let met = if lower { ratio <= goal } else { ratio >= goal };
        Target {
            name,
            unit,
            value,
            baseline,
            ratio,
            goal,
            lower_is_better: lower,
            met,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Machine {
    pub cpus: usize,
    pub pinned: Option<(usize, usize)>,
    pub far_state_above_ns: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct RunSettings {
    pub seconds: f64,
    pub repetitions: usize,
    pub sizes: Vec<usize>,
    pub quick: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub command: String,
    pub machine: Machine,
    pub settings: RunSettings,
    pub results: Vec<Cell>,
    pub targets: Vec<Target>,
    pub warnings: Vec<String>,
}

fn find<'a>(cells: &'a [Cell], mech: &Mechanism, size: usize) -> Option<&'a Cell> {
    cells.iter().find(|c| c.mech.is(mech) && c.size == size)
}

/// The three targets for the ring, from the cells measured.
pub fn targets(cells: &[Cell], sizes: &[usize]) -> Vec<Target> {
    let mut out = Vec::new();
    if let Some(lat) = find(cells, RING, 64).and_then(|c| c.latency.as_ref()) {
        out.push(Target::new(
            t!("bench-target-ring-latency"),
            "ns",
            lat.value,
            lat.baseline,
            lat.ratio,
            2.0,
            true,
        ));
    }
    if let Some(thr) = find(cells, RING, 1 << 20).and_then(|c| c.throughput.as_ref()) {
        out.push(Target::new(
            t!("bench-target-ring-throughput"),
            "GB/s",
            thr.value,
            thr.baseline,
            thr.ratio,
            0.8,
            false,
        ));
    }
    for &size in sizes {
        let Some(ring) = find(cells, RING, size) else {
            continue;
        };
        type Pick = fn(&Cell) -> Option<&Summary>;
        let kinds: [(Pick, bool); 2] = [
            (|c| c.latency.as_ref(), true),
            (|c| c.throughput.as_ref(), false),
        ];
        for (pick, lower) in kinds {
            let Some(r) = pick(ring) else { continue };
            let best = cells
                .iter()
                .filter(|c| c.size == size && c.mech.kernel_copy)
                .filter_map(|c| pick(c).map(|s| (c.mechanism, s.value)))
                .reduce(|a, b| if (b.1 < a.1) == lower { b } else { a });
            if let Some((name, v)) = best {
                let size = human(size);
                let name = match lower {
                    true => t!("bench-target-ring-latency-best", size = size, best = name),
                    false => t!(
                        "bench-target-ring-throughput-best",
                        size = size,
                        best = name
                    ),
                };
                out.push(Target::new(
                    name,
                    r.unit,
                    r.value,
                    v,
                    r.value / v,
                    1.0,
                    lower,
                ));
            }
        }
    }
    out
}

pub fn fmt_ns(ns: f64) -> String {
    if ns >= 1e6 {
        format!("{:.2} ms", ns / 1e6)
    } else if ns >= 1e4 {
        format!("{:.1} us", ns / 1e3)
    } else {
        format!("{ns:.0} ns")
    }
}

fn fmt_rate(r: f64) -> String {
    if r >= 1e6 {
        format!("{:.2} M", r / 1e6)
    } else if r >= 1e3 {
        format!("{:.1} k", r / 1e3)
    } else {
        format!("{r:.0}")
    }
}

/// The terminal table.
pub fn table(report: &Report) -> String {
    let mut s = String::new();
    let pinning = match report.machine.pinned {
        Some((a, b)) => t!("bench-pinned", parent = a, child = b),
        None => t!("bench-not-pinned"),
    };
    let header = t!(
        "bench-header",
        cpus = report.machine.cpus,
        pinning = pinning,
        reps = report.settings.repetitions,
        seconds = report.settings.seconds
    );
    let _ = writeln!(s, "{header}");
    let _ = writeln!(s, "{}", t!("bench-legend-latency"));
    let _ = writeln!(s, "{}", t!("bench-legend-throughput"));
    let _ = writeln!(s, "{}", t!("bench-legend-states", far = FAR_NS));
    for m in transport::ALL {
        if report.results.iter().any(|c| c.mech.is(m)) {
            let _ = writeln!(s, "  {:<9} {}", m.name, text(m.describe));
        }
    }
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "{:<9} {:>7} | {:>9} {:>9} {:>7} {:>13} {:>6} | {:>7} {:>9} {:>7} {:>13} {:>6} | {:>6}",
        t!("bench-col-mechanism"),
        t!("bench-col-size"),
        "lat p50",
        "lat p99",
        "x line",
        "[min-max]",
        "line",
        "GB/s",
        "msgs/s",
        "x copy",
        "[min-max]",
        "copy",
        t!("bench-col-states")
    );
    let mut notes = Vec::new();
    let mut last_size = None;
    for c in &report.results {
        if last_size.is_some_and(|z| z != c.size) {
            let _ = writeln!(s);
        }
        last_size = Some(c.size);
        if let Some(why) = &c.unavailable {
            let unavailable = t!("bench-unavailable", why = why);
            let _ = writeln!(s, "{:<9} {:>7} | {unavailable}", c.mechanism, human(c.size));
            continue;
        }
        let (Some(l), Some(t)) = (&c.latency, &c.throughput) else {
            continue;
        };
        let _ = writeln!(
            s,
            "{:<9} {:>7} | {:>9} {:>9} {:>6.2}x {:>13} {:>6} | {:>7.3} {:>9} {:>6.2}x {:>13} {:>6.2} | {}/{}",
            c.mechanism,
            human(c.size),
            fmt_ns(l.value),
            fmt_ns(l.p99_ns.unwrap_or(f64::NAN)),
            l.ratio,
            format!("[{:.2}-{:.2}]", l.ratio_min, l.ratio_max),
            fmt_ns(l.baseline),
            t.value,
            fmt_rate(t.msgs_per_s.unwrap_or(f64::NAN)),
            t.ratio,
            format!("[{:.2}-{:.2}]", t.ratio_min, t.ratio_max),
            t.baseline,
            l.states(),
            t.states(),
        );
        if let Some(n) = &c.note {
            notes.push(format!("{} {}: {n}", c.mechanism, human(c.size)));
        }
    }
    if !notes.is_empty() {
        let _ = writeln!(s, "\n{}", t!("bench-notes"));
        for n in notes {
            let _ = writeln!(s, "  {n}");
        }
    }
    if !report.targets.is_empty() {
        let _ = writeln!(s, "\n{}", t!("bench-targets"));
        let (met, missed) = (t!("bench-target-met"), t!("bench-target-missed"));
        let width = met.chars().count().max(missed.chars().count());
        for target in &report.targets {
            let mark = if target.met { &met } else { &missed };
            let line = t!(
                "bench-target-line",
                mark = format!("{mark:<width$}"),
                name = target.name,
                value = format!("{:.3}", target.value),
                unit = target.unit,
                baseline = format!("{:.3}", target.baseline),
                ratio = format!("{:.2}", target.ratio),
                op = if target.lower_is_better { "<=" } else { ">=" },
                goal = format!("{:.1}", target.goal)
            );
            let _ = writeln!(s, "  {line}");
        }
    }
    for w in shown_warnings(&report.warnings) {
        let _ = writeln!(s, "{}", t!("bench-warning", warning = w));
    }
    s
}

/// At most `SHOWN_WARNINGS` of the warnings, then one line counting the rest: on a busy
/// machine every cell is disturbed, and 28 similar lines would bury the advice. `--json`
/// keeps them all.
const SHOWN_WARNINGS: usize = 3;

fn shown_warnings(warnings: &[String]) -> Vec<String> {
    if warnings.len() <= SHOWN_WARNINGS + 1 {
        return warnings.to_vec();
    }
    let mut shown = warnings[..SHOWN_WARNINGS].to_vec();
    shown.push(t!(
        "bench-more-warnings",
        count = warnings.len() - SHOWN_WARNINGS
    ));
    shown
}

/// One CSV row per repetition.
pub fn csv(report: &Report) -> String {
    let mut s = String::from(
        "mechanism,size,metric,rep,state,line_ns,value,unit,p99_ns,msgs_per_s,baseline,ratio,note\n",
    );
    for c in &report.results {
        if let Some(why) = &c.unavailable {
            let _ = writeln!(s, "{},{},n/a,,,,,,,,,,{}", c.mechanism, c.size, quote(why));
            continue;
        }
        for (metric, sum) in [("latency", &c.latency), ("throughput", &c.throughput)] {
            let Some(sum) = sum else { continue };
            for (i, r) in sum.reps.iter().enumerate() {
                let opt = |v: Option<f64>| v.map(|x| format!("{x:.3}")).unwrap_or_default();
                // Values in full (shortest exact form): 0.00004 GB/s under load is not 0.
                let _ = writeln!(
                    s,
                    "{},{},{metric},{},{},{:.1},{},{},{},{},{},{},{}",
                    c.mechanism,
                    c.size,
                    i + 1,
                    r.state.letter(),
                    r.line_ns,
                    r.value,
                    sum.unit,
                    opt(r.p99_ns),
                    opt(r.msgs_per_s),
                    r.baseline,
                    r.ratio,
                    quote(c.note.as_deref().unwrap_or(""))
                );
            }
        }
    }
    s
}

fn quote(text: &str) -> String {
    if text.contains([',', '"', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn many_warnings_are_summed_up_in_one_line() {
        let few: Vec<String> = (0..4).map(|i| format!("w{i}")).collect();
        assert_eq!(shown_warnings(&few), few);
        let many: Vec<String> = (0..17).map(|i| format!("w{i}")).collect();
        let shown = shown_warnings(&many);
        assert_eq!(shown.len(), 4);
        assert_eq!(shown[..3], many[..3]);
        assert!(shown[3].starts_with("… and 14 more"), "{}", shown[3]);
    }
}
