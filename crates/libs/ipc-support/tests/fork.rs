//! The parts of ipc-support that fork, each checked in a process of its own one thread:
//! `fork_child` refuses to fork a multi-threaded process, as the test harness is. Run by
//! `cargo test` like any test file; a failed check panics, which fails it.

use std::time::Duration;

use ipc_support::process::{ChildEnd, fork_child};
use nix::errno::Errno;
use nix::sys::signal::{Signal, kill};
use nix::sys::wait::{WaitPidFlag, waitpid};
use nix::unistd::Pid;

fn exit_status_and_signal_are_reported() {
    assert_eq!(
        fork_child(|| 7).unwrap().wait().unwrap(),
        ChildEnd::Exited(7)
    );
    let end = fork_child(|| {
        let _ = kill(Pid::this(), Signal::SIGUSR1);
        0
    })
    .unwrap()
    .wait()
    .unwrap();
    assert!(
        matches!(
            end,
            ChildEnd::Signaled {
                signal: Signal::SIGUSR1,
                ..
            }
        ),
        "{end:?}"
    );
    assert_eq!(end.to_string(), "was killed by SIGUSR1");
}

fn a_dropped_child_is_killed_and_reaped() {
    let child = fork_child(|| {
        std::thread::sleep(Duration::from_secs(30));
        0
    })
    .unwrap();
    let pid = child.pid();
    drop(child);
    // Reaped: the pid no longer names a child of ours.
    assert_eq!(
        waitpid(pid, Some(WaitPidFlag::WNOHANG)).unwrap_err(),
        Errno::ECHILD
    );
}

fn wait_timeout_returns_none_while_it_runs() {
    let mut child = fork_child(|| {
        std::thread::sleep(Duration::from_secs(30));
        0
    })
    .unwrap();
    assert_eq!(child.wait_timeout(Duration::from_millis(20)).unwrap(), None);
    let end = child.kill().unwrap();
    assert!(
        matches!(
            end,
            ChildEnd::Signaled {
                signal: Signal::SIGKILL,
                ..
            }
        ),
        "{end:?}"
    );
}

fn a_child_blocked_in_a_call_is_seen_asleep_and_an_ended_one_is_not() {
    // Blocked in read() on a pipe nobody writes: asleep until the write end is closed.
    let (rx, tx) = nix::unistd::pipe().unwrap();
    let child = fork_child(|| {
        let mut byte = [0u8; 1];
        i32::from(nix::unistd::read(&rx, &mut byte) != Ok(1))
    })
    .unwrap();
    let asleep = child.wait_until_asleep(Duration::from_secs(10)).unwrap();
    assert!(asleep.state.starts_with("S (sleeping)"), "{asleep:?}");
    nix::unistd::write(&tx, b"x").unwrap();
    assert_eq!(child.wait().unwrap(), ChildEnd::Exited(0));
    let quick = fork_child(|| 0).unwrap();
    assert_eq!(quick.wait_until_asleep(Duration::from_millis(200)), None);
    drop(quick);
}

fn a_caught_signal_turns_eintr_into_an_interruption() {
    use ipc_support::{Context, interrupt};
    // In a child, so that this process's signal handling stays untouched.
    let end = fork_child(|| {
        interrupt::install().unwrap();
        if interrupt::received().is_some() {
            return 2;
        }
        nix::sys::signal::raise(Signal::SIGINT).unwrap();
        let err = Err::<(), _>(Errno::EINTR)
            .context(|| "mq_receive(/q)".into())
            .unwrap_err();
        let other = Err::<(), _>(Errno::EAGAIN)
            .context(|| "x".into())
            .unwrap_err();
        // A signal caught before a blocking call began ends it at once instead of hanging.
        let blocked = interrupt::retry_eintr(|| -> Result<(), Errno> { Err(Errno::EAGAIN) });
        let ok = err.exit_status() == 130
            && err.to_string() == "mq_receive(/q): interrupted by SIGINT"
            && other.errno() == Some(Errno::EAGAIN)
            && blocked == Err(Errno::EINTR)
            && interrupt::check("loop").is_err();
        i32::from(!ok)
    })
    .unwrap()
    .wait()
    .unwrap();
    assert_eq!(end, ChildEnd::Exited(0));
}

