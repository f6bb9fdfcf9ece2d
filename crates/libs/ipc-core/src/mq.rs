//! POSIX message queues on top of nix: `mq_open`, `mq_send`/`mq_timedsend`,
//! `mq_receive`/`mq_timedreceive`, `mq_getattr`/`mq_setattr`, `mq_close`, `mq_unlink`,
//! and the kernel limits that bound a queue (`/proc/sys/fs/mqueue/*`, RLIMIT_MSGQUEUE).
//!
//! nix's `MqdT` does not close itself and has no `mq_timedsend`; [`MessageQueue`] adds both.

use std::os::fd::AsRawFd;
use std::time::Duration;

use nix::errno::Errno;
use nix::mqueue::{self, MQ_OFlag, MqAttr, MqdT};
use nix::sys::resource::{Resource, getrlimit, setrlimit};
use nix::sys::stat::Mode;

use crate::error::{IpcError, Result};
use crate::guard::Cleanup;
use crate::interrupt;
use crate::name::ObjectName;
use crate::text::{text, text_with};
use crate::time::realtime_deadline;

/// Which directions a descriptor may be used in: `mq_send` needs write, `mq_receive` read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueueAccess {
    ReadOnly,
    WriteOnly,
    ReadWrite,
}

impl QueueAccess {
    fn flag(self) -> (MQ_OFlag, &'static str) {
        match self {
            QueueAccess::ReadOnly => (MQ_OFlag::O_RDONLY, "O_RDONLY"),
            QueueAccess::WriteOnly => (MQ_OFlag::O_WRONLY, "O_WRONLY"),
            QueueAccess::ReadWrite => (MQ_OFlag::O_RDWR, "O_RDWR"),
        }
    }
}

/// The two sizes fixed when a queue is created: how many messages it holds and how long
/// each may be (`mq_maxmsg`, `mq_msgsize`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Capacity {
    pub max_msgs: i64,
    pub msg_size: i64,
}

/// How `mq_open` opens a queue.
#[derive(Debug, Clone, Copy)]
pub struct QueueOptions {
    pub access: QueueAccess,
    /// O_CREAT
    pub create: bool,
    /// O_EXCL: fail with EEXIST when the queue exists already.
    pub exclusive: bool,
    /// O_NONBLOCK: a full send or an empty receive fails with EAGAIN instead of waiting.
    pub nonblock: bool,
    /// Permission bits of a new queue.
    pub mode: u32,
    /// Attributes of a new queue; `None` takes the kernel's defaults
    /// (`/proc/sys/fs/mqueue/msg_default`, `msgsize_default`).
    pub capacity: Option<Capacity>,
}

impl QueueOptions {
    /// Opens an existing queue.
    pub fn open(access: QueueAccess) -> Self {
        QueueOptions {
            access,
            create: false,
            exclusive: false,
            nonblock: false,
            mode: 0,
            capacity: None,
        }
    }

    /// `O_CREAT|O_RDWR` with `mode`, holding `max_msgs` messages of at most `msg_size` bytes.
    pub fn create(mode: u32, max_msgs: i64, msg_size: i64) -> Self {
        QueueOptions {
            access: QueueAccess::ReadWrite,
            create: true,
            exclusive: false,
            nonblock: false,
            mode,
            capacity: Some(Capacity { max_msgs, msg_size }),
        }
    }

    fn flags(&self) -> (MQ_OFlag, String) {
        let (mut flags, access) = self.access.flag();
        let mut names = vec![access];
        for (on, flag, name) in [
            (self.create, MQ_OFlag::O_CREAT, "O_CREAT"),
            (self.exclusive, MQ_OFlag::O_EXCL, "O_EXCL"),
            (self.nonblock, MQ_OFlag::O_NONBLOCK, "O_NONBLOCK"),
        ] {
            if on {
                flags |= flag;
                names.push(name);
            }
        }
        (flags, names.join("|"))
    }

