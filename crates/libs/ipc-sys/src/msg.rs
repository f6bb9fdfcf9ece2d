//! `<sys/msg.h>`: System V message queues: `msgget`, `msgsnd`, `msgrcv`, `msgctl`.
//!
//! A message is a `long` type (> 0) and its text; the type lets a receiver choose which
//! message it takes.

use nix::errno::Errno;
use nix::sys::stat::Mode;

use crate::ipc::{IpcFlags, IpcPerm, SysvKey, with_mode};

/// `msgget(key, flags | mode)`: the id of the queue with `key`, created (with permission
/// bits `mode`) when `flags` has IPC_CREAT and none exists.
pub fn msgget(key: SysvKey, flags: IpcFlags, mode: Mode) -> Result<i32, Errno> {
    // SAFETY: msgget takes plain integers and touches no memory of ours.
    Errno::result(unsafe { libc::msgget(key.raw(), with_mode(flags, mode)) })
}

bitflags::bitflags! {
    /// Flags of `msgsnd` and `msgrcv`.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub struct MsgFlags: libc::c_int {
        /// Fail at once instead of waiting: EAGAIN from a full queue's msgsnd, ENOMSG from
        /// msgrcv when no message matches.
        const IPC_NOWAIT = libc::IPC_NOWAIT;
        /// msgrcv: cut a message longer than the buffer to fit, instead of failing with E2BIG.
        const MSG_NOERROR = libc::MSG_NOERROR;
    }
}

const LONG: usize = std::mem::size_of::<libc::c_long>();

/// `struct msgbuf { long mtype; char mtext[]; }`, built of `c_long`s so that it is aligned.
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

    /// The first `len` bytes of the text, which `new` made room for.
    fn text(&mut self, len: usize) -> &mut [u8] {
        assert!(
            len <= (self.words.len() - 1) * LONG,
            "room was made for the text"
        );
        // SAFETY: words[1..] are plain integers at least `len` bytes long (asserted above),
        // any byte pattern is valid for them, and the borrow of self keeps them alive.
        unsafe { std::slice::from_raw_parts_mut(self.words.as_mut_ptr().add(1).cast(), len) }
    }
}

/// `msgsnd(id, {mtype, text}, len, flags)`. `mtype` must be > 0 (EINVAL otherwise). Waits
/// while the queue is full (msg_qbytes), unless IPC_NOWAIT (then EAGAIN).
pub fn msgsnd(id: i32, mtype: libc::c_long, text: &[u8], flags: MsgFlags) -> Result<(), Errno> {
    let mut msg = MsgBuf::new(text.len());
    msg.words[0] = mtype;
    msg.text(text.len()).copy_from_slice(text);
    // SAFETY: msg holds an mtype followed by text.len() bytes of text.
    Errno::result(unsafe { libc::msgsnd(id, msg.ptr(), text.len(), flags.bits()) }).map(drop)
}

/// `msgrcv(id, buf, len, mtype, flags)`: takes one message into `buf` and returns its type
/// and length. Which message depends on `mtype`: `0` the first in the queue; `> 0` the first
/// of exactly that type; `< 0` the first of the lowest type that is at most |mtype|. A
/// longer message fails with E2BIG unless MSG_NOERROR (then it is cut).
pub fn msgrcv(
    id: i32,
    buf: &mut [u8],
    mtype: libc::c_long,
    flags: MsgFlags,
) -> Result<(libc::c_long, usize), Errno> {
    let mut msg = MsgBuf::new(buf.len());
    // SAFETY: msg has room for an mtype and buf.len() bytes of text.
    let n = unsafe { libc::msgrcv(id, msg.ptr(), buf.len(), mtype, flags.bits()) };
    let n = usize::try_from(Errno::result(n)?).map_err(|_| Errno::EOVERFLOW)?;
    buf[..n].copy_from_slice(msg.text(n));
    Ok((msg.words[0], n))
}

/// `struct msqid_ds`: what `msgctl(IPC_STAT)` reports about a queue.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct MsqidDs {
    pub msg_perm: IpcPerm,
    /// Messages waiting.
    pub msg_qnum: u64,
    /// Bytes of text waiting (`__msg_cbytes`).
    pub msg_cbytes: u64,
    /// The most bytes of text the queue holds before msgsnd waits (or fails with EAGAIN).
    pub msg_qbytes: u64,
    /// The process that sent last, and the one that received last.
    pub msg_lspid: i32,
    pub msg_lrpid: i32,
    /// Seconds since the epoch of the last send, receive and change; 0 means never.
    pub msg_stime: i64,
    pub msg_rtime: i64,
    pub msg_ctime: i64,
}

/// What `msgctl` does.
#[allow(non_camel_case_types)]
#[derive(Debug)]
pub enum MsgctlCmd<'a> {
    /// Fill in the queue's `msqid_ds`.
    IPC_STAT(&'a mut MsqidDs),
    /// Remove the queue and its messages at once; blocked callers get EIDRM.
    IPC_RMID,
}

