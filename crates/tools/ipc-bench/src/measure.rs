//! The method: for each mechanism and size, fork a child pinned to another core, warm up
//! and calibrate, then run repetitions, each paired with its own baseline probe taken
//! right before it.

use std::time::{Duration, Instant};

use ipc_support::process::fork_child;
use ipc_support::{IpcError, Result};
use serde::Serialize;

use crate::control::{Control, Op};
use crate::load::CpuLoad;
use crate::transport::{Channel, Endpoint, Mechanism, SetupError, Side};

/// One-way cache-line latency above which a repetition ran with the two vCPUs on distant
/// cores ("far"): about 35 ns when they are near, 230 ns when far on these machines.
pub const FAR_NS: f64 = 120.0;

#[derive(Debug, Clone)]
pub struct Settings {
    /// Target duration of one repetition of one measurement.
    pub seconds: f64,
    pub reps: usize,
    /// Round trips of the cache-line probe.
    pub line_trips: u64,
    /// Bytes the copy probe moves per repetition.
    pub copy_bytes: usize,
    /// The cores the parent and the child are pinned to, when there are two.
    pub cores: Option<(usize, usize)>,
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum State {
    Near,
    Far,
}

impl State {
    fn of(line_ns: f64) -> State {
        if line_ns > FAR_NS {
            State::Far
        } else {
            State::Near
        }
    }

    pub fn letter(self) -> char {
        match self {
            State::Near => 'n',
            State::Far => 'f',
        }
    }
}

/// One repetition: its own baseline probe, then the measurement.
#[derive(Debug, Clone, Serialize)]
pub struct Rep {
    pub state: State,
    /// One-way cache-line latency measured right before (ns).
    pub line_ns: f64,
    /// Latency: median one-way ns. Throughput: GB/s.
    pub value: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub p99_ns: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub msgs_per_s: Option<f64>,
    /// Throughput: the copy probe's copy-in (writer) and copy-out (reader) GB/s.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub copy_in_gb_per_s: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub copy_out_gb_per_s: Option<f64>,
    /// Latency: the cache-line one-way ns. Throughput: the copy probe's copy-out GB/s, the
    /// most a channel whose receiver copies out of shared memory can carry.
    pub baseline: f64,
    pub ratio: f64,
}

/// The repetitions of one measurement and their medians.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub unit: &'static str,
    pub baseline_unit: &'static str,
    pub value: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub p99_ns: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub msgs_per_s: Option<f64>,
    pub baseline: f64,
    /// Median of the per-repetition ratios.
    pub ratio: f64,
    pub ratio_min: f64,
    pub ratio_max: f64,
    /// (max - min) / median of the repetitions' values.
    pub spread: f64,
    /// Messages per repetition, as calibrated.
    pub messages: u64,
    pub reps: Vec<Rep>,
}

impl Summary {
    pub fn states(&self) -> String {
        self.reps.iter().map(|r| r.state.letter()).collect()
    }

    fn of(unit: &'static str, baseline_unit: &'static str, messages: u64, reps: Vec<Rep>) -> Self {
        let col = |f: &dyn Fn(&Rep) -> f64| median(reps.iter().map(f).collect());
        let values: Vec<f64> = reps.iter().map(|r| r.value).collect();
        let ratios: Vec<f64> = reps.iter().map(|r| r.ratio).collect();
        let value = median(values.clone());
        Summary {
            unit,
            baseline_unit,
            value,
            p99_ns: reps[0].p99_ns.map(|_| col(&|r| r.p99_ns.unwrap_or(0.0))),
            msgs_per_s: reps[0]
                .msgs_per_s
                .map(|_| col(&|r| r.msgs_per_s.unwrap_or(0.0))),
            baseline: col(&|r| r.baseline),
            ratio: median(ratios.clone()),
            ratio_min: ratios.iter().copied().fold(f64::INFINITY, f64::min),
            ratio_max: ratios.iter().copied().fold(0.0, f64::max),
            spread: (values.iter().copied().fold(0.0, f64::max)
                - values.iter().copied().fold(f64::INFINITY, f64::min))
                / value,
            messages,
            reps,
        }
    }
}

/// Everything measured for one mechanism at one size.
#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    pub mechanism: &'static str,
    #[serde(skip)]
    pub mech: &'static Mechanism,
    pub size: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Set when the mechanism cannot carry this size here: the reason.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unavailable: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub latency: Option<Summary>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub throughput: Option<Summary>,
    /// Set when other processes used the CPUs during this run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cpu_warning: Option<String>,
}

