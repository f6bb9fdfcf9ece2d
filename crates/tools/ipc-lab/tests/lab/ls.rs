//! `ipc-lab ls`: finds the objects a test created, of every kind, with the right fields,
//! and marks the ones nothing uses as dangling.

use crate::objects_support::*;
use assert_cmd::cargo::cargo_bin_cmd;
use ipc_lab::objects::ObjectKind;
use predicates::str::contains;

#[test]
fn json_lists_every_kind_with_typed_fields() {
    let me = std::process::id();
    let (key, shmid, _shm) = sysv_shm(4096);
    let (msqid, _msg) = ipcmk(ObjectKind::SysvMsg, &["-Q"]);
    let (semid, _sem) = ipcmk(ObjectKind::SysvSem, &["-S", "3"]);
    let (idle, _idle) = posix_shm("ls-idle", 100);
    let (busy, _busy) = posix_shm("ls-busy", 4096);
    let _mapped = map(&busy, 4096);
    let (sem, _semfile) = sem_file("ls-sem");

    let all = ls_json();
    assert_eq!(
        all["mqueue_mounted"],
        ipc_lab::objects::mqueue_mount().is_some()
    );

    let seg = find(&all, ObjectKind::SysvShm, &key).expect("the System V segment");
    assert_eq!(seg["id"], shmid);
    assert_eq!(seg["bytes"], 4096);
    assert_eq!(seg["mode"], 0o600);
    assert_eq!(seg["mode_octal"], "0600");
    assert_eq!(seg["nattch"], 0);
    let uid = nix::unistd::getuid().as_raw();
    assert_eq!(seg["uid"], uid);
    assert_eq!(seg["owner"], ipc_lab::objects::user_name(uid));
    assert_eq!(seg["creator_pid"], me);
    assert_eq!(seg["creator_alive"], true);
    assert_eq!(seg["dangling"], false, "its creator (this test) is alive");
    assert!(seg["key"].is_u64());

    let by_id = |kind: ObjectKind, id: i32| {
        all["objects"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["kind"] == kind.label() && o["id"] == id)
            .unwrap_or_else(|| panic!("{} {id} not listed", kind.label()))
            .clone()
    };
    let q = by_id(ObjectKind::SysvMsg, msqid);
    assert_eq!((&q["messages"], &q["bytes"]), (&0.into(), &0.into()));
    assert_eq!(q["dangling"], true, "nobody ever sent or received");
    let s = by_id(ObjectKind::SysvSem, semid);
    assert_eq!(s["nsems"], 3);
    assert_eq!(s["mode"], 0o600);

    let i = find(&all, ObjectKind::PosixShm, idle.as_str()).expect("the idle POSIX object");
    assert_eq!(i["bytes"], 100);
    assert_eq!(i["path"], idle.fs_path());
    assert_eq!(i["mode"], 0o600);
    assert!(i["time"].is_i64());
    assert_eq!(i["dangling"], true, "nothing maps it or holds it open");
    assert_eq!(i["used_by"], serde_json::json!([]));

    let b = find(&all, ObjectKind::PosixShm, busy.as_str()).expect("the mapped POSIX object");
    assert_eq!(b["dangling"], false);
    assert!(b["used_by"].as_array().unwrap().contains(&me.into()), "{b}");

    let n = find(&all, ObjectKind::PosixSem, &sem).expect("the named semaphore");
    assert_eq!(n["bytes"], 32);
    assert_eq!(n["dangling"], true);
}