    /// `mq_open(/q, O_RDWR|O_CREAT, 0600, {maxmsg 4, msgsize 128})`, as error lines show it.
    fn describe(&self, name: &ObjectName) -> String {
        let (_, flags) = self.flags();
        let mut call = format!("mq_open({name}, {flags}");
        if self.create {
            call.push_str(&format!(", 0{:o}", self.mode));
            match self.capacity {
                Some(c) => call.push_str(&format!(
                    ", {{maxmsg {}, msgsize {}}}",
                    c.max_msgs, c.msg_size
                )),
                None => call.push_str(", NULL"),
            }
        }
        call.push(')');
        call
    }
}

/// What `mq_getattr` reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QueueAttr {
    /// O_NONBLOCK is set on this descriptor.
    pub nonblocking: bool,
    /// `mq_maxmsg`: messages the queue holds before a send blocks (or fails with EAGAIN).
    pub max_msgs: i64,
    /// `mq_msgsize`: the longest message, and the least a receive buffer must hold.
    pub msg_size: i64,
    /// `mq_curmsgs`: messages waiting now.
    pub cur_msgs: i64,
}

impl From<MqAttr> for QueueAttr {
    fn from(a: MqAttr) -> Self {
        QueueAttr {
            nonblocking: a.flags() & libc::O_NONBLOCK as libc::c_long != 0,
            max_msgs: a.maxmsg(),
            msg_size: a.msgsize(),
            cur_msgs: a.curmsgs(),
        }
    }
}

/// One received message: its bytes and its priority (higher is delivered first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub priority: u32,
    pub bytes: Vec<u8>,
}

/// An open message-queue descriptor; `mq_close` runs when it is dropped.
/// (Closing never removes the queue: that is [`unlink`].)
#[derive(Debug)]
pub struct MessageQueue {
    name: ObjectName,
    /// `None` only inside `close`, which consumes the queue.
    mqd: Option<MqdT>,
}

/// Repeats `op` while it fails with EINTR from a signal this program did not catch on
/// purpose; a caught Ctrl-C/SIGTERM ends the call as an interruption instead.
fn retrying<T>(call: impl Fn() -> String, mut op: impl FnMut() -> nix::Result<T>) -> Result<T> {
    loop {
        // A signal caught just before the call would not interrupt it: stop here instead.
        if let Some(signal) = interrupt::received() {
            return Err(IpcError::interrupted(call(), signal));
        }
        match op() {
            Ok(v) => return Ok(v),
            Err(Errno::EINTR) if interrupt::received().is_none() => continue,
            Err(e) => return Err(interrupt::call_error(call(), e)),
        }
    }
}

impl MessageQueue {
    /// `mq_open(name, flags, mode, attr)`.
    pub fn open(name: &ObjectName, opts: QueueOptions) -> Result<Self> {
        let (flags, _) = opts.flags();
        let attr = opts
            .capacity
            .map(|c| MqAttr::new(0, c.max_msgs, c.msg_size, 0));
        let mode = Mode::from_bits_truncate(opts.mode & 0o777);
        let mqd = mqueue::mq_open(name.as_str(), flags, mode, attr.as_ref())
            .map_err(|e| open_error(name, &opts, e))?;
        Ok(MessageQueue {
            name: name.clone(),
            mqd: Some(mqd),
        })
    }

    pub fn name(&self) -> &ObjectName {
        &self.name
    }

    fn mqd(&self) -> &MqdT {
        self.mqd
            .as_ref()
            .expect("a MessageQueue is open until close consumes it")
    }

    /// `mq_getattr`.
    pub fn attr(&self) -> Result<QueueAttr> {
        mqueue::mq_getattr(self.mqd())
            .map(QueueAttr::from)
            .map_err(|e| IpcError::sys(format!("mq_getattr({})", self.name), e))
    }

    /// `mq_setattr` with O_NONBLOCK on or off (the only attribute it may change).
    pub fn set_nonblocking(&self, on: bool) -> Result<()> {
        let r = if on {
            mqueue::mq_set_nonblock(self.mqd())
        } else {
            mqueue::mq_remove_nonblock(self.mqd())
        };
        r.map(drop)
            .map_err(|e| IpcError::sys(format!("mq_setattr({})", self.name), e))
    }

