//! Without namespaces (a container that forbids them), the run shares the host's IPC
//! objects, so what it made can only be known from its own calls: every object a traced
//! call created that still exists when the run has ended is a leftover, and is removed.
//! (A run whose calls outnumber the kept events may hide some: the report says when
//! events were dropped.)

use std::collections::BTreeSet;
use std::process::{Command, Stdio};

use crate::report::{Event, Object, What};

fn created(events: &[Event]) -> (BTreeSet<String>, BTreeSet<String>, Vec<(&'static str, i64)>) {
    let mut files = BTreeSet::new();
    let mut queues = BTreeSet::new();
    let mut sysv = Vec::new();
    let creat = u64::try_from(libc::O_CREAT).unwrap_or(0);
    for event in events {
        let What::Call(call) = &event.what else {
            continue;
        };
        let Some(ret) = call.ret.filter(|r| *r >= 0) else {
            continue;
        };
        let arg = |i: usize| call.args.get(i).copied().unwrap_or(0);
        let shm_name = || {
            call.path
                .as_deref()
                .and_then(|p| p.strip_prefix("/dev/shm/"))
                .map(str::to_string)
        };
        match call.name.as_str() {
            "openat" if arg(2) & creat != 0 => files.extend(shm_name()),
            "open" if arg(1) & creat != 0 => files.extend(shm_name()),
            "link" | "linkat" => files.extend(shm_name()),
            "mq_open" if arg(1) & creat != 0 => {
                queues.extend(call.path.as_deref().map(str::to_string));
            }
            "shmget" => sysv.push(("shm", ret)),
            "msgget" => sysv.push(("msg", ret)),
            "semget" => sysv.push(("sem", ret)),
            _ => {}
        }
    }
    (files, queues, sysv)
}

fn sysv_exists(kind: &str, id: i64) -> bool {
    std::fs::read_to_string(format!("/proc/sysvipc/{kind}")).is_ok_and(|text| {
        text.lines().skip(1).any(|l| {
            l.split_whitespace()
                .nth(1)
                .and_then(|v| v.parse::<i64>().ok())
                == Some(id)
        })
    })
}

/// Finds what the run's calls created and is still there, removes it, and says what it was.
pub fn sweep(events: &[Event]) -> Vec<Object> {
    let (files, queues, sysv) = created(events);
    let mut left = Vec::new();
    for name in files {
        if name.contains('/') {
            continue;
        }
        let path = std::path::Path::new("/dev/shm").join(&name);
        if let Ok(meta) = std::fs::symlink_metadata(&path) {
            if std::fs::remove_file(&path).is_ok() {
                left.push(Object::ShmFile {
                    name,
                    size: meta.len(),
                });
            }
        }
    }
    for queue in queues {
        if nix::mqueue::mq_unlink(queue.as_str()).is_ok() {
            left.push(Object::Queue {
                name: queue.trim_start_matches('/').to_string(),
            });
        }
    }
    for (kind, id) in sysv {
        if !sysv_exists(kind, id) {
            continue;
        }
        let flag = match kind {
            "shm" => "-m",
            "msg" => "-q",
            _ => "-s",
        };
        let removed = Command::new("ipcrm")
            .args([flag, &id.to_string()])
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if removed {
            left.push(match kind {
                "shm" => Object::SysvSegment {
                    key: 0,
                    id,
                    size: 0,
                    attached: 0,
                },
                "msg" => Object::SysvQueue {
                    key: 0,
                    id,
                    messages: 0,
                },
                _ => Object::SysvSemaphores {
                    key: 0,
                    id,
                    count: 0,
                },
            });
        }
    }
    left
}
