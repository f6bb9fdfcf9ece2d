//! `ipc-lab trace -- PROGRAM`: the program runs as it would alone (its output and exit
//! status pass through), and the trace on stderr shows the lessons' calls of it and of
//! its children, decoded and explained, then a summary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_ipc-lab");

fn trace(args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("trace")
        .args(args)
        .env("IPC_LAB_LANG", "en")
        .output()
        .expect("ipc-lab runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn a_pipe_between_two_processes_is_a_copy_in_and_a_copy_out() {
    let out = trace(&["--", "sh", "-c", "echo hello | cat"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        text(&out.stdout),
        "hello\n",
        "the program's output passes through"
    );
    let err = text(&out.stderr);
    assert!(err.contains("pipe2(["), "{err}");
    assert!(err.contains("fork → new process"), "{err}");
    assert!(err.contains("write(1 (pipe:["), "{err}");
    assert!(err.contains("\"hello\\n\", 6) = 6"), "{err}");
    assert!(err.contains("read(0 (pipe:["), "{err}");
    // echo's write (6), cat's read (6), and cat's write to its stdout — a pipe too here,
    // the test's (6).
    assert!(
        err.contains("bytes copied through the kernel (pipes, sockets, queues): 18"),
        "{err}"
    );
    assert!(err.contains("context switches:"), "{err}");
}

#[test]
fn the_exit_status_passes_through() {
    let out = trace(&["--", "sh", "-c", "exit 3"]);
    assert_eq!(out.status.code(), Some(3));
    assert!(text(&out.stderr).contains("exited with status 3"));
}

#[test]
fn a_missing_program_is_one_line_and_status_127() {
    let out = trace(&["--", "/nonexistent/program"]);
    assert_eq!(out.status.code(), Some(127));
    let err = text(&out.stderr);
    assert!(
        err.contains("cannot run /nonexistent/program: no such program"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
}

/// A C program the lesson's way: a private segment, a child that writes into it, a parent
/// that waits and reads.
const SYSV_C: &str = r#"
#include <stdio.h>
#include <string.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <unistd.h>
int main(void) {
    int id = shmget(IPC_PRIVATE, 1024, IPC_CREAT | 0600);
    if (id < 0) { perror("shmget"); return 1; }
    char *p = shmat(id, NULL, 0);
    if (p == (void *)-1) { perror("shmat"); return 1; }
    if (fork() == 0) { strcpy(p, "from the child"); _exit(0); }
    wait(NULL);
    printf("%s\n", p);
    shmdt(p);
    shmctl(id, IPC_RMID, NULL);
    return 0;
}
"#;

fn compile(name: &str, source: &str) -> PathBuf {
    ipc_testkit::compile_c(
        &Path::new(env!("CARGO_TARGET_TMPDIR")).join("trace-c"),
        name,
        source,
    )
}

#[test]
fn system_v_calls_are_decoded_and_explained_in_either_language() {
    let bin = compile("sysv", SYSV_C);
    let out = trace(&["--", bin.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "from the child\n");
    let err = text(&out.stderr);
    assert!(
        err.contains("shmget(IPC_PRIVATE, 1024, IPC_CREAT|0o600) = "),
        "{err}"
    );
    assert!(
        err.contains("000 §3: finds or creates a System V segment"),
        "{err}"
    );
    assert!(err.contains("shmat("), "{err}");
    assert!(err.contains("shmctl("), "{err}");
    assert!(err.contains("IPC_RMID) = 0"), "{err}");
    assert!(
        err.contains("System V shared memory: shmat 1, shmctl 1, shmdt 1, shmget 1"),
        "{err}"
    );

    let out = Command::new(BIN)
        .args(["trace", "--lang", "vi", "--", bin.to_str().unwrap()])
        .output()
        .unwrap();
    let err = text(&out.stderr);
    assert!(
        err.contains("tìm hoặc tạo một segment System V theo key"),
        "{err}"
    );
    assert!(err.contains("chuyển ngữ cảnh"), "{err}");
    let _ = std::fs::remove_file(bin);
}

#[test]
fn the_trace_can_go_to_a_file() {
    let file =
        Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("trace-{}.txt", std::process::id()));
    let out = trace(&[
        "--output",
        file.to_str().unwrap(),
        "--",
        "sh",
        "-c",
        "echo x | cat",
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stderr).is_empty(), "{}", text(&out.stderr));
    let written = std::fs::read_to_string(&file).unwrap();
    assert!(written.contains("summary of the calls"), "{written}");
    let _ = std::fs::remove_file(file);
}