pub fn median(mut v: Vec<f64>) -> f64 {
    percentile(&mut v, 0.5)
}

fn percentile(v: &mut [f64], q: f64) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(f64::total_cmp);
    // Interpolate between the two nearest ranks, so the median of an even count is the
    // mean of the middle two rather than the upper one (a bias that flattered short runs).
    let pos = (v.len() - 1) as f64 * q;
    // 0 <= pos <= len - 1 (q is a fraction), so both ranks are indices of v.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let (lo, hi) = (pos.floor() as usize, pos.ceil() as usize);
    v[lo] + (v[hi] - v[lo]) * (pos - lo as f64)
}

/// Pins the calling process to `core`.
pub fn pin(core: usize) -> Result<()> {
    let mut set = nix::sched::CpuSet::new();
    set.set(core)
        .map_err(|e| IpcError::sys(format!("CPU_SET({core})"), e))?;
    nix::sched::sched_setaffinity(nix::unistd::Pid::from_raw(0), &set)
        .map_err(|e| IpcError::sys(format!("sched_setaffinity(cpu {core})"), e))
}

/// Measures `mech` at `size`: latency and throughput, `settings.reps` times each.
pub fn run_cell(mech: &'static Mechanism, size: usize, settings: &Settings) -> Result<Cell> {
    let mut cell = Cell {
        mechanism: mech.name,
        mech,
        size,
        note: None,
        unavailable: None,
        latency: None,
        throughput: None,
        cpu_warning: None,
    };
    let channel = match (mech.open)(size) {
        Ok(channel) => channel,
        Err(SetupError::Unavailable(why)) => {
            cell.unavailable = Some(why);
            return Ok(cell);
        }
        Err(SetupError::Failed(e)) => return Err(e),
    };
    cell.note = channel.note();
    let mut ctl = Control::new(size)?;
    let load = CpuLoad::start();
    // The parent's end first: it initialises what the child's end attaches to.
    let mut ep = channel.end(Side::Parent)?;
    let child = fork_child(|| child_main(&*channel, &mut ctl, size, settings))?;
    let mut bench = Bench {
        ctl: &mut ctl,
        ep: &mut *ep,
        buf: vec![0x5a; size],
        settings,
    };
    let result = bench
        .latency()
        .and_then(|lat| Ok((lat, bench.throughput()?)));
    if result.is_ok() {
        bench.ctl.command(Op::Exit, 0);
    }
    let (lat, thr) = result?;
    let end = child.wait()?;
    if end != ipc_support::process::ChildEnd::Exited(0) {
        return Err(IpcError::refused(
            format!("{} child", mech.name),
            format!("it {end}"),
        ));
    }
    cell.latency = Some(lat);
    cell.throughput = Some(thr);
    cell.cpu_warning = load.finish();
    Ok(cell)
}

fn child_main(channel: &dyn Channel, ctl: &mut Control, size: usize, settings: &Settings) -> i32 {
    let mut body = || -> Result<()> {
        if let Some((_, core)) = settings.cores {
            pin(core)?;
        }
        let mut ep = channel.end(Side::Child)?;
        let mut buf = vec![0u8; size];
        loop {
            let (op, count) = ctl.next_command()?;
            let value = match op {
                Op::Exit => return Ok(()),
                Op::Line => ctl.line_child(count).map(|()| 0)?,
                Op::Copy => ctl.copy_child(&mut buf, count)?,
                Op::PingPong => {
                    for _ in 0..count {
                        ep.recv(&mut buf)?;
                        ep.send(&buf)?;
                    }
                    0
                }
                Op::Stream => {
                    for _ in 0..count {
                        ep.recv(&mut buf)?;
                    }
                    0
                }
            };
            ctl.done(value);
        }
    };
    match body() {
        Ok(()) => 0,
        Err(e) if e.signal().is_some() => 130,
        Err(e) => {
            ipc_support::warn(&format!("ipc-bench (child): {e}"));
            1
        }
    }
}

struct Bench<'a> {
    ctl: &'a mut Control,
    ep: &'a mut dyn Endpoint,
    buf: Vec<u8>,
    settings: &'a Settings,
}

