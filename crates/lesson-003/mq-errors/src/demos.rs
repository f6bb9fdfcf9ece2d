//! The six pitfalls, each built for real with small, uniquely named queues that are
//! unlinked when the demo ends (whatever happens).

use ipc_support::args::PRIVATE_MODE;
use ipc_support::mq::{
    HARD_MSGMAX, HARD_MSGSIZEMAX, has_cap_sys_resource, kernel_limits, queue_bytes,
    rlimit_msgqueue, set_rlimit_msgqueue,
};
use ipc_support::unique::unique_name;
use ipc_support::{Cleanup, Context, Hint, IpcError, ObjectName, Result, call, hints, interrupt};
use ipc_sys::mqueue::OwnedMqd;
use ipc_text::{id, t, text};
use nix::errno::Errno;
use nix::mqueue::{MQ_OFlag, MqAttr, mq_open, mq_receive, mq_send};
use nix::sys::stat::Mode;

use crate::Pitfall;
use crate::report::Texts;
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

/// `mq-errors-ID-title`, `-why` and `-fix`, checked at compile time.
macro_rules! texts {
    ($id:literal) => {
        Texts {
            title: id!(concat!("mq-errors-", $id, "-title")),
            why: id!(concat!("mq-errors-", $id, "-why")),
            fix: id!(concat!("mq-errors-", $id, "-fix")),
        }
    };
}

fn texts(p: Pitfall) -> Texts {
    match p {
        Pitfall::EagainFull => texts!("eagain-full"),
        Pitfall::EagainEmpty => texts!("eagain-empty"),
        Pitfall::Emsgsize => texts!("emsgsize"),
        Pitfall::Enoent => texts!("enoent"),
        Pitfall::Ebadf => texts!("ebadf"),
        Pitfall::Limits => texts!("limits"),
        Pitfall::All => unreachable!("`all` is a list of demos, not one"),
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
        if let Some(reason) = show(texts(p), scene(p)) {
            missed.push((id(p), reason));
        }
        interrupt::check("mq-errors")?;
    }
    if pitfall == Pitfall::All {
        println!();
        println!(
            "{}",
            t!(
                "mq-errors-summary",
                reproduced = (list.len() - missed.len()),
                total = list.len()
            )
        );
    }
    match missed.as_slice() {
        [] => Ok(()),
        [(one, reason)] if pitfall != Pitfall::All => Err(IpcError::refused(
            *one,
            t!("mq-errors-result-not-reproduced", reason = reason),
        )),
        _ => {
            let names: Vec<&str> = missed.iter().map(|(id, _)| *id).collect();
            Err(IpcError::refused(
                "all",
                t!("mq-errors-summary-missed", names = names.join(", ")),
            ))
        }
    }
}

/// A queue name no other run uses: `/mq-errors-TAG-PID-N-XXXXX`.
fn queue_name(tag: &str) -> ObjectName {
    ObjectName::parse_mq(&format!("/{}", unique_name(&format!("mq-errors-{tag}"))))
        .expect("generated names are valid")
}

/// The two sizes fixed when a queue is created: how many messages it holds and how long
/// each may be (`mq_maxmsg`, `mq_msgsize`).
#[derive(Debug, Clone, Copy)]
struct Capacity {
    max_msgs: i64,
    msg_size: i64,
}

/// A queue of `max_msgs` messages of `msg_size` bytes.
fn sized(max_msgs: i64, msg_size: i64) -> Capacity {
    Capacity { max_msgs, msg_size }
}

