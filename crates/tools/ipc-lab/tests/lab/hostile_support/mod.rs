//! The machinery of the hostile suite: submissions written at test time into a folder of
//! their own, one grader run per attack (with its peak memory), and the proof that nothing
//! of the attack is left on the host (files in /dev/shm, System V objects, POSIX queues,
//! processes, files the attack tried to write).
#![allow(dead_code)]

use std::collections::BTreeSet;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

pub const BIN: &str = env!("CARGO_BIN_EXE_ipc-lab");

/// The workspace (the folder with info.toml, solutions/ and exercises/).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../..")
        .canonicalize()
        .unwrap()
}

/// The reference solution of `exercise` with each `(find, replace)` applied; every `find`
/// must occur exactly once, so a change to the solution breaks the attack loudly instead of
/// silently grading something else.
pub fn solution_with(exercise: &str, edits: &[(&str, &str)]) -> String {
    let path = root().join(format!("solutions/{exercise}.rs"));
    let mut source = std::fs::read_to_string(&path).unwrap();
    for (find, replace) in edits {
        assert_eq!(
            source.matches(find).count(),
            1,
            "{}: expected exactly one {find:?}",
            path.display()
        );
        source = source.replacen(find, replace, 1);
    }
    source
}

/// How A waits for B in the reference solutions (ex01 and ex02 alike).
pub const A_WAITS_FOR_B: &str = "    match child.wait()? {
        ChildEnd::Exited(0) => {}
        end => return Err(IpcError::refused(\"child B\", format!(\"{end}\"))),
    }
";

/// What of the host an attack could leave something in, taken before the attack.
#[derive(Default)]
struct HostState {
    dev_shm: BTreeSet<String>,
    sysv: BTreeSet<(String, String)>,
}

fn dev_shm() -> BTreeSet<String> {
    std::fs::read_dir("/dev/shm")
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// One System V object of the host, from /proc/sysvipc/{shm,msg,sem}.
struct SysvObject {
    kind: &'static str,
    key: i64,
    id: String,
    /// The creator's pid (shm) or the last sender's (msg); none for semaphores.
    pid: Option<i32>,
    cuid: u32,
}

fn sysv_objects() -> Vec<SysvObject> {
    let mut all = Vec::new();
    for kind in ["shm", "msg", "sem"] {
        let Ok(text) = std::fs::read_to_string(format!("/proc/sysvipc/{kind}")) else {
            continue;
        };
        let mut lines = text.lines();
        let header: Vec<&str> = lines.next().unwrap_or("").split_whitespace().collect();
        let col = |name: &str| header.iter().position(|h| *h == name);
        for line in lines {
            let f: Vec<&str> = line.split_whitespace().collect();
            let get = |name: &str| col(name).and_then(|i| f.get(i)).copied();
            let pid_col = match kind {
                "shm" => "cpid",
                "msg" => "lspid",
                _ => "",
            };
            all.push(SysvObject {
                kind,
                key: get("key").and_then(|k| k.parse().ok()).unwrap_or(0),
                id: get(if kind == "shm" {
                    "shmid"
                } else if kind == "msg" {
                    "msqid"
                } else {
                    "semid"
                })
                .unwrap_or("")
                .to_string(),
                pid: get(pid_col).and_then(|p| p.parse().ok()),
                cuid: get("cuid").and_then(|u| u.parse().ok()).unwrap_or(0),
            });
        }
    }
    all
}

fn alive(pid: i32) -> bool {
    pid > 0 && Path::new(&format!("/proc/{pid}")).exists()
}

/// Command lines of the host's processes (pid, argv joined by spaces).
fn processes() -> Vec<(u32, String)> {
    std::fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .filter_map(|e| {
            let pid: u32 = e.file_name().to_str()?.parse().ok()?;
            let raw = std::fs::read(e.path().join("cmdline")).ok()?;
            let cmd = String::from_utf8_lossy(&raw).replace('\0', " ");
            Some((pid, cmd))
        })
        .collect()
}

/// The System V key an attack uses: one per attack and user, never 0 (IPC_PRIVATE).
pub fn sysv_key(label: &str) -> i32 {
    let h = label
        .bytes()
        .chain(env!("CARGO_TARGET_TMPDIR").bytes())
        .fold(0x4854_u32, |h, b| {
            h.wrapping_mul(31).wrapping_add(u32::from(b))
        });
    let uid = nix::unistd::getuid().as_raw();
    i32::try_from((h ^ uid.wrapping_mul(7919)) & 0x3fff_ffff | 0x4000_0000).unwrap()
}

/// One attack: its submission folder, its marker (in every name it makes, in the command
/// line of the processes it wants to keep), and the state of the host before it ran.
pub struct Attack {
    pub label: String,
    pub dir: PathBuf,
    /// Unique per attack and user; written into the submission's source, so the grader's
    /// cache by content keeps one build per attack across test runs.
    pub marker: String,
    before: HostState,
    /// Host files the attack tries to create or change (checked untouched afterwards).
    pub host_files: Vec<PathBuf>,
}

impl Attack {
    pub fn new(label: &str) -> Attack {
        // Two tests sharing a label would share (and remove) one folder.
        static LABELS: std::sync::Mutex<BTreeSet<String>> = std::sync::Mutex::new(BTreeSet::new());
        let fresh = LABELS.lock().unwrap().insert(label.to_string());
        assert!(fresh, "attack label {label} used twice");
        let uid = nix::unistd::getuid().as_raw();
        // The checkout too (its target dir): two copies of the suite on one machine must not
        // take each other's processes or objects for their own.
        let checkout = env!("CARGO_TARGET_TMPDIR")
            .bytes()
            .fold(0x811c_9dc5_u32, |h, b| {
                (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
            });
        let marker = format!("hostile-{label}-u{uid}-{:04x}", checkout & 0xffff);
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(&marker);
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        // Leftovers of an earlier failed run under our own marker are ours to remove.
        for name in dev_shm() {
            if name.contains(&marker) {
                let _ = std::fs::remove_file(Path::new("/dev/shm").join(name));
            }
        }
        Attack {
            label: label.to_string(),
            dir,
            marker,
            before: HostState {
                dev_shm: dev_shm(),
                sysv: sysv_objects()
                    .into_iter()
                    .map(|o| (o.kind.to_string(), o.id))
                    .collect(),
            },
            host_files: Vec::new(),
        }
    }

    /// Takes the host's state again (after the test made objects of its own on purpose).
    pub fn rebaseline(&mut self) {
        self.before = HostState {
            dev_shm: dev_shm(),
            sysv: sysv_objects()
                .into_iter()
                .map(|o| (o.kind.to_string(), o.id))
                .collect(),
        };
    }

    /// Writes `DIR/exNN.rs`; `@MARKER@`, `@KEY@` and `@DIR@` in `source` are replaced.
    pub fn write(&self, exercise: &str, source: &str) {
        let source = source
            .replace("@MARKER@", &self.marker)
            .replace("@KEY@", &sysv_key(&self.label).to_string())
            .replace("@DIR@", self.dir.to_str().unwrap())
            .replace("@ROOT@", root().to_str().unwrap());
        std::fs::write(self.dir.join(format!("{exercise}.rs")), source).unwrap();
    }

    pub fn path(&self) -> &str {
        self.dir.to_str().unwrap()
    }

    /// `ipc-lab grade EXERCISE --submission DIR --format json` plus `extra`.
    pub fn grade(&self, exercise: &str, extra: &[&str]) -> Graded {
        let mut args = vec!["grade", exercise, "--submission", self.path()];
        if !extra.contains(&"--format") {
            args.extend(["--format", "json"]);
        }
        args.extend_from_slice(extra);
        run_grader(&args)
    }

    /// Nothing of this attack is on the host: no new /dev/shm file named by it or by the
    /// grader's run, no new System V object with its key or whose creator is gone (made by
    /// a user other than root's other tests when we are root), no POSIX queue under its
    /// marker, no process naming its folder or marker, none of `host_files`.
    pub fn assert_nothing_left(&self, grader_pid: u32) {
        // Processes killed with the run may take a moment to be reaped by the kernel.
        let start = Instant::now();
        let survivors = || -> Vec<(u32, String)> {
            let me = std::process::id();
            processes()
                .into_iter()
                .filter(|(pid, cmd)| {
                    *pid != me && (cmd.contains(&self.marker) || cmd.contains(self.path()))
                })
                .collect()
        };
        while !survivors().is_empty() && start.elapsed() < Duration::from_secs(5) {
            std::thread::sleep(Duration::from_millis(50));
        }
        let left = survivors();
        assert!(
            left.is_empty(),
            "{}: processes survived: {left:?}",
            self.label
        );

        let grader = format!("-{grader_pid}");
        let new_shm: Vec<String> = dev_shm()
            .into_iter()
            .filter(|n| !self.before.dev_shm.contains(n))
            .filter(|n| n.contains(&self.marker) || (n.contains("grade-ex") && n.contains(&grader)))
            .collect();
        assert!(
            new_shm.is_empty(),
            "{}: left in /dev/shm: {new_shm:?}",
            self.label
        );

        let key = i64::from(sysv_key(&self.label));
        let me = nix::unistd::getuid().as_raw();
        let suspicious = |o: &SysvObject| {
            // Root's other tests (and other helpers) make and remove objects as root all
            // the time; a run of ours that escaped would make them as its own uid. Keyed
            // objects are judged by the attack's keys alone: the tour and the lesson
            // programs' tests of this user (or, beside root's suite, a student's) keep keyed
            // objects a moment after their maker ended. An escaped ex01 would leave
            // IPC_PRIVATE segments (key 0).
            let foreign_uid = if me == 0 { o.cuid != 0 } else { o.cuid == me };
            let abandoned_private = o.key == 0 && o.pid.is_some_and(|p| !alive(p));
            (key..key + 4096).contains(&o.key) || (foreign_uid && abandoned_private)
        };
        let new_sysv: Vec<String> = sysv_objects()
            .into_iter()
            .filter(|o| {
                !self
                    .before
                    .sysv
                    .contains(&(o.kind.to_string(), o.id.clone()))
            })
            .filter(suspicious)
            .map(|o| format!("{} id {} key {:#x} uid {}", o.kind, o.id, o.key, o.cuid))
            .collect();
        assert!(
            new_sysv.is_empty(),
            "{}: System V objects left on the host: {new_sysv:?}",
            self.label
        );

        let queue = format!("/{}", self.marker);
        let open = nix::mqueue::mq_open(
            queue.as_str(),
            nix::mqueue::MQ_OFlag::O_RDONLY,
            nix::sys::stat::Mode::empty(),
            None,
        );
        if let Ok(q) = open {
            let _ = nix::mqueue::mq_close(q);
            let _ = nix::mqueue::mq_unlink(queue.as_str());
            panic!("{}: POSIX queue {queue} left on the host", self.label);
        }

        for file in &self.host_files {
            assert!(
                !file.exists(),
                "{}: the submission wrote {} on the host",
                self.label,
                file.display()
            );
        }
    }
}

impl Drop for Attack {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// One grader run: its pid, exit status, output, wall time and peak memory.
pub struct Graded {
    pub pid: u32,
    pub code: Option<i32>,
    pub stdout: String,
    /// Stdout as the bytes it was.
    pub stdout_bytes: Vec<u8>,
    pub stderr: String,
    pub elapsed: Duration,
    /// The grader's VmHWM (peak resident set) in KiB, as last seen while it ran.
    pub peak_kib: u64,
    /// The largest VmHWM of its direct children (the sandbox supervisors, the compiler).
    pub children_peak_kib: u64,
}

impl Graded {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}\n{}", self.stdout, self.stderr))
    }

    /// The score of the (one) graded exercise.
    pub fn score(&self) -> u64 {
        let json = self.json();
        json["score"]
            .as_u64()
            .unwrap_or_else(|| panic!("no score: {json:#}"))
    }

    /// Every check's output, one per line (`name: output`).
    pub fn outputs(&self) -> String {
        self.json()["exercises"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|e| e["checks"].as_array().cloned().unwrap_or_default())
            .map(|c| format!("{}: {}", c["name"], c["output"].as_str().unwrap_or("")))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// The processes whose parent is `parent`.
fn children_of(parent: u32) -> Vec<u32> {
    let Ok(text) = std::fs::read_to_string(format!("/proc/{parent}/task/{parent}/children")) else {
        return Vec::new();
    };
    text.split_whitespace()
        .filter_map(|p| p.parse().ok())
        .collect()
}

fn peak_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

/// Runs ipc-lab with `args` to its end, watching its peak memory; a generous limit only
/// guards against a grader that never ends (the first grade also builds the crates the
/// exercises use).
pub fn run_grader(args: &[&str]) -> Graded {
    run_grader_with(args, &[])
}

/// [`run_grader`] with more environment variables.
pub fn run_grader_with(args: &[&str], env: &[(&str, &str)]) -> Graded {
    let mut cmd = Command::new(BIN);
    cmd.args(args).envs(env.iter().copied());
    watch(cmd, Duration::from_secs(900))
        .unwrap_or_else(|| panic!("ipc-lab {args:?} did not finish"))
}

/// The grader under `wrapper` (e.g. `prlimit --as=…`), stopped (SIGKILL) after `limit`:
/// None when it had to be.
pub fn run_grader_bounded(wrapper: &[&str], args: &[&str], limit: Duration) -> Option<Graded> {
    let mut cmd = Command::new(wrapper[0]);
    cmd.args(&wrapper[1..]).arg(BIN).args(args);
    watch(cmd, limit)
}

/// Runs `cmd` (in English, stdin empty), reading its output and its peak memory, for at
/// most `limit`.
fn watch(mut cmd: Command, limit: Duration) -> Option<Graded> {
    let args = format!("{cmd:?}");
    let start = Instant::now();
    let mut child = cmd
        .env("IPC_LAB_LANG", "en")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("ipc-lab starts");
    let pid = child.id();
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = out.read_to_end(&mut buf);
        buf
    });
    let err_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = err.read_to_end(&mut buf);
        buf
    });
    let mut peak = 0;
    let mut children_peak = 0;
    let status = loop {
        if let Some(kib) = peak_kib(pid) {
            peak = peak.max(kib);
        }
        for child in children_of(pid) {
            children_peak = children_peak.max(peak_kib(child).unwrap_or(0));
        }
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    // A process of the run that outlived the grader and kept its stdout would keep these
    // pipes open: say so instead of hanging.
    let ended = Instant::now();
    while !(reader.is_finished() && err_reader.is_finished()) {
        assert!(
            ended.elapsed() < Duration::from_secs(10),
            "{args} exited but its output pipes stayed open 10 s (a survivor holds them)"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    let stdout = reader.join().unwrap();
    let stderr = err_reader.join().unwrap();
    Some(Graded {
        pid,
        code: status.code(),
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stdout_bytes: stdout.clone(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
        elapsed: start.elapsed(),
        peak_kib: peak,
        children_peak_kib: children_peak,
    })
}