#[test]
fn table_shows_objects_and_marks_dangling_ones() {
    let (idle, _idle) = posix_shm("ls-table", 100);
    let out = cargo_bin_cmd!("ipc-lab")
        .args(["ls", "--lang", "en"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("KIND"), "{stdout}");
    let line = stdout
        .lines()
        .find(|l| l.contains(idle.as_str()))
        .unwrap_or_else(|| panic!("{idle} missing from:\n{stdout}"));
    assert!(line.starts_with("posix-shm"), "{line}");
    assert!(line.contains("0600") && line.contains("100"), "{line}");
    assert!(line.trim_end().ends_with("dangling"), "{line}");
}

/// Without any mqueue mount, ls explains how to see the queues instead of failing. Every
/// mqueue mount is taken away in a private mount namespace, which takes root: mounts an
/// ordinary user inherits in a user namespace are locked and cannot be unmounted there.
#[test]
#[ignore = "needs root to unmount the mqueue mounts in a private mount namespace (run as root with --ignored)"]
fn unmounted_mqueue_is_explained_not_an_error() {
    let out = std::process::Command::new("unshare")
        .args(["--mount", "--propagation", "private", "sh", "-c"])
        .arg(r#"for m in $(awk '$3 == "mqueue" { print $2 }' /proc/self/mounts); do umount "$m" || exit 1; done; exec "$0" ls --lang en"#)
        .arg(env!("CARGO_BIN_EXE_ipc-lab"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "could not unmount the mqueue mounts privately (root needed): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("mount -t mqueue none /dev/mqueue"),
        "{stdout}"
    );
}

#[test]
fn vietnamese_headers_with_lang_vi_and_from_the_environment() {
    // One object of our own, so the table (and its header) is printed on any machine.
    let (_name, _shm) = posix_shm("ls-vi", 100);
    cargo_bin_cmd!("ipc-lab")
        .args(["ls", "--lang", "vi"])
        .assert()
        .success()
        .stdout(contains("TRẠNG THÁI"));
    cargo_bin_cmd!("ipc-lab")
        .arg("ls")
        .env("IPC_LAB_LANG", "vi")
        .assert()
        .success()
        .stdout(contains("TRẠNG THÁI"));
}

/// POSIX queues are listed from an mqueue mount. /dev/mqueue is not mounted on every machine,
/// so the test mounts one in a private mount namespace (`unshare -m`), which needs
/// CAP_SYS_ADMIN: an ordinary user's `cargo test` skips it (ignored), and run as root with
/// `cargo test -p ipc-lab --test lab -- --ignored ls::` it fails if it cannot mount. Queues belong
/// to the IPC namespace, which stays shared, so the queue this test holds open shows there.
#[test]
#[ignore = "needs CAP_SYS_ADMIN to mount an mqueue file system in a private mount namespace (run as root with --ignored)"]
fn queues_are_listed_from_an_mqueue_mount_with_their_users() {
    use ipc_support::unique::unique_name;
    use ipc_support::{Cleanup, ObjectName};
    use nix::mqueue::{MQ_OFlag, MqAttr, mq_close, mq_open, mq_send};
    use nix::sys::stat::Mode;
    let flags = MQ_OFlag::O_CREAT | MQ_OFlag::O_RDWR;
    let mode = Mode::S_IRUSR | Mode::S_IWUSR;
    let name = ObjectName::parse_mq(&format!("/{}", unique_name("ls-mq"))).unwrap();
    let queue = mq_open(name.as_str(), flags, mode, Some(&MqAttr::new(0, 4, 64, 0))).unwrap();
    let _unlink = Cleanup::mq(&name);
    mq_send(&queue, b"hello", 1).unwrap();
    let (idle, _idle) = {
        let n = ObjectName::parse_mq(&format!("/{}", unique_name("ls-mq-idle"))).unwrap();
        let q = mq_open(n.as_str(), flags, mode, Some(&MqAttr::new(0, 2, 16, 0))).unwrap();
        mq_close(q).unwrap();
        let guard = Cleanup::mq(&n);
        (n, guard)
    };
    let script = format!(
        "mount -t tmpfs none /mnt && mkdir /mnt/mq && mount -t mqueue none /mnt/mq && exec {} ls --json",
        env!("CARGO_BIN_EXE_ipc-lab")
    );
    let out = std::process::Command::new("unshare")
        .args(["-m", "--propagation", "private", "sh", "-c", &script])
        .output();
    let out = match out {
        Ok(out) if out.status.success() => out,
        other => panic!("cannot mount mqueue in a private mount namespace here: {other:?}"),
    };
    let all: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // Another mqueue mount inherited from outside (CI mounts one privately to check for
    // leaks) may be the one chosen; any of them lists the same queues.
    assert!(
        all["mqueue_dir"].is_string(),
        "an mqueue mount is used: {all}"
    );
    let q = find(&all, ObjectKind::PosixMq, name.as_str()).expect("the queue");
    assert_eq!(q["bytes"], 5, "QSIZE counts the bytes queued: {q}");
    assert_eq!(q["mode"], 0o600);
    assert_eq!(q["dangling"], false, "this test holds it open: {q}");
    assert!(
        q["used_by"]
            .as_array()
            .unwrap()
            .contains(&std::process::id().into())
    );
    let i = find(&all, ObjectKind::PosixMq, idle.as_str()).expect("the idle queue");
    assert_eq!((&i["bytes"], &i["dangling"]), (&0.into(), &true.into()));
    mq_close(queue).unwrap();
}