    fn send_call(&self, timed: bool, len: usize, priority: u32) -> String {
        let f = if timed { "mq_timedsend" } else { "mq_send" };
        format!("{f}({}, {len} bytes, priority {priority})", self.name)
    }

    /// `mq_send`: waits while the queue is full, unless the descriptor is non-blocking.
    pub fn send(&self, bytes: &[u8], priority: u32) -> Result<()> {
        retrying(
            || self.send_call(false, bytes.len(), priority),
            || mqueue::mq_send(self.mqd(), bytes, priority),
        )
        .map_err(|e| self.send_hint(e))
    }

    /// `mq_timedsend`: as `send`, but gives up with ETIMEDOUT after `timeout`.
    pub fn send_timeout(&self, bytes: &[u8], priority: u32, timeout: Duration) -> Result<()> {
        let deadline = realtime_deadline(timeout);
        let fd = self.mqd().as_raw_fd();
        retrying(
            || self.send_call(true, bytes.len(), priority),
            || {
                // SAFETY: fd is this queue's open descriptor; bytes is valid for its length;
                // deadline is a valid timespec living across the call.
                let r = unsafe {
                    libc::mq_timedsend(
                        fd,
                        bytes.as_ptr().cast(),
                        bytes.len(),
                        priority,
                        deadline.as_ref(),
                    )
                };
                Errno::result(r).map(drop)
            },
        )
        .map_err(|e| self.send_hint(e))
    }

    fn send_hint(&self, e: IpcError) -> IpcError {
        e.hint_if(Errno::EAGAIN, text("core.mq.send.eagain"))
            .hint_if(Errno::EMSGSIZE, text("core.mq.send.emsgsize"))
            .hint_if(Errno::EBADF, text("core.mq.send.ebadf"))
            .hint_if(Errno::ETIMEDOUT, text("core.mq.send.etimedout"))
    }

    fn receive_call(&self, timed: bool, len: usize) -> String {
        let f = if timed {
            "mq_timedreceive"
        } else {
            "mq_receive"
        };
        format!("{f}({}, buffer of {len} bytes)", self.name)
    }

    /// `mq_receive` into `buf`: the oldest message of the highest priority, as
    /// (length, priority). `buf` must hold at least `mq_msgsize` bytes, or EMSGSIZE.
    pub fn receive(&self, buf: &mut [u8]) -> Result<(usize, u32)> {
        let len = buf.len();
        let mut priority = 0;
        let n = retrying(
            || self.receive_call(false, len),
            || mqueue::mq_receive(self.mqd(), buf, &mut priority),
        )
        .map_err(|e| self.receive_hint(e))?;
        Ok((n, priority))
    }

    /// `mq_timedreceive`: as `receive`, but gives up with ETIMEDOUT after `timeout`.
    pub fn receive_timeout(&self, buf: &mut [u8], timeout: Duration) -> Result<(usize, u32)> {
        let deadline = realtime_deadline(timeout);
        let len = buf.len();
        let mut priority = 0;
        let n = retrying(
            || self.receive_call(true, len),
            || mqueue::mq_timedreceive(self.mqd(), buf, &mut priority, &deadline),
        )
        .map_err(|e| self.receive_hint(e))?;
        Ok((n, priority))
    }

    fn receive_hint(&self, e: IpcError) -> IpcError {
        e.hint_if(Errno::EAGAIN, text("core.mq.receive.eagain"))
            .hint_if(Errno::EMSGSIZE, text("core.mq.receive.emsgsize"))
            .hint_if(Errno::EBADF, text("core.mq.receive.ebadf"))
            .hint_if(Errno::ETIMEDOUT, text("core.mq.receive.etimedout"))
    }

    /// Receives one message into a buffer sized from `mq_getattr`, so a long message never
    /// fails with EMSGSIZE; waits at most `timeout` when one is given.
    pub fn receive_message(&self, timeout: Option<Duration>) -> Result<Message> {
        let size = usize::try_from(self.attr()?.msg_size).unwrap_or(0);
        let mut buf = vec![0u8; size];
        let (n, priority) = match timeout {
            Some(t) => self.receive_timeout(&mut buf, t)?,
            None => self.receive(&mut buf)?,
        };
        buf.truncate(n);
        Ok(Message {
            priority,
            bytes: buf,
        })
    }