/// A kernel limit as an attribute (`long`), saturating where it would not fit.
fn long(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// `mq_open(name, access|O_CREAT|O_EXCL [|O_NONBLOCK], 0600, {maxmsg, msgsize})`.
fn create(
    name: &ObjectName,
    access: MQ_OFlag,
    nonblock: bool,
    capacity: Capacity,
) -> Result<OwnedMqd> {
    let mut flags = access | MQ_OFlag::O_CREAT | MQ_OFlag::O_EXCL;
    if nonblock {
        flags |= MQ_OFlag::O_NONBLOCK;
    }
    let attr = MqAttr::new(0, capacity.max_msgs, capacity.msg_size, 0);
    mq_open(name.as_str(), flags, PRIVATE_MODE, Some(&attr))
        .map(OwnedMqd::from)
        .context(|| call!("mq_open", name, flags, PRIVATE_MODE, attr))
        .hints(hints::mq_open(name, true))
}

/// `mq_open(name, O_RDONLY|O_NONBLOCK)` of an existing queue.
fn open_nonblocking_reader(name: &ObjectName) -> Result<OwnedMqd> {
    let flags = MQ_OFlag::O_RDONLY | MQ_OFlag::O_NONBLOCK;
    mq_open(name.as_str(), flags, Mode::empty(), None)
        .map(OwnedMqd::from)
        .context(|| call!("mq_open", name, flags))
        .hints(hints::mq_open(name, false))
}

/// `mq_send(queue, msg, 0)`.
fn send(queue: &OwnedMqd, name: &ObjectName, msg: &[u8]) -> Result<()> {
    mq_send(queue, msg, 0)
        .context(|| send_call(name, msg.len()))
        .hints(hints::mq_send)
}

/// `mq_receive(queue, buf, &priority)`.
fn receive(queue: &OwnedMqd, name: &ObjectName, buf: &mut [u8]) -> Result<usize> {
    let len = buf.len();
    let mut priority = 0;
    mq_receive(queue, buf, &mut priority)
        .context(|| receive_call(name, len))
        .hints(hints::mq_receive)
}

fn send_call(name: &ObjectName, len: usize) -> String {
    call!("mq_send", name, format!("{len} bytes"), "priority 0")
}

fn receive_call(name: &ObjectName, len: usize) -> String {
    call!("mq_receive", name, format!("buffer of {len} bytes"))
}

/// 1.1: as the lesson, 2 messages of 32 bytes fill the queue; the third send fails.
fn eagain_full() -> Result<Scene> {
    let name = queue_name("eagain-full");
    let capacity = sized(2, 32);
    let queue = create(&name, MQ_OFlag::O_WRONLY, true, capacity)?;
    let _unlink = Cleanup::mq(&name);
    let msg = [b'x'; 32];
    for _ in 0..capacity.max_msgs {
        send(&queue, &name, &msg)?;
    }
    let attempt = Attempt::new(
        Errno::EAGAIN,
        None,
        send_call(&name, msg.len()),
        send(&queue, &name, &msg),
    );
    Ok(Scene::new(
        t!(
            "mq-errors-eagain-full-scenario",
            name = name,
            capacity = capacity.max_msgs
        ),
        vec![attempt],
    ))
}

/// 1.2: a writer creates the queue; a non-blocking reader finds it empty.
fn eagain_empty() -> Result<Scene> {
    let name = queue_name("eagain-empty");
    let capacity = sized(2, 32);
    let _writer = create(&name, MQ_OFlag::O_WRONLY, false, capacity)?;
    let _unlink = Cleanup::mq(&name);
    let reader = open_nonblocking_reader(&name)?;
    let mut buf = [0u8; 32];
    let attempt = Attempt::new(
        Errno::EAGAIN,
        None,
        receive_call(&name, buf.len()),
        receive(&reader, &name, &mut buf),
    );
    Ok(Scene::new(
        t!("mq-errors-eagain-empty-scenario", name = name),
        vec![attempt],
    ))
}

/// 1.3: a 64-byte message into a 16-byte queue, then an 8-byte buffer for an 8-byte message.
fn emsgsize() -> Result<Scene> {
    let name = queue_name("emsgsize");
    let capacity = sized(4, 16);
    let queue = create(&name, MQ_OFlag::O_RDWR, true, capacity)?;
    let _unlink = Cleanup::mq(&name);
    let big = [b'A'; 64];
    let too_big = Attempt::new(
        Errno::EMSGSIZE,
        None,
        send_call(&name, big.len()),
        send(&queue, &name, &big),
    );
    let short = [b'B'; 8];
    send(&queue, &name, &short)?;
    let mut buf = [0u8; 8];
    let too_small = Attempt::new(
        Errno::EMSGSIZE,
        None,
        receive_call(&name, buf.len()),
        receive(&queue, &name, &mut buf),
    );
    Ok(Scene::new(
        t!(
            "mq-errors-emsgsize-scenario",
            name = name,
            msgsize = capacity.msg_size,
            big = big.len(),
            buffer = buf.len()
        ),
        vec![too_big, too_small],
    ))
}

/// 1.4: a name nobody created, opened without O_CREAT.
fn enoent() -> Result<Scene> {
    let name = queue_name("enoent");
    // Armed in case the open unexpectedly creates something: nothing may be left behind.
    let _unlink = Cleanup::mq(&name);
    let result = mq_open(name.as_str(), MQ_OFlag::O_RDONLY, Mode::empty(), None)
        .map(OwnedMqd::from)
        .context(|| call!("mq_open", name, MQ_OFlag::O_RDONLY));
    let attempt = Attempt::new(
        Errno::ENOENT,
        None,
        call!("mq_open", name, MQ_OFlag::O_RDONLY),
        result,
    );
    Ok(Scene::new(
        t!("mq-errors-enoent-scenario", name = name),
        vec![attempt],
    ))
}

/// 1.5: a write-only descriptor receives, a read-only one sends.
fn ebadf() -> Result<Scene> {
    let name = queue_name("ebadf");
    let capacity = sized(2, 8);
    let writer = create(&name, MQ_OFlag::O_WRONLY, true, capacity)?;
    let _unlink = Cleanup::mq(&name);
    let reader = open_nonblocking_reader(&name)?;
    let mut buf = [0u8; 8];
    let receive = Attempt::new(
        Errno::EBADF,
        Some(t!("mq-errors-ebadf-step-receive")),
        receive_call(&name, buf.len()),
        receive(&writer, &name, &mut buf),
    );
    let send = Attempt::new(
        Errno::EBADF,
        Some(t!("mq-errors-ebadf-step-send")),
        send_call(&name, 2),
        send(&reader, &name, b"hi"),
    );
    Ok(Scene::new(
        t!("mq-errors-ebadf-scenario", name = name),
        vec![receive, send],
    ))
}

/// Tries to create a queue that should be refused; unlinks it if it was not.
fn try_create(tag: &str, capacity: Capacity, expected: Errno, note: String) -> Attempt {
    let name = queue_name(tag);
    let _unlink = Cleanup::mq(&name);
    let flags = MQ_OFlag::O_RDWR | MQ_OFlag::O_CREAT | MQ_OFlag::O_EXCL;
    let attr = MqAttr::new(0, capacity.max_msgs, capacity.msg_size, 0);
    let call = call!("mq_open", name, flags, PRIVATE_MODE, attr);
    Attempt::new(
        expected,
        Some(note),
        call,
        create(&name, MQ_OFlag::O_RDWR, false, capacity),
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
        t!("mq-errors-limits-unlimited")
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
        (
            HARD_MSGMAX,
            HARD_MSGSIZEMAX,
            id!("mq-errors-limits-bound-hard"),
        )
    } else {
        (l.msg_max, l.msgsize_max, id!("mq-errors-limits-bound-proc"))
    };
    let bound = text(bound);

    let maxmsg = try_create(
        "limits-maxmsg",
        sized(long(most_msgs).saturating_add(1), 16),
        Errno::EINVAL,
        t!(
            "mq-errors-limits-step-maxmsg",
            asked = (most_msgs + 1),
            allowed = most_msgs,
            bound = bound
        ),
    );
    let msgsize = try_create(
        "limits-msgsize",
        sized(1, long(longest).saturating_add(1)),
        Errno::EINVAL,
        t!(
            "mq-errors-limits-step-msgsize",
            asked = (longest + 1),
            allowed = longest,
            bound = bound
        ),
    );

    // A queue within the attribute limits whose bytes alone exceed a lowered soft limit.
    let (msgs, size) = (l.msg_max.clamp(1, 2), l.msgsize_max.clamp(2, 1024));
    let small = sized(long(msgs), long(size));
    let lowered = soft.min(msgs * size / 2);
    let rlimit = {
        set_rlimit_msgqueue(lowered, hard)?;
        let _restore = RestoreRlimit { soft, hard };
        try_create(
            "limits-rlimit",
            small,
            Errno::EMFILE,
            t!(
                "mq-errors-limits-step-rlimit",
                maxmsg = small.max_msgs,
                msgsize = small.msg_size,
                reserved = queue_bytes(msgs, size),
                lowered = lowered
            ),
        )
    };

    let enospc = if cap {
        t!("mq-errors-limits-enospc-cap", queues_max = l.queues_max)
    } else {
        t!("mq-errors-limits-enospc", queues_max = l.queues_max)
    };
    let has_cap = text(if cap {
        id!("mq-errors-limits-cap-yes")
    } else {
        id!("mq-errors-limits-cap-no")
    });
    Ok(Scene {
        scenario: t!(
            "mq-errors-limits-scenario",
            msg_max = l.msg_max,
            msgsize_max = l.msgsize_max,
            queues_max = l.queues_max,
            soft = bytes_or_unlimited(soft),
            hard = bytes_or_unlimited(hard),
            cap = has_cap
        ),
        attempts: vec![maxmsg, msgsize, rlimit],
        notes: vec![enospc],
    })
}
