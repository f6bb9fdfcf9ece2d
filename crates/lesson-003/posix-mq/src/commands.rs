//! The bodies of posix-mq's subcommands: mq_open, mq_send, mq_receive, mq_getattr,
//! mq_close and mq_unlink, each checked.

use ipc_support::args::warn_if_world_writable;
use ipc_support::interrupt::{self, retry_eintr};
use ipc_support::mq::{self, kernel_limits};
use ipc_support::time::realtime_deadline;
use ipc_support::{Context, Hint, ObjectName, Result, call, hints};
use ipc_sys::mqueue::mq_timedsend;
use ipc_text::{Id, id, t, text};
use nix::errno::Errno;
use nix::mqueue::{
    MQ_OFlag, MqAttr, MqdT, mq_close, mq_getattr, mq_open, mq_receive, mq_send, mq_timedreceive,
    mq_unlink,
};
use nix::sys::stat::Mode;

use crate::WaitArgs;

/// What `create` was asked for.
pub struct CreateRequest {
    pub max_msgs: Option<i64>,
    pub msg_size: Option<i64>,
    pub exclusive: bool,
    pub mode: Mode,
}

/// A limit from /proc as the attribute type (`long`); out of range counts as unknown.
fn attr_value(n: u64) -> Option<i64> {
    i64::try_from(n).ok()
}

pub fn create(name: &ObjectName, req: CreateRequest) -> Result<()> {
    let limits = kernel_limits().ok();
    let max_msgs = req
        .max_msgs
        .or(limits.and_then(|l| attr_value(l.msg_default)))
        .unwrap_or(10);
    let msg_size = req
        .msg_size
        .or(limits.and_then(|l| attr_value(l.msgsize_default)))
        .unwrap_or(8192);
    warn_if_world_writable("posix-mq", req.mode);
    let existed = !req.exclusive && mq::exists(name);
    let mut flags = MQ_OFlag::O_RDWR | MQ_OFlag::O_CREAT;
    if req.exclusive {
        flags |= MQ_OFlag::O_EXCL;
    }
    let attr = MqAttr::new(0, max_msgs, msg_size, 0);
    let queue = mq_open(name.as_str(), flags, req.mode, Some(&attr))
        .context(|| call!("mq_open", name, flags, req.mode, attr))
        .hints(hints::mq_open(name, true))
        .map_err(|e| match (e.errno(), limits) {
            (Some(Errno::EINVAL), Some(l)) => e.hint(t!(
                "posix-mq-limits-hint",
                msg_max = l.msg_max,
                msgsize_max = l.msgsize_max
            )),
            _ => e,
        })?;
    let attr = mq_getattr(&queue).context(|| call!("mq_getattr", name))?;
    if existed {
        println!(
            "{}",
            t!(
                "posix-mq-existed",
                name = name,
                maxmsg = attr.maxmsg(),
                msgsize = attr.msgsize()
            )
        );
    } else {
        let mode = format!("0{:o}", req.mode.bits());
        println!(
            "{}",
            t!(
                "posix-mq-created",
                name = name,
                maxmsg = attr.maxmsg(),
                msgsize = attr.msgsize(),
                mode = mode
            )
        );
    }
    println!("{}", t!("posix-mq-stays", name = name));
    mq_close(queue).context(|| call!("mq_close", name))
}

/// `mq_open(name, access [| O_NONBLOCK])` of an existing queue.
fn open(name: &ObjectName, access: MQ_OFlag, wait: WaitArgs) -> Result<MqdT> {
    let mut flags = access;
    if wait.nonblock {
        flags |= MQ_OFlag::O_NONBLOCK;
    }
    mq_open(name.as_str(), flags, Mode::empty(), None)
        .context(|| call!("mq_open", name, flags))
        .hints(hints::mq_open(name, false))
}

