//! The bodies of sysv-msg's subcommands.

use ipc_core::args::mode_warning;
use ipc_core::sysv_msg::{max_message_size, RecvFlags, SysvQueue};
use ipc_core::{interrupt, Result, SysvKey};

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
    println!("msgctl({}, IPC_RMID): queue removed", queue.id());
    Ok(())
}

pub fn send(key: SysvKey, mtype: i64, text: &[u8], nowait: bool, mode: u32) -> Result<()> {
    interrupt::install()?;
    if let Some(warning) = mode_warning(mode) {
        eprintln!("sysv-msg: {warning}");
    }
    let queue = SysvQueue::create(key, mode)?;
    queue.send(mtype, text, nowait)?;
    let waiting = queue.stat()?.qnum;
    println!(
        "sent {} bytes, type {mtype}, to msqid {} (key {key}); {waiting} message(s) waiting",
        text.len(),
        queue.id()
    );
    println!("the queue stays until you remove it: sysv-msg rm --key {key}");
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
            "sysv-msg: note: the text filled the {size}-byte buffer; MSG_NOERROR may have cut the rest (it is lost)"
        );
    }
    Ok(())
}

pub fn stat(key: SysvKey) -> Result<()> {
    let queue = SysvQueue::open(key)?;
    let s = queue.stat()?;
    println!("message queue msqid {}, key {}", queue.id(), s.key);
    println!("  mode    0{:o}", s.mode);
    println!(
        "  owner   uid {} gid {} (creator uid {} gid {})",
        s.uid, s.gid, s.cuid, s.cgid
    );
    println!("  qnum    {:<12} messages waiting", s.qnum);
    println!("  cbytes  {:<12} bytes of text waiting", s.cbytes);
    println!(
        "  qbytes  {:<12} most bytes of text the queue holds (then msgsnd waits)",
        s.qbytes
    );
    println!("  lspid   {:<12} process that sent last", s.lspid);
    println!("  lrpid   {:<12} process that received last", s.lrpid);
    println!("  stime   {}  last msgsnd", utc(s.stime));
    println!("  rtime   {}  last msgrcv", utc(s.rtime));
    println!("  ctime   {}  last change", utc(s.ctime));
    Ok(())
}

pub fn rm(key: SysvKey) -> Result<()> {
    let queue = SysvQueue::open(key)?;
    queue.remove()?;
    println!("removed message queue msqid {} (key {key})", queue.id());
    Ok(())
}

/// Seconds since the epoch as `2026-01-31 12:00:00 UTC`; 0 is "never".
fn utc(t: i64) -> String {
    if t == 0 {
        return format!("{:<23}", "never");
    }
    let (days, secs) = (t.div_euclid(86_400), t.rem_euclid(86_400));
    // Civil date from a day count (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02} UTC",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

#[cfg(test)]
mod tests {
    use super::utc;

    #[test]
    fn times_print_as_utc_dates() {
        assert_eq!(utc(0).trim(), "never");
        assert_eq!(utc(86_399), "1970-01-01 23:59:59 UTC");
        assert_eq!(utc(951_782_400), "2000-02-29 00:00:00 UTC");
        assert_eq!(utc(1_767_225_600), "2026-01-01 00:00:00 UTC");
    }
}
