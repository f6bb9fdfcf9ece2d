//! Did other processes use the CPUs during a run? Compares the machine's busy time
//! (/proc/stat) with this process's and its children's (getrusage), and the hypervisor's
//! steal time with the elapsed time.

use std::time::Instant;

use nix::sys::resource::{UsageWho, getrusage};

/// Share of the CPUs' time that others may use before a run is flagged.
const TOLERATED: f64 = 0.05;

pub struct CpuLoad {
    start: Instant,
    stat: Option<(f64, f64)>,
    ours: f64,
}

/// (busy seconds, steal seconds) of all CPUs since boot.
fn machine() -> Option<(f64, f64)> {
    let text = std::fs::read_to_string("/proc/stat").ok()?;
    let line = text.lines().find(|l| l.starts_with("cpu "))?;
    let f: Vec<f64> = line
        .split_whitespace()
        .skip(1)
        .filter_map(|x| x.parse().ok())
        .collect();
    if f.len() < 8 {
        return None;
    }
    let hz = nix::unistd::sysconf(nix::unistd::SysconfVar::CLK_TCK)
        .ok()
        .flatten()
        .unwrap_or(100) as f64;
    // user nice system idle iowait irq softirq steal (guest time is inside user)
    let busy = f[0] + f[1] + f[2] + f[5] + f[6];
    Some((busy / hz, f[7] / hz))
}

fn ours() -> f64 {
    [UsageWho::RUSAGE_SELF, UsageWho::RUSAGE_CHILDREN]
        .into_iter()
        .filter_map(|w| getrusage(w).ok())
        .map(|u| {
            let t = |tv: nix::sys::time::TimeVal| tv.tv_sec() as f64 + tv.tv_usec() as f64 / 1e6;
            t(u.user_time()) + t(u.system_time())
        })
        .sum()
}

pub fn cpus() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
}

impl CpuLoad {
    pub fn start() -> Self {
        CpuLoad {
            start: Instant::now(),
            stat: machine(),
            ours: ours(),
        }
    }

    /// A warning when others used more than 5% of the CPUs' time, or the hypervisor stole it.
    pub fn finish(self) -> Option<String> {
        let elapsed = self.start.elapsed().as_secs_f64();
        let (busy0, steal0) = self.stat?;
        let (busy1, steal1) = machine()?;
        let capacity = elapsed * cpus() as f64;
        if capacity <= 0.0 {
            return None;
        }
        // /proc/stat counts in clock ticks (10 ms): ignore less than 3 ticks.
        let floor = |secs: f64| if secs < 0.03 { 0.0 } else { secs };
        let others = floor((busy1 - busy0) - (ours() - self.ours)) / capacity;
        let steal = floor(steal1 - steal0) / capacity;
        let mut parts = Vec::new();
        if others > TOLERATED {
            let percent = format!("{:.0}", (others * 100.0).min(100.0));
            parts.push(ipc_text::t!("bench-busy-others", percent = percent));
        }
        if steal > TOLERATED {
            let percent = format!("{:.0}", steal * 100.0);
            parts.push(ipc_text::t!("bench-busy-steal", percent = percent));
        }
        (!parts.is_empty()).then(|| parts.join(", "))
    }
}