    /// `mq_close` now, reporting a failure instead of ignoring it as Drop must.
    pub fn close(mut self) -> Result<()> {
        let mqd = self.mqd.take().expect("open until closed");
        mqueue::mq_close(mqd).map_err(|e| IpcError::sys(format!("mq_close({})", self.name), e))
    }
}

impl Drop for MessageQueue {
    fn drop(&mut self) {
        if let Some(mqd) = self.mqd.take() {
            let _ = mqueue::mq_close(mqd);
        }
    }
}

fn open_error(name: &ObjectName, opts: &QueueOptions, e: Errno) -> IpcError {
    let err = IpcError::sys(opts.describe(name), e)
        .hint_if(Errno::ENOENT, text_with("core.mq.open.enoent", &[name]))
        .hint_if(Errno::EEXIST, text_with("core.mq.open.eexist", &[name]))
        .hint_if(Errno::EMFILE, text("core.mq.open.emfile"))
        .hint_if(Errno::ENOSPC, text("core.mq.open.enospc"))
        .hint_if(Errno::EACCES, text("core.mq.open.eacces"));
    match (e, opts.capacity) {
        (Errno::EINVAL, Some(_)) if opts.create => err.hint(text("core.mq.open.einval")),
        _ => err,
    }
}

/// `mq_unlink(name)`: the name goes at once; the queue itself when its last descriptor closes.
pub fn unlink(name: &ObjectName) -> Result<()> {
    mqueue::mq_unlink(name.as_str()).map_err(|e| {
        IpcError::sys(format!("mq_unlink({name})"), e)
            .hint_if(Errno::ENOENT, text_with("core.mq.unlink.enoent", &[name]))
    })
}

/// A guard that unlinks the queue when dropped (on success, error or panic).
pub fn unlink_on_drop(name: &ObjectName) -> Cleanup {
    let name = name.clone();
    Cleanup::new(format!("message queue {name}"), move || unlink(&name))
}

/// True when a queue with this name exists. Works without `/dev/mqueue` mounted: it tries
/// `mq_open(O_RDONLY)`; any answer but ENOENT means the name is taken.
pub fn exists(name: &ObjectName) -> bool {
    match mqueue::mq_open(
        name.as_str(),
        MQ_OFlag::O_RDONLY | MQ_OFlag::O_NONBLOCK,
        Mode::empty(),
        None,
    ) {
        Ok(mqd) => {
            let _ = mqueue::mq_close(mqd);
            true
        }
        Err(e) => e != Errno::ENOENT,
    }
}

/// Where Linux shows POSIX queues as files, once an mqueue file system is mounted there.
pub const MQUEUE_DIR: &str = "/dev/mqueue";

/// The command that makes queues visible as files (root only).
pub const MOUNT_HINT: &str = "mkdir -p /dev/mqueue && mount -t mqueue none /dev/mqueue";

/// True when an mqueue file system is mounted on /dev/mqueue (queues work without it;
/// only listing them as files needs it).
pub fn mqueue_mounted() -> bool {
    std::fs::read_to_string("/proc/self/mounts").is_ok_and(|m| {
        m.lines().any(|l| {
            let mut f = l.split_whitespace();
            (f.nth(1), f.next()) == (Some(MQUEUE_DIR), Some("mqueue"))
        })
    })
}

/// HARD_MSGMAX of the kernel: the most messages a queue may hold even with CAP_SYS_RESOURCE.
pub const HARD_MSGMAX: u64 = 65_536;
/// HARD_MSGSIZEMAX of the kernel: the longest message even with CAP_SYS_RESOURCE (16 MiB).
pub const HARD_MSGSIZEMAX: u64 = 16 * 1024 * 1024;

/// The directory whose files hold the kernel's limits for POSIX queues.
pub const LIMITS_DIR: &str = "/proc/sys/fs/mqueue";

