//! The bodies of sysv-msg's subcommands: msgget, msgsnd, msgrcv and msgctl, each checked.

use ipc_support::args::{PRIVATE_MODE, warn_if_world_writable};
use ipc_support::interrupt::{self, retry_eintr};
use ipc_support::mq::sysv_msgmax;
use ipc_support::owner::{Owner, key_hint, removal_hint};
use ipc_support::sysvipc::SysvKind;
use ipc_support::{Cleanup, Context, Hint, Result, call};
use ipc_sys::ipc::{IpcFlags, SysvKey};
use ipc_sys::msg::{MsgFlags, MsgctlCmd, MsqidDs, msgctl, msgget, msgrcv, msgsnd};
use ipc_text::{Id, id, t, text};
use nix::errno::Errno;
use nix::sys::stat::Mode;

/// The lesson's type for its one message.
const DEMO_TYPE: i64 = 1;

/// Advice for msgget's errors (each errno comes from one form of the call only).
fn msgget_hint(errno: Errno) -> Option<String> {
    let key = match errno {
        Errno::EEXIST => id!("core-msgget-eexist"),
        Errno::ENOENT => id!("core-msgget-enoent"),
        Errno::ENOSPC => id!("core-msgget-enospc"),
        _ => return None,
    };
    Some(text(key))
}

fn msgsnd_hint(errno: Errno) -> Option<String> {
    let key = match errno {
        Errno::EAGAIN => id!("core-msgsnd-eagain"),
        Errno::EINVAL => id!("core-msgsnd-einval"),
        Errno::EIDRM => id!("core-msg-eidrm"),
        Errno::EACCES => id!("core-msgsnd-eacces"),
        _ => return None,
    };
    Some(text(key))
}

fn msgrcv_hint(errno: Errno) -> Option<String> {
    let key = match errno {
        Errno::ENOMSG => id!("core-msgrcv-enomsg"),
        Errno::E2BIG => id!("core-msgrcv-e2big"),
        Errno::EIDRM => id!("core-msg-eidrm"),
        Errno::EACCES => id!("core-msgrcv-eacces"),
        _ => return None,
    };
    Some(text(key))
}

/// `msgget(key, 0)`: the queue another process created.
fn existing(key: SysvKey) -> Result<i32> {
    msgget(key, IpcFlags::empty(), Mode::empty())
        .context(|| call!("msgget", format!("key {key}")))
        .hints(msgget_hint)
        .hint_on(Errno::EACCES, || key_hint(SysvKind::MessageQueue, key))
}

/// `msgsnd(msqid, {mtype, text}, len, flags)`, waiting while the queue is full unless
/// IPC_NOWAIT (a Ctrl-C ends the wait).
fn send_one(msqid: i32, mtype: i64, text: &[u8], flags: MsgFlags) -> Result<()> {
    retry_eintr(|| msgsnd(msqid, mtype, text, flags))
        .context(|| {
            call!(
                "msgsnd",
                msqid,
                format!("type {mtype}"),
                format!("{} bytes", text.len()),
                flags
            )
        })
        .hints(msgsnd_hint)
}

/// `msgrcv(msqid, buf, len, mtype, flags)`: the message's type and length.
fn receive_one(msqid: i32, buf: &mut [u8], mtype: i64, flags: MsgFlags) -> Result<(i64, usize)> {
    let len = buf.len();
    retry_eintr(|| msgrcv(msqid, buf, mtype, flags))
        .context(|| {
            call!(
                "msgrcv",
                msqid,
                format!("buffer of {len} bytes"),
                format!("type {mtype}"),
                flags
            )
        })
        .hints(msgrcv_hint)
}

/// `msgctl(msqid, IPC_STAT)`.
fn stat_of(msqid: i32) -> Result<MsqidDs> {
    let mut ds = MsqidDs::default();
    msgctl(msqid, MsgctlCmd::IPC_STAT(&mut ds)).context(|| call!("msgctl", msqid, "IPC_STAT"))?;
    Ok(ds)
}

/// The lesson's sample, with every call checked and the queue removed even on error.
pub fn demo(key: SysvKey, message: &str) -> Result<()> {
    interrupt::install()?;
    // IPC_EXCL: the demo removes the queue at the end, so it must be one it created itself.
    let flags = IpcFlags::IPC_CREAT | IpcFlags::IPC_EXCL;
    let msqid = msgget(key, flags, PRIVATE_MODE)
        .context(|| call!("msgget", format!("key {key}"), (flags, PRIVATE_MODE)))
        .hints(msgget_hint)
        .hint_on(Errno::EACCES, || key_hint(SysvKind::MessageQueue, key))?;
    let guard = Cleanup::sysv_msg(msqid);
    println!("msgget(key {key}, IPC_CREAT|IPC_EXCL|0600) = msqid {msqid}");
    send_one(msqid, DEMO_TYPE, message.as_bytes(), MsgFlags::empty())?;
    println!("Message sent: {message}");
    let mut buf = vec![0u8; message.len().max(1)];
    // IPC_NOWAIT: the message is there; if another process took it, say so instead of hanging.
    let (mtype, n) = receive_one(msqid, &mut buf, DEMO_TYPE, MsgFlags::IPC_NOWAIT)?;
    println!(
        "Message received: {} (type {mtype})",
        String::from_utf8_lossy(&buf[..n])
    );
    guard.run_now()?;
    println!("msgctl({msqid}, IPC_RMID): {}", t!("sysv-msg-demo-removed"));
    Ok(())
}

