//! The bodies of posix-mq's subcommands.

use nix::errno::Errno;

use ipc_core::args::warn_if_world_writable;
use ipc_core::mq::{self, Capacity, MessageQueue, QueueAccess, QueueOptions, kernel_limits};
use ipc_core::text::{text, text_with};
use ipc_core::{ObjectName, Result, interrupt};

use crate::WaitArgs;

/// What `create` was asked for.
pub struct CreateRequest {
    pub max_msgs: Option<i64>,
    pub msg_size: Option<i64>,
    pub exclusive: bool,
    pub mode: u32,
}

pub fn create(name: &ObjectName, req: CreateRequest) -> Result<()> {
    let limits = kernel_limits().ok();
    let capacity = Capacity {
        max_msgs: req
            .max_msgs
            .or(limits.map(|l| l.msg_default as i64))
            .unwrap_or(10),
        msg_size: req
            .msg_size
            .or(limits.map(|l| l.msgsize_default as i64))
            .unwrap_or(8192),
    };
    warn_if_world_writable("posix-mq", req.mode);
    let existed = !req.exclusive && mq::exists(name);
    let opts = QueueOptions {
        exclusive: req.exclusive,
        ..QueueOptions::create(req.mode, capacity.max_msgs, capacity.msg_size)
    };
    let queue = MessageQueue::open(name, opts).map_err(|e| match (e.errno(), limits) {
        (Some(Errno::EINVAL), Some(l)) => e.hint(text_with(
            "posix-mq.limits-hint",
            &[&l.msg_max, &l.msgsize_max],
        )),
        _ => e,
    })?;
    let attr = queue.attr()?;
    if existed {
        println!(
            "{}",
            text_with("posix-mq.existed", &[name, &attr.max_msgs, &attr.msg_size])
        );
    } else {
        let mode = format!("0{:o}", req.mode);
        println!(
            "{}",
            text_with(
                "posix-mq.created",
                &[name, &attr.max_msgs, &attr.msg_size, &mode]
            )
        );
    }
    println!("{}", text_with("posix-mq.stays", &[name]));
    queue.close()
}

fn open(name: &ObjectName, access: QueueAccess, wait: WaitArgs) -> Result<MessageQueue> {
    MessageQueue::open(
        name,
        QueueOptions {
            nonblock: wait.nonblock,
            ..QueueOptions::open(access)
        },
    )
}

pub fn send(name: &ObjectName, text: &[u8], priority: u32, wait: WaitArgs) -> Result<()> {
    interrupt::install()?;
    let queue = open(name, QueueAccess::WriteOnly, wait)?;
    match wait.timeout {
        Some(t) => queue.send_timeout(text, priority, t)?,
        None => queue.send(text, priority)?,
    }
    println!(
        "{}",
        text_with("posix-mq.sent", &[&text.len(), name, &priority])
    );
    queue.close()
}

pub fn receive(name: &ObjectName, wait: WaitArgs) -> Result<()> {
    interrupt::install()?;
    let queue = open(name, QueueAccess::ReadOnly, wait)?;
    let msg = queue.receive_message(wait.timeout)?;
    println!(
        "priority {}: {}",
        msg.priority,
        String::from_utf8_lossy(&msg.bytes)
    );
    queue.close()
}

pub fn attr(name: &ObjectName) -> Result<()> {
    let queue = open(
        name,
        QueueAccess::ReadOnly,
        WaitArgs {
            nonblock: false,
            timeout: None,
        },
    )?;
    let a = queue.attr()?;
    println!("{name}");
    let row = |field: &str, value: String, key: &str| {
        println!("  {field:<10} {value:>6}  {}", text(key));
    };
    row("mq_maxmsg", a.max_msgs.to_string(), "posix-mq.attr.maxmsg");
    row(
        "mq_msgsize",
        a.msg_size.to_string(),
        "posix-mq.attr.msgsize",
    );
    row(
        "mq_curmsgs",
        a.cur_msgs.to_string(),
        "posix-mq.attr.curmsgs",
    );
    let flags = if a.nonblocking { "O_NONBLOCK" } else { "0" };
    row("mq_flags", flags.to_string(), "posix-mq.attr.flags");
    let file = if mq::mqueue_mounted() {
        name.fs_path()
    } else {
        text_with(
            "posix-mq.attr.unmounted",
            &[&name.fs_path(), &mq::MOUNT_HINT],
        )
    };
    println!("  file       {file}");
    queue.close()
}

pub fn unlink(name: &ObjectName) -> Result<()> {
    mq::unlink(name)?;
    println!("{}", text_with("posix-mq.unlinked", &[name]));
    Ok(())
}
