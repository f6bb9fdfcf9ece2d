//! A suite started as a background job (`cargo test &`, `nohup`) has SIGINT ignored, and
//! every program it starts inherits that: a shell cannot even trap it then. Pressing Ctrl-C
//! on a program must still work from there. This binary ignores SIGINT for itself (its own
//! process, so no other test is touched) and presses Ctrl-C on a trapping shell.

use std::process::Command;
use std::time::Duration;

use ipc_testkit::interrupt_when_blocked;
use nix::sys::signal::Signal;

#[test]
fn ctrl_c_reaches_a_program_started_by_a_process_that_ignores_it() {
    ipc_sys::signal::set_ignored(Signal::SIGINT, true).unwrap();
    let out = interrupt_when_blocked(
        Command::new("sh").args(["-c", "trap 'exit 7' INT; while :; do sleep 0.1; done"]),
        Duration::from_secs(10),
    )
    .unwrap();
    assert_eq!(out.status.code(), Some(7));
}
