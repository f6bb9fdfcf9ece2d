//! 1.1 and 1.2: "Không O_NONBLOCK: tiến trình block cho tới khi có chỗ trống" / "block tới
//! khi có message". A child makes the call on a full (or empty) queue opened without
//! O_NONBLOCK; /proc/PID/status shows it asleep in the kernel (State: S) and wchan names
//! where; the parent's receive (or send) releases it, and the call completes.

use std::time::Duration;

use ipc_support::pitfall::not_reproduced;
use ipc_support::process::{Asleep, Child, ChildEnd, fork_child};
use ipc_support::{Context, IpcError, ObjectName, Result, call};
use ipc_sys::mqueue::OwnedMqd;
use ipc_text::t;
use nix::mqueue::{MQ_OFlag, mq_getattr, mq_receive, mq_send};

use crate::new_queue;

const SIZE: usize = 64;
/// How long the child may take to fall asleep, and to finish once released.
const LIMIT: Duration = Duration::from_secs(10);

fn receive_one(queue: &OwnedMqd, name: &ObjectName) -> Result<String> {
    let mut buf = [0u8; SIZE];
    let mut priority = 0;
    let n = mq_receive(queue, &mut buf, &mut priority)
        .context(|| call!("mq_receive", name, format!("buffer of {SIZE} bytes")))?;
    Ok(String::from_utf8_lossy(&buf[..n]).into_owned())
}

/// What /proc shows of the sleeping child, in one line.
fn show_asleep(child: &Child, call: &str, asleep: &Asleep) {
    let wchan = asleep.wchan_shown();
    println!(
        "{}",
        t!(
            "mq-claims-block-asleep",
            pid = child.pid(),
            call = call,
            state = asleep.state,
            wchan = wchan
        )
    );
}

/// The child's end, once released: Ok when its call completed (exit 0).
fn released(child: Child, call: &str) -> Result<bool> {
    let pid = child.pid();
    let end = child.wait_interruptibly("waiting for the released child", Some(LIMIT))?;
    println!(
        "{}",
        t!(
            "mq-claims-block-released",
            pid = pid,
            call = call,
            end = end
        )
    );
    Ok(end == ChildEnd::Exited(0))
}

/// 1.1: mq_send blocks while the queue is full.
pub fn send() -> Result<()> {
    ipc_support::interrupt::install()?;
    let (name, queue, _unlink) =
        new_queue(1, i64::try_from(SIZE).unwrap_or(64), MQ_OFlag::empty())?;
    let first = t!("mq-claims-block-first");
    mq_send(&queue, first.as_bytes(), 0).context(|| call!("mq_send", name, first.len()))?;
    let attr = mq_getattr(&queue).context(|| call!("mq_getattr", name))?;
    println!(
        "{}",
        t!(
            "mq-claims-block-full",
            name = name,
            held = attr.curmsgs(),
            max = attr.maxmsg()
        )
    );
    let second = t!("mq-claims-block-second");
    let child = fork_child(|| i32::from(mq_send(&queue, second.as_bytes(), 0).is_err()))?;
    let Some(asleep) = child.wait_until_asleep(LIMIT) else {
        return Err(not_reproduced(
            "block-send",
            &t!("mq-claims-block-expected"),
            &t!("mq-claims-block-not-asleep"),
        ));
    };
    show_asleep(&child, "mq_send", &asleep);
    let got = receive_one(&queue, &name)?;
    println!("{}", t!("mq-claims-block-parent-received", message = got));
    let done = released(child, "mq_send")?;
    let then = receive_one(&queue, &name)?;
    println!("{}", t!("mq-claims-block-then-received", message = then));
    if done && got == first && then == second {
        println!("{}", t!("mq-claims-block-send-done"));
        return Ok(());
    }
    Err(IpcError::refused(
        "block-send",
        t!("mq-claims-block-child-failed"),
    ))
}

/// 1.2: mq_receive blocks while the queue is empty.
pub fn receive() -> Result<()> {
    ipc_support::interrupt::install()?;
    let (name, queue, _unlink) =
        new_queue(1, i64::try_from(SIZE).unwrap_or(64), MQ_OFlag::empty())?;
    let attr = mq_getattr(&queue).context(|| call!("mq_getattr", name))?;
    println!(
        "{}",
        t!("mq-claims-block-empty", name = name, held = attr.curmsgs())
    );
    let message = t!("mq-claims-block-second");
    let child = fork_child(|| match receive_one(&queue, &name) {
        Ok(got) => {
            println!("{}", t!("mq-claims-block-child-received", message = got));
            i32::from(got != message)
        }
        Err(e) => {
            ipc_support::error::report("mq-claims", &e);
            1
        }
    })?;
    let Some(asleep) = child.wait_until_asleep(LIMIT) else {
        return Err(not_reproduced(
            "block-receive",
            &t!("mq-claims-block-expected"),
            &t!("mq-claims-block-not-asleep"),
        ));
    };
    show_asleep(&child, "mq_receive", &asleep);
    // Said before the call: the child's own line can only come after it.
    println!("{}", t!("mq-claims-block-parent-sends", message = message));
    mq_send(&queue, message.as_bytes(), 0).context(|| call!("mq_send", name, message.len()))?;
    if released(child, "mq_receive")? {
        println!("{}", t!("mq-claims-block-receive-done"));
        return Ok(());
    }
    Err(IpcError::refused(
        "block-receive",
        t!("mq-claims-block-child-failed"),
    ))
}