/// True once `pid` runs no more: gone, or a zombie waiting for init to reap it.
fn ended(pid: i32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).map_or(true, |stat| stat.contains(") Z "))
}

/// A child's own children die with it: one forked with `fork_child` (PR_SET_PDEATHSIG,
/// SIGKILL) and one program started with `die_with_parent` (SIGTERM). Without that they
/// would sleep on for ever once their parent is gone.
fn children_die_with_their_parent() {
    use std::sync::atomic::{AtomicI32, Ordering};
    let rw = nix::sys::mman::ProtFlags::PROT_READ | nix::sys::mman::ProtFlags::PROT_WRITE;
    let map =
        ipc_sys::mman::mmap_anonymous(4096, rw, nix::sys::mman::MapFlags::MAP_SHARED).unwrap();
    let (forked, started): (&AtomicI32, &AtomicI32) =
        (map.place(0).unwrap(), map.place(4).unwrap());
    let end = fork_child(|| {
        let Ok(grandchild) = fork_child(|| {
            loop {
                std::thread::sleep(Duration::from_secs(1));
            }
        }) else {
            return 1;
        };
        forked.store(grandchild.pid().as_raw(), Ordering::SeqCst);
        // Not killed by this process on the way out: its parent's death must end it.
        std::mem::forget(grandchild);
        let mut sleep = std::process::Command::new("sleep");
        sleep.arg("1000");
        ipc_sys::process::die_with_parent(&mut sleep, Signal::SIGTERM);
        let Ok(program) = sleep.spawn() else {
            return 2;
        };
        started.store(i32::try_from(program.id()).unwrap_or(0), Ordering::SeqCst);
        0
    })
    .unwrap()
    .wait()
    .unwrap();
    assert_eq!(end, ChildEnd::Exited(0));
    let start = std::time::Instant::now();
    for pid in [
        forked.load(Ordering::SeqCst),
        started.load(Ordering::SeqCst),
    ] {
        assert!(pid > 0);
        while !ended(pid) {
            if start.elapsed() > Duration::from_secs(20) {
                let _ = kill(Pid::from_raw(pid), Signal::SIGKILL);
                panic!("process {pid} outlived its parent");
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}

fn a_threaded_process_is_refused() {
    let _thread = std::thread::spawn(|| std::thread::sleep(Duration::from_secs(1)));
    let err = fork_child(|| 0).unwrap_err();
    assert_eq!(err.errno(), Some(Errno::EDEADLK));
    assert!(err.to_string().starts_with("fork(): EDEADLK"), "{err}");
}

fn main() {
    ipc_text::set_lang(ipc_text::Lang::EN);
    let checks: [(&str, fn()); 7] = [
        (
            "exit_status_and_signal_are_reported",
            exit_status_and_signal_are_reported,
        ),
        (
            "a_dropped_child_is_killed_and_reaped",
            a_dropped_child_is_killed_and_reaped,
        ),
        (
            "wait_timeout_returns_none_while_it_runs",
            wait_timeout_returns_none_while_it_runs,
        ),
        (
            "a_child_blocked_in_a_call_is_seen_asleep_and_an_ended_one_is_not",
            a_child_blocked_in_a_call_is_seen_asleep_and_an_ended_one_is_not,
        ),
        (
            "a_caught_signal_turns_eintr_into_an_interruption",
            a_caught_signal_turns_eintr_into_an_interruption,
        ),
        (
            "children_die_with_their_parent",
            children_die_with_their_parent,
        ),
        // Last: it leaves a thread behind.
        (
            "a_threaded_process_is_refused",
            a_threaded_process_is_refused,
        ),
    ];
    for (name, check) in checks {
        check();
        println!("test {name} ... ok");
    }
}
