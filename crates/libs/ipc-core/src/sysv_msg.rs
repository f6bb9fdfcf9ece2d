//! System V message queues: `msgget`, `msgsnd`, `msgrcv`, `msgctl(IPC_STAT | IPC_RMID)`.
//! nix has none of these, so this module is the one safe layer over libc.
//!
//! A System V message is a `long` type (> 0) followed by the text; the type lets a receiver
//! pick which message it takes (see [`SysvQueue::receive`]).

use nix::errno::Errno;

use crate::error::{IpcError, Result};
use crate::guard::Cleanup;
use crate::interrupt;
use crate::key::SysvKey;
use crate::text::text;

/// A System V message queue, known by its id (`msqid`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SysvQueue {
    id: libc::c_int,
}

/// What `msgctl(IPC_STAT)` reports (the fields of `msqid_ds`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MsgStat {
    pub key: SysvKey,
    /// Permission bits, e.g. 0o600.
    pub mode: u32,
    pub uid: u32,
    pub gid: u32,
    pub cuid: u32,
    pub cgid: u32,
    /// Messages waiting.
    pub qnum: u64,
    /// Bytes of text waiting.
    pub cbytes: u64,
    /// The most bytes of text the queue holds before msgsnd waits (or fails with EAGAIN).
    pub qbytes: u64,
    /// Process that sent last.
    pub lspid: i32,
    /// Process that received last.
    pub lrpid: i32,
    /// Seconds since the epoch of the last send, receive and change; 0 means never.
    pub stime: i64,
    pub rtime: i64,
    pub ctime: i64,
}

/// Flags of `msgrcv`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RecvFlags {
    /// IPC_NOWAIT: no matching message → ENOMSG at once instead of waiting.
    pub nowait: bool,
    /// MSG_NOERROR: a message longer than the buffer is cut to fit instead of E2BIG.
    pub no_error: bool,
}

impl RecvFlags {
    fn bits_and_names(self) -> (libc::c_int, String) {
        let mut bits = 0;
        let mut names = Vec::new();
        if self.nowait {
            bits |= libc::IPC_NOWAIT;
            names.push("IPC_NOWAIT");
        }
        if self.no_error {
            bits |= libc::MSG_NOERROR;
            names.push("MSG_NOERROR");
        }
        let names = if names.is_empty() {
            "0".to_string()
        } else {
            names.join("|")
        };
        (bits, names)
    }
}

const LONG: usize = std::mem::size_of::<libc::c_long>();

/// A `struct msgbuf { long mtype; char mtext[len]; }`, built in `c_long`s so it is aligned.
struct MsgBuf {
    words: Vec<libc::c_long>,
}

impl MsgBuf {
    fn new(text_len: usize) -> Self {
        MsgBuf {
            words: vec![0; 1 + text_len.div_ceil(LONG)],
        }
    }

    fn ptr(&mut self) -> *mut libc::c_void {
        self.words.as_mut_ptr().cast()
    }

    fn text_mut(&mut self, len: usize) -> &mut [u8] {
        assert!(len <= (self.words.len() - 1) * LONG);
        // SAFETY: words[1..] are plain integers, at least `len` bytes long (checked above),
        // and any byte pattern is valid for them; the borrow of self keeps them alive.
        unsafe { std::slice::from_raw_parts_mut(self.words.as_mut_ptr().add(1).cast::<u8>(), len) }
    }
}

impl SysvQueue {
    /// `msgget(key, IPC_CREAT | mode)`: the queue with this key, created when missing.
    pub fn create(key: SysvKey, mode: u32) -> Result<Self> {
        Self::get(
            key.raw(),
            libc::IPC_CREAT | (mode & 0o777) as libc::c_int,
            format!("msgget(key {key}, IPC_CREAT|0{mode:o})"),
        )
    }

    /// `msgget(key, IPC_CREAT | IPC_EXCL | mode)`: a new queue, EEXIST if the key is in use.
    pub fn create_exclusive(key: SysvKey, mode: u32) -> Result<Self> {
        Self::get(
            key.raw(),
            libc::IPC_CREAT | libc::IPC_EXCL | (mode & 0o777) as libc::c_int,
            format!("msgget(key {key}, IPC_CREAT|IPC_EXCL|0{mode:o})"),
        )
        .map_err(|e| e.hint_if(Errno::EEXIST, text("core.msgget.eexist")))
    }

    /// `msgget(IPC_PRIVATE, mode)`: a new queue only this process and its children know.
    pub fn create_private(mode: u32) -> Result<Self> {
        Self::get(
            libc::IPC_PRIVATE,
            (mode & 0o777) as libc::c_int,
            format!("msgget(IPC_PRIVATE, 0{mode:o})"),
        )
    }

