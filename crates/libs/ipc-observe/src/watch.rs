//! The run's limits, kept by the supervisor's loop: its deadline, the memory of all its
//! processes together, and its output, read in bounded chunks (the first bytes kept, the
//! rest only counted). When a limit is passed the run is ended; the tracer sees the deaths.
//! No thread: a process that made a pid namespace cannot start one.

use std::collections::HashSet;
use std::os::fd::{AsFd, OwnedFd};
use std::time::{Duration, Instant};

use nix::fcntl::{FcntlArg, OFlag, fcntl};
use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;

use crate::inspect;
use crate::report::{Captured, End, Limit};
use crate::spec::Limits;

/// Bytes of each output stream kept for the report.
pub const KEEP: usize = 64 * 1024;

/// How often the memory of the run's processes is added up.
const SAMPLE: Duration = Duration::from_millis(50);

/// One output stream of the run, read without blocking.
pub struct Stream {
    fd: Option<OwnedFd>,
    kept: Vec<u8>,
    total: u64,
}

impl Stream {
    pub fn new(fd: OwnedFd) -> Stream {
        if let Ok(flags) = fcntl(&fd, FcntlArg::F_GETFL) {
            let flags = OFlag::from_bits_truncate(flags) | OFlag::O_NONBLOCK;
            let _ = fcntl(&fd, FcntlArg::F_SETFL(flags));
        }
        Stream {
            fd: Some(fd),
            kept: Vec::new(),
            total: 0,
        }
    }

    /// A stream that is not read (already at its end).
    pub fn none() -> Stream {
        Stream {
            fd: None,
            kept: Vec::new(),
            total: 0,
        }
    }

    pub fn fd(&self) -> Option<std::os::fd::BorrowedFd<'_>> {
        self.fd.as_ref().map(|f| f.as_fd())
    }

    /// Reads what is there now; returns the bytes read.
    fn drain(&mut self) -> u64 {
        let Some(fd) = &self.fd else {
            return 0;
        };
        let mut buf = [0u8; 64 * 1024];
        let mut read = 0u64;
        // A bounded number of chunks per turn, so one flooding stream cannot starve the loop.
        for _ in 0..16 {
            match nix::unistd::read(fd, &mut buf) {
                Ok(0) => {
                    self.fd = None;
                    break;
                }
                Ok(n) => {
                    let room = KEEP.saturating_sub(self.kept.len());
                    self.kept.extend_from_slice(&buf[..n.min(room)]);
                    let n = u64::try_from(n).unwrap_or(u64::MAX);
                    self.total += n;
                    read += n;
                }
                Err(nix::errno::Errno::EINTR) => {}
                Err(_) => break, // EAGAIN: nothing more for now.
            }
        }
        read
    }

    pub fn captured(&self) -> Captured {
        Captured {
            text: crate::report::text_of(&self.kept),
            total: self.total,
        }
    }
}

pub struct Watch {
    pub limits: Limits,
    deadline: Instant,
    pids: HashSet<i32>,
    /// Killing this one ends them all (the init of the run's pid namespace).
    init: Option<i32>,
    reason: Option<End>,
    pub out: Stream,
    pub err: Stream,
    last_sample: Instant,
}

impl Watch {
    pub fn new(limits: Limits, out: OwnedFd, err: OwnedFd) -> Watch {
        let wall = Duration::from_millis(limits.wall_ms);
        Watch {
            limits,
            deadline: Instant::now() + wall,
            pids: HashSet::new(),
            init: None,
            reason: None,
            out: Stream::new(out),
            err: Stream::new(err),
            last_sample: Instant::now(),
        }
    }

    /// Limits without output streams to read (a live trace leaves them to the program),
    /// and a deadline that never comes when the wall time is unbounded.
    pub fn unlimited(limits: Limits) -> Watch {
        let now = Instant::now();
        Watch {
            deadline: now
                .checked_add(Duration::from_millis(limits.wall_ms))
                .unwrap_or(now + Duration::from_secs(100 * 365 * 24 * 3600)),
            limits,
            pids: HashSet::new(),
            init: None,
            reason: None,
            out: Stream::none(),
            err: Stream::none(),
            last_sample: now,
        }
    }

    pub fn set_init(&mut self, pid: Pid) {
        self.init = Some(pid.as_raw());
    }

    pub fn add(&mut self, pid: i32) {
        self.pids.insert(pid);
    }

    pub fn remove(&mut self, pid: i32) {
        self.pids.remove(&pid);
    }

    /// Gives the run `more` time from now on.
    pub fn extend(&mut self, more: Duration) {
        self.deadline = Instant::now() + more;
    }

    /// Why the limits ended the run, if they did.
    pub fn reason(&self) -> Option<End> {
        self.reason.clone()
    }

    /// Ends the run for `why` (the first reason given is the one reported).
    pub fn end_run(&mut self, why: End) {
        self.reason.get_or_insert(why);
        if let Some(init) = self.init {
            let _ = kill(Pid::from_raw(init), Signal::SIGKILL);
        }
        for pid in &self.pids {
            let _ = kill(Pid::from_raw(*pid), Signal::SIGKILL);
        }
    }

    /// How long the loop may sleep before the next check is due.
    pub fn next_check(&self) -> Duration {
        let now = Instant::now();
        self.deadline
            .saturating_duration_since(now)
            .min((self.last_sample + SAMPLE).saturating_duration_since(now))
    }

    /// Reads the output that arrived and checks every limit.
    pub fn check(&mut self) {
        let read = self.out.drain() + self.err.drain();
        if read > 0 && self.out.total + self.err.total > self.limits.output_bytes {
            self.end_run(End::OverLimit(Limit::OutputMib(
                self.limits.output_bytes >> 20,
            )));
        }
        let now = Instant::now();
        if now >= self.deadline && self.reason.is_none() {
            self.end_run(End::TimedOut);
        }
        if now >= self.last_sample + SAMPLE {
            self.last_sample = now;
            let resident: u64 = self.pids.iter().map(|&p| inspect::resident_bytes(p)).sum();
            if resident > self.limits.memory_bytes {
                self.end_run(End::OverLimit(Limit::MemoryMib(
                    self.limits.memory_bytes >> 20,
                )));
            }
        }
    }

    /// Reads both streams to their end (every writer is gone), within `patience`.
    pub fn finish_output(&mut self, patience: Duration) {
        let until = Instant::now() + patience;
        while (self.out.fd.is_some() || self.err.fd.is_some()) && Instant::now() < until {
            if self.out.drain() + self.err.drain() == 0 {
                std::thread::sleep(Duration::from_millis(1));
            }
        }
    }
}