impl Bench<'_> {
    /// The cache-line probe: median one-way ns.
    fn line(&mut self) -> Result<f64> {
        let n = self.settings.line_trips;
        self.ctl.command(Op::Line, n);
        let samples = self.ctl.line_parent(n)?;
        self.ctl.wait_done()?;
        Ok(median(samples))
    }

    /// The copy probe, done with the same copy routines as the ring: GB/s of this process
    /// copying a buffer into shared memory (for information), and of the child copying it
    /// out (the baseline), in turns.
    fn copy(&mut self) -> Result<(f64, f64)> {
        let size = self.buf.len();
        let n = (self.settings.copy_bytes / size).clamp(4, 100_000) as u64;
        self.ctl.command(Op::Copy, n);
        let write_ns = self.ctl.copy_parent(&self.buf, n)?.max(1);
        let read_ns = self.ctl.wait_done()?.max(1);
        let bytes = n as f64 * size as f64;
        Ok((bytes / write_ns as f64, bytes / read_ns as f64))
    }

    fn ping_pong(&mut self, n: u64) -> Result<Vec<f64>> {
        self.ctl.command(Op::PingPong, n);
        let mut samples = Vec::with_capacity(usize::try_from(n).unwrap_or(0));
        let mut before = Instant::now();
        for _ in 0..n {
            self.ep.send(&self.buf)?;
            self.ep.recv(&mut self.buf)?;
            let now = Instant::now();
            samples.push((now - before).as_nanos() as f64 / 2.0);
            before = now;
        }
        self.ctl.wait_done()?;
        Ok(samples)
    }

    /// Streams `n` messages; the time ends when the child has received the last one.
    fn stream(&mut self, n: u64) -> Result<Duration> {
        self.ctl.command(Op::Stream, n);
        let start = Instant::now();
        for _ in 0..n {
            self.ep.send(&self.buf)?;
        }
        self.ctl.wait_done()?;
        Ok(start.elapsed())
    }

    /// Warm-up and calibration: doubles the count until a run takes a fifth of the target
    /// time, and returns the count that fills the target time.
    fn calibrate(
        &mut self,
        mut run: impl FnMut(&mut Self, u64) -> Result<Duration>,
    ) -> Result<u64> {
        let target = self.settings.seconds;
        let mut n = 1u64;
        loop {
            let t = run(self, n)?.as_secs_f64();
            if t >= target / 5.0 || n >= 1 << 24 {
                let rounds = ((target / t.max(1e-9)) * n as f64).clamp(1.0, 2e7);
                // Clamped to 1..=2e7: a positive whole count that a u64 holds.
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                return Ok(rounds as u64);
            }
            n *= 2;
        }
    }

    fn latency(&mut self) -> Result<Summary> {
        let n = self.calibrate(|b, n| {
            let start = Instant::now();
            b.ping_pong(n)?;
            Ok(start.elapsed())
        })?;
        let mut reps = Vec::new();
        for _ in 0..self.settings.reps {
            let line_ns = self.line()?;
            let mut samples = self.ping_pong(n)?;
            let med = percentile(&mut samples, 0.5);
            let p99 = percentile(&mut samples, 0.99);
            reps.push(Rep {
                state: State::of(line_ns),
                line_ns,
                value: med,
                p99_ns: Some(p99),
                msgs_per_s: None,
                copy_in_gb_per_s: None,
                copy_out_gb_per_s: None,
                baseline: line_ns,
                ratio: med / line_ns,
            });
        }
        Ok(Summary::of("ns", "ns", n, reps))
    }

    fn throughput(&mut self) -> Result<Summary> {
        let n = self.calibrate(|b, n| b.stream(n))?;
        let size = self.buf.len() as f64;
        let mut reps = Vec::new();
        for _ in 0..self.settings.reps {
            let line_ns = self.line()?;
            let (copy_in, copy_out) = self.copy()?;
            let copy = copy_out;
            let secs = self.stream(n)?.as_secs_f64();
            let gbps = n as f64 * size / secs / 1e9;
            reps.push(Rep {
                state: State::of(line_ns),
                line_ns,
                value: gbps,
                p99_ns: None,
                msgs_per_s: Some(n as f64 / secs),
                copy_in_gb_per_s: Some(copy_in),
                copy_out_gb_per_s: Some(copy_out),
                baseline: copy,
                ratio: gbps / copy,
            });
        }
        Ok(Summary::of("GB/s", "GB/s", n, reps))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_an_even_count_is_the_mean_of_the_middle_two() {
        assert_eq!(median(vec![0.43, 0.83]), 0.63);
        assert_eq!(median(vec![3.0, 1.0, 2.0]), 2.0);
        assert!(median(Vec::new()).is_nan());
    }

    #[test]
    fn percentiles_interpolate_between_ranks() {
        let mut v: Vec<f64> = (1..=101).map(f64::from).collect();
        assert_eq!(percentile(&mut v, 0.99), 100.0);
        assert_eq!(percentile(&mut v, 0.0), 1.0);
    }
}
