//! The bodies of sysv-msg's subcommands.

use ipc_core::args::warn_if_world_writable;
use ipc_core::sysv_msg::{RecvFlags, SysvQueue, max_message_size};
use ipc_core::text::{text, text_with};
use ipc_core::{Result, SysvKey, interrupt};

/// The lesson's type for its one message.
const DEMO_TYPE: i64 = 1;

/// The lesson's sample, with every call checked and the queue removed even on error.
pub fn demo(key: SysvKey, message: &str) -> Result<()> {
    interrupt::install()?;
    // IPC_EXCL: the demo removes the queue at the end, so it must be one it created itself.
    let queue = SysvQueue::create_exclusive(key, 0o600)?;
    let guard = queue.remove_on_drop();
    println!(
        "msgget(key {key}, IPC_CREAT|IPC_EXCL|0600) = msqid {}",
        queue.id()
    );
    queue.send(DEMO_TYPE, message.as_bytes(), false)?;
    println!("Message sent: {message}");
    let mut buf = vec![0u8; message.len().max(1)];
    // IPC_NOWAIT: the message is there; if another process took it, say so instead of hanging.
    let flags = RecvFlags {
        nowait: true,
        ..RecvFlags::default()
    };
    let (mtype, n) = queue.receive(&mut buf, DEMO_TYPE, flags)?;
    println!(
        "Message received: {} (type {mtype})",
        String::from_utf8_lossy(&buf[..n])
    );
    guard.run_now()?;
    println!(
        "msgctl({}, IPC_RMID): {}",
        queue.id(),
        text("sysv-msg.demo.removed")
    );
    Ok(())
}

pub fn send(key: SysvKey, mtype: i64, text: &[u8], nowait: bool, mode: u32) -> Result<()> {
    interrupt::install()?;
    warn_if_world_writable("sysv-msg", mode);
    let queue = SysvQueue::create(key, mode)?;
    queue.send(mtype, text, nowait)?;
    let waiting = queue.stat()?.qnum;
    println!(
        "{}",
        text_with(
            "sysv-msg.sent",
            &[&text.len(), &mtype, &queue.id(), &key, &waiting]
        )
    );
    println!("{}", text_with("sysv-msg.stays", &[&key]));
    Ok(())
}

pub fn receive(key: SysvKey, mtype: i64, flags: RecvFlags, max_bytes: Option<usize>) -> Result<()> {
    interrupt::install()?;
    let queue = SysvQueue::open(key)?;
    let size = max_bytes.or_else(max_message_size).unwrap_or(8192);
    let mut buf = vec![0u8; size];
    let (got, n) = queue.receive(&mut buf, mtype, flags)?;
    println!("type {got}: {}", String::from_utf8_lossy(&buf[..n]));
    if flags.no_error && n == size {
        eprintln!(
            "sysv-msg: {}",
            text_with("sysv-msg.no-error-note", &[&size])
        );
    }
    Ok(())
}

pub fn stat(key: SysvKey) -> Result<()> {
    let queue = SysvQueue::open(key)?;
    let s = queue.stat()?;
    println!(
        "{}",
        text_with("sysv-msg.stat.title", &[&queue.id(), &s.key])
    );
    println!("  mode    0{:o}", s.mode);
    println!(
        "  owner   {}",
        text_with("sysv-msg.stat.owner", &[&s.uid, &s.gid, &s.cuid, &s.cgid])
    );
    let count = |field: &str, value: String, key: &str| {
        println!("  {field:<7} {value:<12} {}", text(key));
    };
    count("qnum", s.qnum.to_string(), "sysv-msg.stat.qnum");
    count("cbytes", s.cbytes.to_string(), "sysv-msg.stat.cbytes");
    count("qbytes", s.qbytes.to_string(), "sysv-msg.stat.qbytes");
    count("lspid", s.lspid.to_string(), "sysv-msg.stat.lspid");
    count("lrpid", s.lrpid.to_string(), "sysv-msg.stat.lrpid");
    let time = |field: &str, t: i64, key: &str| {
        println!("  {field:<7} {}  {}", utc(t), text(key));
    };
    time("stime", s.stime, "sysv-msg.stat.stime");
    time("rtime", s.rtime, "sysv-msg.stat.rtime");
    time("ctime", s.ctime, "sysv-msg.stat.ctime");
    Ok(())
}

pub fn rm(key: SysvKey) -> Result<()> {
    let queue = SysvQueue::open(key)?;
    queue.remove()?;
    println!("{}", text_with("sysv-msg.removed", &[&queue.id(), &key]));
    Ok(())
}

/// An IPC_STAT time as a UTC date; 0 is "never".
fn utc(t: i64) -> String {
    if t == 0 {
        return format!("{:<23}", text("sysv-msg.stat.never"));
    }
    ipc_core::time::utc_date(t)
}

#[cfg(test)]
mod tests {
    use super::utc;

    #[test]
    fn times_print_as_utc_dates() {
        ipc_core::text::set_lang(ipc_core::text::Lang::En);
        assert_eq!(utc(0).trim(), "never");
        assert_eq!(utc(86_399), "1970-01-01 23:59:59 UTC");
    }
}