    /// `msgget(key, 0)`: the existing queue with this key.
    pub fn open(key: SysvKey) -> Result<Self> {
        Self::get(key.raw(), 0, format!("msgget(key {key})"))
            .map_err(|e| e.hint_if(Errno::ENOENT, text("core.msgget.enoent")))
    }

    fn get(key: libc::key_t, flags: libc::c_int, call: String) -> Result<Self> {
        // SAFETY: msgget takes plain integers and touches no memory of ours.
        let id = unsafe { libc::msgget(key, flags) };
        if id == -1 {
            return Err(IpcError::last(call).hint_if(Errno::ENOSPC, text("core.msgget.enospc")));
        }
        Ok(SysvQueue { id })
    }

    /// The queue with this id, as `ipcs -q` lists it.
    pub fn from_id(id: i32) -> Self {
        SysvQueue { id }
    }

    pub fn id(self) -> i32 {
        self.id
    }

    /// `msgsnd(id, {mtype, bytes}, len, 0 | IPC_NOWAIT)`. `mtype` must be > 0. Waits while the
    /// queue is full (msg_qbytes), unless `nowait` (then EAGAIN).
    pub fn send(self, mtype: i64, bytes: &[u8], nowait: bool) -> Result<()> {
        let flag_name = if nowait { "IPC_NOWAIT" } else { "0" };
        let call = || {
            format!(
                "msgsnd({}, type {mtype}, {} bytes, {flag_name})",
                self.id,
                bytes.len()
            )
        };
        if mtype <= 0 {
            return Err(IpcError::refused(call(), text("core.msgsnd.type")));
        }
        let mut buf = MsgBuf::new(bytes.len());
        buf.words[0] = mtype as libc::c_long;
        buf.text_mut(bytes.len()).copy_from_slice(bytes);
        let flags = if nowait { libc::IPC_NOWAIT } else { 0 };
        loop {
            if let Some(signal) = interrupt::received() {
                return Err(IpcError::interrupted(call(), signal));
            }
            // SAFETY: buf holds an mtype followed by bytes.len() bytes of text.
            let r = unsafe { libc::msgsnd(self.id, buf.ptr(), bytes.len(), flags) };
            if r == 0 {
                return Ok(());
            }
            match Errno::last() {
                Errno::EINTR if interrupt::received().is_none() => continue,
                e => return Err(send_hint(interrupt::call_error(call(), e))),
            }
        }
    }

    /// `msgrcv(id, buf, len, mtype, flags)`. Which message it takes depends on `mtype`:
    /// `0` the first in the queue; `> 0` the first of exactly that type; `< 0` the first of
    /// the lowest type that is ≤ |mtype|. Returns the message's type and its length in `buf`.
    /// A longer message fails with E2BIG unless `flags.no_error` (then it is cut).
    pub fn receive(self, buf: &mut [u8], mtype: i64, flags: RecvFlags) -> Result<(i64, usize)> {
        let (bits, names) = flags.bits_and_names();
        let call = || {
            format!(
                "msgrcv({}, buffer of {} bytes, type {mtype}, {names})",
                self.id,
                buf.len()
            )
        };
        let mut msg = MsgBuf::new(buf.len());
        let n = loop {
            if let Some(signal) = interrupt::received() {
                return Err(IpcError::interrupted(call(), signal));
            }
            // SAFETY: msg has room for an mtype and buf.len() bytes of text.
            let r =
                unsafe { libc::msgrcv(self.id, msg.ptr(), buf.len(), mtype as libc::c_long, bits) };
            if r >= 0 {
                break r as usize;
            }
            match Errno::last() {
                Errno::EINTR if interrupt::received().is_none() => continue,
                e => return Err(receive_hint(interrupt::call_error(call(), e))),
            }
        };
        buf[..n].copy_from_slice(msg.text_mut(n));
        Ok((msg.words[0], n))
    }

    /// `msgctl(IPC_STAT)`.
    pub fn stat(self) -> Result<MsgStat> {
        // SAFETY: msqid_ds is plain data; all-zero bytes are a valid value.
        let mut ds: libc::msqid_ds = unsafe { std::mem::zeroed() };
        // SAFETY: ds is a valid, writable msqid_ds for the kernel to fill.
        if unsafe { libc::msgctl(self.id, libc::IPC_STAT, &mut ds) } == -1 {
            return Err(IpcError::last(format!("msgctl({}, IPC_STAT)", self.id)));
        }
        let p = &ds.msg_perm;
        Ok(MsgStat {
            key: SysvKey(p.__key),
            mode: u32::from(p.mode) & 0o777,
            uid: p.uid,
            gid: p.gid,
            cuid: p.cuid,
            cgid: p.cgid,
            qnum: ds.msg_qnum,
            cbytes: ds.__msg_cbytes,
            qbytes: ds.msg_qbytes,
            lspid: ds.msg_lspid,
            lrpid: ds.msg_lrpid,
            stime: ds.msg_stime,
            rtime: ds.msg_rtime,
            ctime: ds.msg_ctime,
        })
    }

