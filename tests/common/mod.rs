//! What the cross-program tests share: the workspace's programs (built once per test
//! process, since `CARGO_BIN_EXE_*` only exists for a package's own binaries) and the C
//! peers (compiled once per test process with `cc -Werror`).

#![allow(dead_code)] // each test file uses its own part of this module

use std::path::{Path, PathBuf};
use std::process::Command as StdCommand;
use std::sync::OnceLock;

use assert_cmd::Command;
use ipc_support::unique::unique_name;

/// The programs these tests drive: every lesson program and tool of the workspace.
const PROGRAMS: [&str; 12] = [
    "sysv-writer",
    "sysv-reader",
    "posix-writer",
    "posix-reader",
    "mmap-kinds",
    "sysv-msg",
    "posix-mq",
    "mq-errors",
    "shm-errors",
    "sem-demos",
    "ipc-lab",
    "ipc-bench",
];

/// The C peers, one file each in tests/c/.
const C_PEERS: [&str; 5] = [
    "sysv_writer",
    "sysv_reader",
    "posix_writer",
    "posix_reader",
    "mq_peer",
];

/// `target/<profile>`: this test binary lives in its `deps/` folder.
fn profile_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("current_exe");
    exe.parent()
        .and_then(Path::parent)
        .expect("test binary is in target/<profile>/deps")
        .to_path_buf()
}

/// Builds the programs once (a no-op when `cargo test --workspace` built them already) and
/// returns the folder that holds them.
fn bin_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = profile_dir();
        let target = dir.parent().expect("target dir");
        let mut cargo = StdCommand::new(env!("CARGO"));
        cargo
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(["build", "--quiet", "--target-dir"])
            .arg(target);
        match dir.file_name().and_then(|n| n.to_str()) {
            Some("debug") => {}
            Some("release") => {
                cargo.arg("--release");
            }
            Some(profile) => {
                cargo.args(["--profile", profile]);
            }
            None => panic!("unexpected target layout: {}", dir.display()),
        }
        for program in PROGRAMS {
            cargo.args(["-p", program]);
        }
        let status = cargo.status().expect("run cargo build");
        assert!(
            status.success(),
            "cargo build of the lesson programs failed"
        );
        dir
    })
}

/// Where one of the workspace's programs is, built.
pub fn program_path(name: &str) -> PathBuf {
    assert!(
        PROGRAMS.contains(&name),
        "{name} is not built by these tests"
    );
    bin_dir().join(name)
}

/// A command for one of the workspace's programs, with English messages.
pub fn program(name: &str) -> Command {
    let mut cmd = Command::new(program_path(name));
    cmd.env("IPC_LAB_LANG", "en");
    cmd
}

/// Compiles every C peer once per test process; returns the folder holding them.
fn c_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("c-peers");
        std::fs::create_dir_all(&out).expect("create c-peers dir");
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/c");
        for peer in C_PEERS {
            // Compile under a unique name, then rename: other test processes may be
            // running the previous binary at the same moment.
            let tmp = out.join(unique_name(peer));
            let status = StdCommand::new("cc")
                .args(["-std=c11", "-D_POSIX_C_SOURCE=200809L", "-D_DEFAULT_SOURCE"])
                .args(["-Wall", "-Wextra", "-Werror", "-o"])
                .arg(&tmp)
                .arg(src.join(format!("{peer}.c")))
                .arg("-lrt")
                .status()
                .expect("run cc: the compatibility tests need a C compiler");
            assert!(status.success(), "cc failed on {peer}.c");
            std::fs::rename(&tmp, out.join(peer)).expect("rename compiled peer");
        }
        out
    })
}

/// A command for one of the C peers.
pub fn c_peer(name: &str) -> Command {
    assert!(C_PEERS.contains(&name), "no C peer {name}");
    Command::new(c_dir().join(name))
}

/// stdout of a finished command as text.
pub fn stdout_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}