/// `/proc/sys/fs/mqueue/*`: the limits `mq_open` checks a new queue against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KernelLimits {
    /// Most messages per queue for a process without CAP_SYS_RESOURCE.
    pub msg_max: u64,
    /// Longest message for a process without CAP_SYS_RESOURCE.
    pub msgsize_max: u64,
    /// Most queues on the machine (an IPC namespace) without CAP_SYS_RESOURCE.
    pub queues_max: u64,
    /// Attributes of a queue created with `attr == NULL`.
    pub msg_default: u64,
    pub msgsize_default: u64,
}

fn read_number(path: &str) -> Result<u64> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| IpcError::refused(format!("read {path}"), e.to_string()))?;
    text.trim().parse().map_err(|_| {
        IpcError::refused(
            format!("read {path}"),
            crate::text::text("core.not-a-number"),
        )
    })
}

/// Reads the five files of `/proc/sys/fs/mqueue`.
pub fn kernel_limits() -> Result<KernelLimits> {
    let read = |f: &str| read_number(&format!("{LIMITS_DIR}/{f}"));
    Ok(KernelLimits {
        msg_max: read("msg_max")?,
        msgsize_max: read("msgsize_max")?,
        queues_max: read("queues_max")?,
        msg_default: read("msg_default")?,
        msgsize_default: read("msgsize_default")?,
    })
}

/// RLIMIT_MSGQUEUE as (soft, hard): the bytes all of this user's queues may reserve.
/// `u64::MAX` means unlimited.
pub fn rlimit_msgqueue() -> Result<(u64, u64)> {
    getrlimit(Resource::RLIMIT_MSGQUEUE).map_err(|e| IpcError::sys("getrlimit(RLIMIT_MSGQUEUE)", e))
}

/// Sets RLIMIT_MSGQUEUE of this process (lowering needs no privilege; raising the soft
/// limit back up to the hard one neither).
pub fn set_rlimit_msgqueue(soft: u64, hard: u64) -> Result<()> {
    setrlimit(Resource::RLIMIT_MSGQUEUE, soft, hard)
        .map_err(|e| IpcError::sys(format!("setrlimit(RLIMIT_MSGQUEUE, {soft}, {hard})"), e))
}

/// About how many bytes of RLIMIT_MSGQUEUE a queue reserves when it is created: its
/// messages' space plus the kernel's bookkeeping per message (a `struct msg_msg`, 48 bytes
/// on 64-bit Linux) and per priority in use (a tree node, counted here at 48 bytes).
pub fn queue_bytes(c: Capacity) -> u64 {
    let msgs = c.max_msgs.max(0) as u64;
    let size = c.msg_size.max(0) as u64;
    msgs * size + msgs * 48 + msgs.min(32_768) * 48
}