pub fn send(key: SysvKey, mtype: i64, message: &[u8], flags: MsgFlags, mode: Mode) -> Result<()> {
    interrupt::install()?;
    warn_if_world_writable("sysv-msg", mode);
    let msqid = msgget(key, IpcFlags::IPC_CREAT, mode)
        .context(|| call!("msgget", format!("key {key}"), (IpcFlags::IPC_CREAT, mode)))
        .hints(msgget_hint)
        .hint_on(Errno::EACCES, || key_hint(SysvKind::MessageQueue, key))?;
    send_one(msqid, mtype, message, flags)?;
    let waiting = stat_of(msqid)?.msg_qnum;
    println!(
        "{}",
        t!(
            "sysv-msg-sent",
            size = message.len(),
            mtype = mtype,
            msqid = msqid,
            key = key,
            waiting = waiting
        )
    );
    println!("{}", t!("sysv-msg-stays", key = key));
    Ok(())
}

pub fn receive(key: SysvKey, mtype: i64, flags: MsgFlags, max_bytes: Option<usize>) -> Result<()> {
    interrupt::install()?;
    let msqid = existing(key)?;
    let size = max_bytes.or_else(sysv_msgmax).unwrap_or(8192);
    let mut buf = vec![0u8; size];
    let (got, n) = receive_one(msqid, &mut buf, mtype, flags)?;
    println!("type {got}: {}", String::from_utf8_lossy(&buf[..n]));
    if flags.contains(MsgFlags::MSG_NOERROR) && n == size {
        ipc_support::warn(&format!(
            "sysv-msg: {}",
            t!("sysv-msg-no-error-note", size = size)
        ));
    }
    Ok(())
}

pub fn stat(key: SysvKey) -> Result<()> {
    let msqid = existing(key)?;
    let s = stat_of(msqid)?;
    let p = &s.msg_perm;
    println!("{}", t!("sysv-msg-stat-title", msqid = msqid, key = p.key));
    println!("  mode    0{:o}", p.mode & 0o777);
    println!(
        "  owner   {}",
        t!(
            "sysv-msg-stat-owner",
            uid = p.uid,
            gid = p.gid,
            cuid = p.cuid,
            cgid = p.cgid
        )
    );
    let count = |field: &str, value: String, key: Id| {
        println!("  {field:<7} {value:<12} {}", text(key));
    };
    count("qnum", s.msg_qnum.to_string(), id!("sysv-msg-stat-qnum"));
    count(
        "cbytes",
        s.msg_cbytes.to_string(),
        id!("sysv-msg-stat-cbytes"),
    );
    count(
        "qbytes",
        s.msg_qbytes.to_string(),
        id!("sysv-msg-stat-qbytes"),
    );
    count("lspid", s.msg_lspid.to_string(), id!("sysv-msg-stat-lspid"));
    count("lrpid", s.msg_lrpid.to_string(), id!("sysv-msg-stat-lrpid"));
    let time = |field: &str, t: i64, key: Id| {
        println!("  {field:<7} {}  {}", utc(t), text(key));
    };
    time("stime", s.msg_stime, id!("sysv-msg-stat-stime"));
    time("rtime", s.msg_rtime, id!("sysv-msg-stat-rtime"));
    time("ctime", s.msg_ctime, id!("sysv-msg-stat-ctime"));
    Ok(())
}

pub fn rm(key: SysvKey) -> Result<()> {
    let msqid = existing(key)?;
    msgctl(msqid, MsgctlCmd::IPC_RMID)
        .context(|| call!("msgctl", msqid, "IPC_RMID"))
        .hint_on(Errno::EPERM, || {
            let owner = Owner::of_id(SysvKind::MessageQueue, msqid);
            removal_hint(&format!("key {key}"), owner)
        })?;
    println!("{}", t!("sysv-msg-removed", msqid = msqid, key = key));
    Ok(())
}

/// An IPC_STAT time as a UTC date; 0 is "never".
fn utc(t: i64) -> String {
    if t == 0 {
        return format!("{:<23}", t!("sysv-msg-stat-never"));
    }
    ipc_support::time::utc_date(t)
}

#[cfg(test)]
mod tests {
    use super::utc;

    #[test]
    fn times_print_as_utc_dates() {
        ipc_text::set_lang(ipc_text::Lang::EN);
        assert_eq!(utc(0).trim(), "never");
        assert_eq!(utc(86_399), "1970-01-01 23:59:59 UTC");
    }
}