/// `msgctl(id, cmd, buf)`.
pub fn msgctl(id: i32, cmd: MsgctlCmd<'_>) -> Result<(), Errno> {
    match cmd {
        MsgctlCmd::IPC_STAT(out) => {
            // SAFETY: msqid_ds is plain data, for which all-zero bytes are a valid value.
            let mut ds: libc::msqid_ds = unsafe { std::mem::zeroed() };
            // SAFETY: ds is a valid, writable msqid_ds for the kernel to fill.
            Errno::result(unsafe { libc::msgctl(id, libc::IPC_STAT, &mut ds) })?;
            *out = MsqidDs {
                msg_perm: IpcPerm::from(&ds.msg_perm),
                msg_qnum: ds.msg_qnum,
                msg_cbytes: ds.__msg_cbytes,
                msg_qbytes: ds.msg_qbytes,
                msg_lspid: ds.msg_lspid,
                msg_lrpid: ds.msg_lrpid,
                msg_stime: ds.msg_stime,
                msg_rtime: ds.msg_rtime,
                msg_ctime: ds.msg_ctime,
            };
            Ok(())
        }
        MsgctlCmd::IPC_RMID => {
            // SAFETY: IPC_RMID reads no buffer.
            let rc = unsafe { libc::msgctl(id, libc::IPC_RMID, std::ptr::null_mut()) };
            Errno::result(rc).map(drop)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Removes the queue when dropped, so a failing test leaves nothing behind.
    struct Rm(i32);

    impl Drop for Rm {
        fn drop(&mut self) {
            let _ = msgctl(self.0, MsgctlCmd::IPC_RMID);
        }
    }

    fn fresh() -> Rm {
        Rm(msgget(
            SysvKey::PRIVATE,
            IpcFlags::empty(),
            Mode::S_IRUSR | Mode::S_IWUSR,
        )
        .unwrap())
    }

    #[test]
    fn the_type_chooses_the_message() {
        let q = fresh();
        for (t, text) in [(3, "three"), (1, "one"), (2, "two"), (1, "one again")] {
            msgsnd(q.0, t, text.as_bytes(), MsgFlags::empty()).unwrap();
        }
        let mut buf = [0u8; 64];
        let mut take = |t| {
            let (got, n) = msgrcv(q.0, &mut buf, t, MsgFlags::IPC_NOWAIT).unwrap();
            (got, String::from_utf8_lossy(&buf[..n]).into_owned())
        };
        assert_eq!(take(2), (2, "two".into()));
        assert_eq!(take(-3), (1, "one".into()));
        assert_eq!(take(0), (3, "three".into()));
        assert_eq!(take(1), (1, "one again".into()));
        assert_eq!(
            msgrcv(q.0, &mut buf, 0, MsgFlags::IPC_NOWAIT),
            Err(Errno::ENOMSG)
        );
    }

    #[test]
    fn a_short_buffer_is_e2big_unless_msg_noerror() {
        let q = fresh();
        msgsnd(q.0, 7, b"0123456789", MsgFlags::IPC_NOWAIT).unwrap();
        let mut buf = [0u8; 4];
        assert_eq!(
            msgrcv(q.0, &mut buf, 7, MsgFlags::IPC_NOWAIT),
            Err(Errno::E2BIG)
        );
        let cut = MsgFlags::IPC_NOWAIT | MsgFlags::MSG_NOERROR;
        assert_eq!(msgrcv(q.0, &mut buf, 7, cut), Ok((7, 4)));
        assert_eq!(&buf, b"0123");
        assert_eq!(
            msgsnd(q.0, 0, b"x", MsgFlags::IPC_NOWAIT),
            Err(Errno::EINVAL)
        );
    }

    #[test]
    fn stat_counts_messages_and_names_the_sender() {
        let q = fresh();
        msgsnd(q.0, 1, b"hello", MsgFlags::empty()).unwrap();
        let mut ds = MsqidDs::default();
        msgctl(q.0, MsgctlCmd::IPC_STAT(&mut ds)).unwrap();
        assert_eq!(
            (ds.msg_qnum, ds.msg_cbytes, ds.msg_perm.mode & 0o777),
            (1, 5, 0o600)
        );
        assert_eq!(u32::try_from(ds.msg_lspid).unwrap(), std::process::id());
        assert!(ds.msg_qbytes >= 5 && ds.msg_stime > 0 && ds.msg_rtime == 0);
        msgctl(q.0, MsgctlCmd::IPC_RMID).unwrap();
        assert_eq!(
            msgctl(q.0, MsgctlCmd::IPC_STAT(&mut ds)),
            Err(Errno::EINVAL)
        );
    }
}