pub fn send(name: &ObjectName, message: &[u8], priority: u32, wait: WaitArgs) -> Result<()> {
    interrupt::install()?;
    let queue = open(name, MQ_OFlag::O_WRONLY, wait)?;
    let what = |f: &str| {
        call!(
            f,
            name,
            format!("{} bytes", message.len()),
            format!("priority {priority}")
        )
    };
    match wait.timeout {
        Some(t) => {
            let deadline = realtime_deadline(t);
            retry_eintr(|| mq_timedsend(&queue, message, priority, &deadline))
                .context(|| what("mq_timedsend"))
        }
        None => retry_eintr(|| mq_send(&queue, message, priority)).context(|| what("mq_send")),
    }
    .hints(hints::mq_send)?;
    println!(
        "{}",
        t!(
            "posix-mq-sent",
            size = message.len(),
            name = name,
            priority = priority
        )
    );
    mq_close(queue).context(|| call!("mq_close", name))
}

pub fn receive(name: &ObjectName, wait: WaitArgs) -> Result<()> {
    interrupt::install()?;
    let queue = open(name, MQ_OFlag::O_RDONLY, wait)?;
    // The buffer must hold mq_msgsize bytes, or mq_receive fails with EMSGSIZE.
    let size = mq_getattr(&queue)
        .context(|| call!("mq_getattr", name))?
        .msgsize();
    let mut buf = vec![0u8; usize::try_from(size).unwrap_or(0)];
    let len = buf.len();
    let mut priority = 0;
    let what = |f: &str| call!(f, name, format!("buffer of {len} bytes"));
    let n = match wait.timeout {
        Some(t) => {
            let deadline = realtime_deadline(t);
            retry_eintr(|| mq_timedreceive(&queue, &mut buf, &mut priority, &deadline))
                .context(|| what("mq_timedreceive"))
        }
        None => retry_eintr(|| mq_receive(&queue, &mut buf, &mut priority))
            .context(|| what("mq_receive")),
    }
    .hints(hints::mq_receive)?;
    let message = String::from_utf8_lossy(&buf[..n]);
    show_received(name, priority, &message)?;
    mq_close(queue).context(|| call!("mq_close", name))
}

/// Prints a message taken off the queue. It is gone from the queue already, so when stdout
/// cannot take it (`> /dev/full`, a closed pipe) the error line carries it, on stderr, with
/// its control characters escaped to keep the line one line.
fn show_received(name: &ObjectName, priority: u32, message: &str) -> Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    writeln!(out, "priority {priority}: {message}")
        .and_then(|()| out.flush())
        .context(|| "write(stdout)".to_string())
        .map_err(|e| {
            let shown = ipc_support::message::escape_controls(message);
            e.hint(t!(
                "faults-mq-receive-lost",
                name = name,
                priority = priority,
                message = shown
            ))
        })
}

pub fn attr(name: &ObjectName) -> Result<()> {
    let blocking = WaitArgs {
        nonblock: false,
        timeout: None,
    };
    let queue = open(name, MQ_OFlag::O_RDONLY, blocking)?;
    let a = mq_getattr(&queue).context(|| call!("mq_getattr", name))?;
    println!("{name}");
    let row = |field: &str, value: String, key: Id| {
        println!("  {field:<10} {value:>6}  {}", text(key));
    };
    row(
        "mq_maxmsg",
        a.maxmsg().to_string(),
        id!("posix-mq-attr-maxmsg"),
    );
    row(
        "mq_msgsize",
        a.msgsize().to_string(),
        id!("posix-mq-attr-msgsize"),
    );
    row(
        "mq_curmsgs",
        a.curmsgs().to_string(),
        id!("posix-mq-attr-curmsgs"),
    );
    let nonblocking = MQ_OFlag::from_bits_truncate(i32::try_from(a.flags()).unwrap_or(0))
        .contains(MQ_OFlag::O_NONBLOCK);
    let flags = if nonblocking { "O_NONBLOCK" } else { "0" };
    row("mq_flags", flags.to_string(), id!("posix-mq-attr-flags"));
    let file = if mq::mqueue_mounted() {
        name.fs_path()
    } else {
        t!(
            "posix-mq-attr-unmounted",
            path = name.fs_path(),
            command = mq::MOUNT_HINT
        )
    };
    println!("  file       {file}");
    mq_close(queue).context(|| call!("mq_close", name))
}

pub fn unlink(name: &ObjectName) -> Result<()> {
    mq_unlink(name.as_str())
        .context(|| call!("mq_unlink", name))
        .hints(hints::mq_unlink(name))?;
    println!("{}", t!("posix-mq-unlinked", name = name));
    Ok(())
}
