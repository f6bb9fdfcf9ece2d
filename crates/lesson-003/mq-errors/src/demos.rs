//! The six pitfalls, each built for real with small, uniquely named queues that are
//! unlinked when the demo ends (whatever happens).

use nix::errno::Errno;

use ipc_core::mq::{
    Capacity, HARD_MSGMAX, HARD_MSGSIZEMAX, MessageQueue, QueueAccess, QueueOptions,
    has_cap_sys_resource, kernel_limits, queue_bytes, rlimit_msgqueue, set_rlimit_msgqueue,
    unlink_on_drop,
};
use ipc_core::text::{text, text_with};
use ipc_core::unique::unique_name;
use ipc_core::{IpcError, ObjectName, Result, interrupt};

use crate::Pitfall;
use crate::report::{Attempt, Scene, show};

const EVERY: [Pitfall; 6] = [
    Pitfall::EagainFull,
    Pitfall::EagainEmpty,
    Pitfall::Emsgsize,
    Pitfall::Enoent,
    Pitfall::Ebadf,
    Pitfall::Limits,
];

fn id(p: Pitfall) -> &'static str {
    match p {
        Pitfall::EagainFull => "eagain-full",
        Pitfall::EagainEmpty => "eagain-empty",
        Pitfall::Emsgsize => "emsgsize",
        Pitfall::Enoent => "enoent",
        Pitfall::Ebadf => "ebadf",
        Pitfall::Limits => "limits",
        Pitfall::All => "all",
    }
}

fn scene(p: Pitfall) -> Result<Scene> {
    match p {
        Pitfall::EagainFull => eagain_full(),
        Pitfall::EagainEmpty => eagain_empty(),
        Pitfall::Emsgsize => emsgsize(),
        Pitfall::Enoent => enoent(),
        Pitfall::Ebadf => ebadf(),
        Pitfall::Limits => limits(),
        Pitfall::All => unreachable!("`all` is a list of demos, not one"),
    }
}

/// Runs one demo, or every one then a summary; Err when one did not reproduce its error.
pub fn run(pitfall: Pitfall) -> Result<()> {
    interrupt::install()?;
    let list: Vec<Pitfall> = match pitfall {
        Pitfall::All => EVERY.to_vec(),
        one => vec![one],
    };
    let mut missed = Vec::new();
    for (i, &p) in list.iter().enumerate() {
        if i > 0 {
            println!();
        }
        if let Some(reason) = show(id(p), scene(p)) {
            missed.push((id(p), reason));
        }
        interrupt::check("mq-errors")?;
    }
    if pitfall == Pitfall::All {
        println!();
        println!(
            "{}",
            text_with(
                "mq-errors.summary",
                &[&(list.len() - missed.len()), &list.len()]
            )
        );
    }
    match missed.as_slice() {
        [] => Ok(()),
        [(one, reason)] if pitfall != Pitfall::All => Err(IpcError::refused(
            *one,
            text_with("mq-errors.result.not-reproduced", &[reason]),
        )),
        _ => {
            let names: Vec<&str> = missed.iter().map(|(id, _)| *id).collect();
            Err(IpcError::refused(
                "all",
                text_with("mq-errors.summary.missed", &[&names.join(", ")]),
            ))
        }
    }
}

/// A queue name no other run uses: `/mq-errors-TAG-PID-N-XXXXX`.
fn queue_name(tag: &str) -> ObjectName {
    ObjectName::parse_mq(&format!("/{}", unique_name(&format!("mq-errors-{tag}"))))
        .expect("generated names are valid")
}

/// `mq_open(name, access|O_CREAT|O_EXCL [|O_NONBLOCK], 0600, capacity)`.
fn create(
    name: &ObjectName,
    access: QueueAccess,
    nonblock: bool,
    capacity: Capacity,
) -> Result<MessageQueue> {
    MessageQueue::open(
        name,
        QueueOptions {
            access,
            exclusive: true,
            nonblock,
            ..QueueOptions::create(0o600, capacity.max_msgs, capacity.msg_size)
        },
    )
}

/// `mq_open(name, O_RDONLY|O_NONBLOCK)` of an existing queue.
fn open_nonblocking_reader(name: &ObjectName) -> Result<MessageQueue> {
    MessageQueue::open(
        name,
        QueueOptions {
            nonblock: true,
            ..QueueOptions::open(QueueAccess::ReadOnly)
        },
    )
}