/// CAP_SYS_RESOURCE lets a process exceed msg_max/msgsize_max (up to the hard limits)
/// and queues_max. Read from `CapEff` in /proc/self/status.
pub fn has_cap_sys_resource() -> bool {
    const CAP_SYS_RESOURCE: u32 = 24;
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("CapEff:"))
                .and_then(|hex| u64::from_str_radix(hex.trim(), 16).ok())
        })
        .is_some_and(|caps| caps & (1 << CAP_SYS_RESOURCE) != 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::unique::unique_name;

    fn fresh() -> ObjectName {
        ObjectName::parse_mq(&format!("/{}", unique_name("ipc-core-mq"))).unwrap()
    }

    fn small(name: &ObjectName) -> (MessageQueue, Cleanup) {
        let q = MessageQueue::open(
            name,
            QueueOptions {
                exclusive: true,
                ..QueueOptions::create(0o600, 4, 128)
            },
        )
        .unwrap();
        (q, unlink_on_drop(name))
    }

    #[test]
    fn send_receive_by_priority_then_unlink() {
        let name = fresh();
        let (q, guard) = small(&name);
        let a = q.attr().unwrap();
        assert_eq!((a.max_msgs, a.msg_size, a.cur_msgs), (4, 128, 0));
        q.send(b"low", 1).unwrap();
        q.send(b"high", 9).unwrap();
        q.send_timeout(b"mid", 5, Duration::from_secs(5)).unwrap();
        assert_eq!(q.attr().unwrap().cur_msgs, 3);
        let got: Vec<_> = (0..3).map(|_| q.receive_message(None).unwrap()).collect();
        assert_eq!(
            got.iter()
                .map(|m| (m.priority, m.bytes.as_slice()))
                .collect::<Vec<_>>(),
            [(9, &b"high"[..]), (5, b"mid"), (1, b"low")]
        );
        assert!(exists(&name));
        q.close().unwrap();
        guard.run_now().unwrap();
        assert!(!exists(&name));
        assert_eq!(unlink(&name).unwrap_err().errno(), Some(Errno::ENOENT));
    }

    #[test]
    fn nonblocking_full_and_empty_are_eagain() {
        let name = fresh();
        let (q, _guard) = small(&name);
        q.set_nonblocking(true).unwrap();
        assert!(q.attr().unwrap().nonblocking);
        let mut buf = [0u8; 128];
        let err = q.receive(&mut buf).unwrap_err();
        assert_eq!(err.errno(), Some(Errno::EAGAIN));
        assert!(err.to_string().contains("empty"), "{err}");
        for _ in 0..4 {
            q.send(b"x", 0).unwrap();
        }
        let err = q.send(b"x", 0).unwrap_err();
        assert_eq!(err.errno(), Some(Errno::EAGAIN));
        assert!(err.to_string().starts_with("mq_send(/ipc-core-mq"), "{err}");
    }

    #[test]
    fn sizes_timeouts_modes_are_checked() {
        let name = fresh();
        let (q, _guard) = small(&name);
        assert_eq!(
            q.send(&[0u8; 129], 0).unwrap_err().errno(),
            Some(Errno::EMSGSIZE)
        );
        let mut small_buf = [0u8; 16];
        assert_eq!(
            q.receive(&mut small_buf).unwrap_err().errno(),
            Some(Errno::EMSGSIZE)
        );
        let mut buf = [0u8; 128];
        assert_eq!(
            q.receive_timeout(&mut buf, Duration::from_millis(10))
                .unwrap_err()
                .errno(),
            Some(Errno::ETIMEDOUT)
        );
        let ro = MessageQueue::open(&name, QueueOptions::open(QueueAccess::ReadOnly)).unwrap();
        let err = ro.send(b"x", 0).unwrap_err();
        assert_eq!(err.errno(), Some(Errno::EBADF));
        let wo = MessageQueue::open(&name, QueueOptions::open(QueueAccess::WriteOnly)).unwrap();
        assert_eq!(
            wo.receive(&mut buf).unwrap_err().errno(),
            Some(Errno::EBADF)
        );
    }

    #[test]
    fn open_errors_name_the_call() {
        let name = fresh();
        let err = MessageQueue::open(&name, QueueOptions::open(QueueAccess::ReadOnly)).unwrap_err();
        assert_eq!(err.errno(), Some(Errno::ENOENT));
        assert!(err.to_string().contains("posix-mq create"), "{err}");
        let (_q, _guard) = small(&name);
        let err = MessageQueue::open(
            &name,
            QueueOptions {
                exclusive: true,
                ..QueueOptions::create(0o600, 4, 128)
            },
        )
        .unwrap_err();
        assert_eq!(err.errno(), Some(Errno::EEXIST));
        assert!(
            err.to_string().contains("mq_open(/ipc-core-mq")
                && err
                    .to_string()
                    .contains("O_RDWR|O_CREAT|O_EXCL, 0600, {maxmsg 4, msgsize 128})"),
            "{err}"
        );
    }

    #[test]
    fn limits_are_readable() {
        let l = kernel_limits().unwrap();
        assert!(l.msg_max >= 1 && l.msgsize_max >= 128 && l.queues_max >= 1);
        let (soft, hard) = rlimit_msgqueue().unwrap();
        assert!(soft <= hard);
        assert!(
            queue_bytes(Capacity {
                max_msgs: 10,
                msg_size: 8192
            }) > 81_920
        );
    }
}