    /// `msgctl(IPC_RMID)`: the queue and its messages go at once; blocked callers get EIDRM.
    pub fn remove(self) -> Result<()> {
        // SAFETY: IPC_RMID ignores the buffer argument.
        if unsafe { libc::msgctl(self.id, libc::IPC_RMID, std::ptr::null_mut()) } == -1 {
            return Err(IpcError::last(format!("msgctl({}, IPC_RMID)", self.id)));
        }
        Ok(())
    }

    /// A guard that removes the queue when dropped.
    pub fn remove_on_drop(self) -> Cleanup {
        Cleanup::new(format!("System V message queue {}", self.id), move || {
            self.remove()
        })
    }
}

fn send_hint(e: IpcError) -> IpcError {
    e.hint_if(Errno::EAGAIN, text("core.msgsnd.eagain"))
        .hint_if(Errno::EINVAL, text("core.msgsnd.einval"))
        .hint_if(Errno::EIDRM, text("core.msg.eidrm"))
        .hint_if(Errno::EACCES, text("core.msgsnd.eacces"))
}

fn receive_hint(e: IpcError) -> IpcError {
    e.hint_if(Errno::ENOMSG, text("core.msgrcv.enomsg"))
        .hint_if(Errno::E2BIG, text("core.msgrcv.e2big"))
        .hint_if(Errno::EIDRM, text("core.msg.eidrm"))
        .hint_if(Errno::EACCES, text("core.msgrcv.eacces"))
}

/// `/proc/sys/kernel/msgmax`: the longest text one System V message may carry.
pub fn max_message_size() -> Option<usize> {
    std::fs::read_to_string("/proc/sys/kernel/msgmax")
        .ok()?
        .trim()
        .parse()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::unique::unique_key;

    fn fresh() -> (SysvQueue, Cleanup) {
        let q = SysvQueue::create_exclusive(unique_key(), 0o600).unwrap();
        (q, q.remove_on_drop())
    }

    fn nowait() -> RecvFlags {
        RecvFlags {
            nowait: true,
            ..RecvFlags::default()
        }
    }

    #[test]
    fn type_selects_the_message() {
        let (q, _rm) = fresh();
        for (t, text) in [(3, "three"), (1, "one"), (2, "two"), (1, "one again")] {
            q.send(t, text.as_bytes(), false).unwrap();
        }
        let mut buf = [0u8; 64];
        let mut take = |t: i64| {
            let (got, n) = q.receive(&mut buf, t, nowait()).unwrap();
            (got, String::from_utf8_lossy(&buf[..n]).into_owned())
        };
        assert_eq!(take(2), (2, "two".into()));
        assert_eq!(take(-3), (1, "one".into()));
        assert_eq!(take(0), (3, "three".into()));
        assert_eq!(take(1), (1, "one again".into()));
        let err = q.receive(&mut buf, 0, nowait()).unwrap_err();
        assert_eq!(err.errno(), Some(Errno::ENOMSG));
    }

    #[test]
    fn short_buffer_is_e2big_unless_no_error() {
        let (q, _rm) = fresh();
        q.send(7, b"0123456789", true).unwrap();
        let mut buf = [0u8; 4];
        let err = q.receive(&mut buf, 7, nowait()).unwrap_err();
        assert_eq!(err.errno(), Some(Errno::E2BIG));
        assert!(err.to_string().contains("MSG_NOERROR"), "{err}");
        let flags = RecvFlags {
            nowait: true,
            no_error: true,
        };
        assert_eq!(q.receive(&mut buf, 7, flags).unwrap(), (7, 4));
        assert_eq!(&buf, b"0123");
    }

    #[test]
    fn stat_counts_messages_and_pids() {
        let (q, rm) = fresh();
        q.send(1, b"hello", false).unwrap();
        let st = q.stat().unwrap();
        assert_eq!((st.qnum, st.cbytes, st.mode), (1, 5, 0o600));
        assert_eq!(st.lspid as u32, std::process::id());
        assert!(st.qbytes >= 5 && st.stime > 0 && st.rtime == 0);
        assert_eq!(SysvQueue::open(st.key).unwrap(), q);
        rm.run_now().unwrap();
        assert!(q.stat().is_err());
    }

    #[test]
    fn bad_type_and_missing_key_are_clear() {
        let (q, _rm) = fresh();
        assert!(
            q.send(0, b"x", true)
                .unwrap_err()
                .to_string()
                .contains("greater than 0")
        );
        let err = SysvQueue::open(unique_key()).unwrap_err();
        assert_eq!(err.errno(), Some(Errno::ENOENT));
        let p = SysvQueue::create_private(0o600).unwrap();
        p.remove().unwrap();
    }
}