/// A queue of `max_msgs` messages of `msg_size` bytes.
fn sized(max_msgs: i64, msg_size: i64) -> Capacity {
    Capacity { max_msgs, msg_size }
}

fn send_call(name: &ObjectName, len: usize) -> String {
    format!("mq_send({name}, {len} bytes, priority 0)")
}

fn receive_call(name: &ObjectName, len: usize) -> String {
    format!("mq_receive({name}, buffer of {len} bytes)")
}

/// 1.1: as the lesson, 2 messages of 32 bytes fill the queue; the third send fails.
fn eagain_full() -> Result<Scene> {
    let name = queue_name("eagain-full");
    let capacity = sized(2, 32);
    let queue = create(&name, QueueAccess::WriteOnly, true, capacity)?;
    let _unlink = unlink_on_drop(&name);
    let msg = [b'x'; 32];
    for _ in 0..capacity.max_msgs {
        queue.send(&msg, 0)?;
    }
    let attempt = Attempt::new(
        Errno::EAGAIN,
        None,
        send_call(&name, msg.len()),
        queue.send(&msg, 0),
    );
    Ok(Scene::new(
        text_with(
            "mq-errors.eagain-full.scenario",
            &[&name, &capacity.max_msgs],
        ),
        vec![attempt],
    ))
}

/// 1.2: a writer creates the queue; a non-blocking reader finds it empty.
fn eagain_empty() -> Result<Scene> {
    let name = queue_name("eagain-empty");
    let capacity = sized(2, 32);
    let _writer = create(&name, QueueAccess::WriteOnly, false, capacity)?;
    let _unlink = unlink_on_drop(&name);
    let reader = open_nonblocking_reader(&name)?;
    let mut buf = [0u8; 32];
    let attempt = Attempt::new(
        Errno::EAGAIN,
        None,
        receive_call(&name, buf.len()),
        reader.receive(&mut buf),
    );
    Ok(Scene::new(
        text_with("mq-errors.eagain-empty.scenario", &[&name]),
        vec![attempt],
    ))
}

/// 1.3: a 64-byte message into a 16-byte queue, then an 8-byte buffer for an 8-byte message.
fn emsgsize() -> Result<Scene> {
    let name = queue_name("emsgsize");
    let capacity = sized(4, 16);
    let queue = create(&name, QueueAccess::ReadWrite, true, capacity)?;
    let _unlink = unlink_on_drop(&name);
    let big = [b'A'; 64];
    let too_big = Attempt::new(
        Errno::EMSGSIZE,
        None,
        send_call(&name, big.len()),
        queue.send(&big, 0),
    );
    let short = [b'B'; 8];
    queue.send(&short, 0)?;
    let mut buf = [0u8; 8];
    let too_small = Attempt::new(
        Errno::EMSGSIZE,
        None,
        receive_call(&name, buf.len()),
        queue.receive(&mut buf),
    );
    Ok(Scene::new(
        text_with(
            "mq-errors.emsgsize.scenario",
            &[&name, &capacity.msg_size, &big.len(), &buf.len()],
        ),
        vec![too_big, too_small],
    ))
}

/// 1.4: a name nobody created, opened without O_CREAT.
fn enoent() -> Result<Scene> {
    let name = queue_name("enoent");
    // Armed in case the open unexpectedly creates something: nothing may be left behind.
    let _unlink = unlink_on_drop(&name);
    let result = MessageQueue::open(&name, QueueOptions::open(QueueAccess::ReadOnly));
    let attempt = Attempt::new(
        Errno::ENOENT,
        None,
        format!("mq_open({name}, O_RDONLY)"),
        result,
    );
    Ok(Scene::new(
        text_with("mq-errors.enoent.scenario", &[&name]),
        vec![attempt],
    ))
}

/// 1.5: a write-only descriptor receives, a read-only one sends.
fn ebadf() -> Result<Scene> {
    let name = queue_name("ebadf");
    let capacity = sized(2, 8);
    let writer = create(&name, QueueAccess::WriteOnly, true, capacity)?;
    let _unlink = unlink_on_drop(&name);
    let reader = open_nonblocking_reader(&name)?;
    let mut buf = [0u8; 8];
    let receive = Attempt::new(
        Errno::EBADF,
        Some(text("mq-errors.ebadf.step-receive")),
        receive_call(&name, buf.len()),
        writer.receive(&mut buf),
    );
    let send = Attempt::new(
        Errno::EBADF,
        Some(text("mq-errors.ebadf.step-send")),
        send_call(&name, 2),
        reader.send(b"hi", 0),
    );
    Ok(Scene::new(
        text_with("mq-errors.ebadf.scenario", &[&name]),
        vec![receive, send],
    ))
}

