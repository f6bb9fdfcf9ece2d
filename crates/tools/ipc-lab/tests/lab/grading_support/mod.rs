//! Shared by the class, autograder, classroom and report tests: run ipc-lab with a guard
//! against a grader that never ends, and make submission folders from the reference
//! solutions and the stubs.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_ipc-lab");

/// The workspace (the folder with info.toml, solutions/ and exercises/).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../..")
        .canonicalize()
        .unwrap()
}

/// A folder under cargo's per-workspace temporary directory, emptied first. Its name is
/// stable, so the grader reuses its builds across test runs instead of adding new ones.
pub fn fresh_dir(label: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(label);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Copies `from/exNN.rs` of each named exercise into `to` (created).
pub fn copy_exercises(from: &str, names: &[&str], to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for name in names {
        std::fs::copy(
            root().join(from).join(format!("{name}.rs")),
            to.join(format!("{name}.rs")),
        )
        .unwrap();
    }
}

pub const ALL: &[&str] = &["ex01", "ex02", "ex03", "ex04", "ex05", "ex06"];

/// `source` with `find` (which must occur exactly once) replaced.
pub fn edited(source: &str, find: &str, replace: &str) -> String {
    assert_eq!(source.matches(find).count(), 1, "expected one {find:?}");
    source.replacen(find, replace, 1)
}

/// Runs `cmd` to its end (at most `limit`, then the test fails) and returns its output.
pub fn run_bounded(cmd: &mut Command, limit: Duration) -> Output {
    let child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starts");
    let start = Instant::now();
    let waiter = std::thread::spawn(move || child.wait_with_output().expect("output"));
    while !waiter.is_finished() {
        assert!(
            start.elapsed() < limit,
            "{cmd:?} did not finish in {limit:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    waiter.join().unwrap()
}

/// ipc-lab with `args`, in English; a generous limit only guards against a grader that
/// never ends (the first run from a clean checkout compiles the exercises' dependencies).
pub fn ipc_lab(args: &[&str]) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.args(args).env("IPC_LAB_LANG", "en");
    run_bounded(&mut cmd, Duration::from_secs(1200))
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The gradebook's rows (header first), parsed by a real CSV reader.
pub fn read_csv(path: &Path) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(path)
        .unwrap();
    reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// `ipc-lab grade --class CLASS --output GRADEBOOK EXTRA...`.
pub fn grade_class(class: &Path, gradebook: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "grade",
        "--class",
        class.to_str().unwrap(),
        "--output",
        gradebook.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    ipc_lab(&args)
}
