//! The bodies of posix-mq's subcommands.

use nix::errno::Errno;

use ipc_core::args::mode_warning;
use ipc_core::mq::{self, kernel_limits, Capacity, MessageQueue, QueueAccess, QueueOptions};
use ipc_core::{interrupt, ObjectName, Result};

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
    if let Some(warning) = mode_warning(req.mode) {
        eprintln!("posix-mq: {warning}");
    }
    let existed = !req.exclusive && mq::exists(name);
    let opts = QueueOptions {
        exclusive: req.exclusive,
        ..QueueOptions::create(req.mode, capacity.max_msgs, capacity.msg_size)
    };
    let queue = MessageQueue::open(name, opts).map_err(|e| match (e.errno(), limits) {
        (Some(Errno::EINVAL), Some(l)) => e.hint(format!(
            "without CAP_SYS_RESOURCE a queue holds at most {} messages (/proc/sys/fs/mqueue/msg_max) of at most {} bytes (msgsize_max): ask for less, or raise them as root (sysctl fs.mqueue.msg_max=N)",
            l.msg_max, l.msgsize_max
        )),
        _ => e,
    })?;
    let attr = queue.attr()?;
    if existed {
        println!(
            "{name} exists already: opened it as it is, {} messages of {} bytes (mq_open ignores the attributes of an existing queue)",
            attr.max_msgs, attr.msg_size
        );
    } else {
        println!(
            "created {name}: up to {} messages of {} bytes, mode 0{:o}",
            attr.max_msgs, attr.msg_size, req.mode
        );
    }
    println!("it stays until you remove it: posix-mq unlink {name}");
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
        "sent {} bytes to {name} with priority {priority}",
        text.len()
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
    println!("  mq_maxmsg  {:>6}  most messages it holds", a.max_msgs);
    println!(
        "  mq_msgsize {:>6}  longest message in bytes (a receive buffer needs this much)",
        a.msg_size
    );
    println!("  mq_curmsgs {:>6}  messages waiting now", a.cur_msgs);
    println!(
        "  mq_flags   {:>6}  O_NONBLOCK belongs to each descriptor, not to the queue",
        if a.nonblocking { "O_NONBLOCK" } else { "0" }
    );
    if mq::mqueue_mounted() {
        println!("  file       {}", name.fs_path());
    } else {
        println!(
            "  file       {} once an mqueue file system is mounted there (root: {})",
            name.fs_path(),
            mq::MOUNT_HINT
        );
    }
    queue.close()
}

pub fn unlink(name: &ObjectName) -> Result<()> {
    mq::unlink(name)?;
    println!("unlinked {name} (processes that still have it open keep it until they close it)");
    Ok(())
}