/// Tries to create a queue that should be refused; unlinks it if it was not.
fn try_create(tag: &str, capacity: Capacity, expected: Errno, note: String) -> Attempt {
    let name = queue_name(tag);
    let _unlink = unlink_on_drop(&name);
    let call = format!(
        "mq_open({name}, O_RDWR|O_CREAT|O_EXCL, 0600, {{maxmsg {}, msgsize {}}})",
        capacity.max_msgs, capacity.msg_size
    );
    Attempt::new(
        expected,
        Some(note),
        call,
        create(&name, QueueAccess::ReadWrite, false, capacity),
    )
}

/// Puts this process's RLIMIT_MSGQUEUE back as it was when dropped.
struct RestoreRlimit {
    soft: u64,
    hard: u64,
}

impl Drop for RestoreRlimit {
    fn drop(&mut self) {
        // Raising the soft limit back up to the unchanged hard limit needs no privilege.
        let _ = set_rlimit_msgqueue(self.soft, self.hard);
    }
}

fn bytes_or_unlimited(n: u64) -> String {
    if n == nix::sys::resource::RLIM_INFINITY {
        text("mq-errors.limits.unlimited")
    } else {
        n.to_string()
    }
}

/// 1.6: one step beyond each limit that binds this process.
fn limits() -> Result<Scene> {
    let l = kernel_limits()?;
    let (soft, hard) = rlimit_msgqueue()?;
    let cap = has_cap_sys_resource();
    // CAP_SYS_RESOURCE replaces the /proc limits with the kernel's hard ceilings.
    let (most_msgs, longest, bound) = if cap {
        (HARD_MSGMAX, HARD_MSGSIZEMAX, "mq-errors.limits.bound-hard")
    } else {
        (l.msg_max, l.msgsize_max, "mq-errors.limits.bound-proc")
    };
    let bound = text(bound);

    let maxmsg = try_create(
        "limits-maxmsg",
        sized(most_msgs as i64 + 1, 16),
        Errno::EINVAL,
        text_with(
            "mq-errors.limits.step-maxmsg",
            &[&(most_msgs + 1), &most_msgs, &bound],
        ),
    );
    let msgsize = try_create(
        "limits-msgsize",
        sized(1, longest as i64 + 1),
        Errno::EINVAL,
        text_with(
            "mq-errors.limits.step-msgsize",
            &[&(longest + 1), &longest, &bound],
        ),
    );

    // A queue within the attribute limits whose bytes alone exceed a lowered soft limit.
    let small = Capacity {
        max_msgs: l.msg_max.clamp(1, 2) as i64,
        msg_size: l.msgsize_max.clamp(2, 1024) as i64,
    };
    let lowered = soft.min((small.max_msgs * small.msg_size / 2) as u64);
    let rlimit = {
        set_rlimit_msgqueue(lowered, hard)?;
        let _restore = RestoreRlimit { soft, hard };
        try_create(
            "limits-rlimit",
            small,
            Errno::EMFILE,
            text_with(
                "mq-errors.limits.step-rlimit",
                &[
                    &small.max_msgs,
                    &small.msg_size,
                    &queue_bytes(small),
                    &lowered,
                ],
            ),
        )
    };

    let enospc = if cap {
        text_with("mq-errors.limits.enospc-cap", &[&l.queues_max])
    } else {
        text_with("mq-errors.limits.enospc", &[&l.queues_max])
    };
    let has_cap = text(if cap {
        "mq-errors.limits.cap-yes"
    } else {
        "mq-errors.limits.cap-no"
    });
    Ok(Scene {
        scenario: text_with(
            "mq-errors.limits.scenario",
            &[
                &l.msg_max,
                &l.msgsize_max,
                &l.queues_max,
                &bytes_or_unlimited(soft),
                &bytes_or_unlimited(hard),
                &has_cap,
            ],
        ),
        attempts: vec![maxmsg, msgsize, rlimit],
        notes: vec![enospc],
    })
}
