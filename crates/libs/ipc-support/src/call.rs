//! The first half of the error line: a call and its arguments as the lesson writes them,
//! `shm_open(/tho_mmap, O_RDWR|O_CREAT|O_EXCL, 0600)`. `call!("shm_open", name, flags, mode)`
//! builds it from the values the call was given, flags by their C names.

use std::fmt::Write;

use ipc_sys::ipc::{IpcFlags, SysvKey};
use ipc_sys::msg::MsgFlags;
use ipc_sys::shm::ShmatFlags;
use nix::fcntl::OFlag;
use nix::mqueue::{MQ_OFlag, MqAttr};
use nix::sys::mman::{MapFlags, ProtFlags};
use nix::sys::signal::Signal;
use nix::sys::stat::Mode;
use nix::unistd::Pid;

use crate::name::ObjectName;

/// `NAME(ARG, ARG, ...)`, each argument shown as a [`CallArg`].
#[macro_export]
macro_rules! call {
    ($name:expr $(, $arg:expr)* $(,)?) => {
        $crate::call::format_call($name, &[$(&$arg as &dyn $crate::call::CallArg),*])
    };
}

/// An argument as an error line shows it.
pub trait CallArg {
    fn show(&self) -> String;
}

/// What `call!` expands to.
pub fn format_call(name: &str, args: &[&dyn CallArg]) -> String {
    let args: Vec<String> = args.iter().map(|a| a.show()).collect();
    format!("{name}({})", args.join(", "))
}

macro_rules! shown_as_displayed {
    ($($t:ty),*) => {
        $(impl CallArg for $t {
            fn show(&self) -> String {
                self.to_string()
            }
        })*
    };
}
shown_as_displayed!(
    str,
    String,
    i32,
    i64,
    u8,
    u32,
    u64,
    usize,
    ObjectName,
    SysvKey,
    Pid,
    std::path::Display<'_>
);

impl<T: CallArg + ?Sized> CallArg for &T {
    fn show(&self) -> String {
        (**self).show()
    }
}

impl CallArg for Signal {
    fn show(&self) -> String {
        self.as_str().to_string()
    }
}

/// Permission bits in octal with a leading 0, as C writes them: `0600`.
impl CallArg for Mode {
    fn show(&self) -> String {
        format!("0{:o}", self.bits())
    }
}

/// The names of the flags that are set, in `order`, joined by `|`; `0` when none is.
fn names<F: Copy>(flags: F, order: &[(F, &str)], set: impl Fn(&F, F) -> bool) -> String {
    let on: Vec<&str> = order
        .iter()
        .filter(|(flag, _)| set(&flags, *flag))
        .map(|(_, name)| *name)
        .collect();
    if on.is_empty() {
        "0".to_string()
    } else {
        on.join("|")
    }
}

/// The access mode first (O_RDONLY is 0, so it is named when no other is), then the
/// creation and status flags the lessons use: `O_RDWR|O_CREAT|O_EXCL`.
impl CallArg for OFlag {
    fn show(&self) -> String {
        let access = match *self & OFlag::O_ACCMODE {
            a if a == OFlag::O_WRONLY => "O_WRONLY",
            a if a == OFlag::O_RDWR => "O_RDWR",
            _ => "O_RDONLY",
        };
        match creation_flags(*self).as_str() {
            "0" => access.to_string(),
            rest => format!("{access}|{rest}"),
        }
    }
}

/// Only the creation and status flags (`O_CREAT|O_EXCL`, or `0`): `sem_open` takes no
/// access mode.
pub fn creation_flags(flags: OFlag) -> String {
    let order = [
        (OFlag::O_CREAT, "O_CREAT"),
        (OFlag::O_EXCL, "O_EXCL"),
        (OFlag::O_TRUNC, "O_TRUNC"),
        (OFlag::O_NONBLOCK, "O_NONBLOCK"),
    ];
    names(flags, &order, OFlag::contains)
}

/// As for `OFlag`: `O_WRONLY|O_CREAT|O_EXCL|O_NONBLOCK`.
impl CallArg for MQ_OFlag {
    fn show(&self) -> String {
        let access = if self.contains(MQ_OFlag::O_RDWR) {
            "O_RDWR"
        } else if self.contains(MQ_OFlag::O_WRONLY) {
            "O_WRONLY"
        } else {
            "O_RDONLY"
        };
        let order = [
            (MQ_OFlag::O_CREAT, "O_CREAT"),
            (MQ_OFlag::O_EXCL, "O_EXCL"),
            (MQ_OFlag::O_NONBLOCK, "O_NONBLOCK"),
        ];
        match names(*self, &order, MQ_OFlag::contains).as_str() {
            "0" => access.to_string(),
            rest => format!("{access}|{rest}"),
        }
    }
}

/// The attributes of a new queue, as the lesson's `struct mq_attr`: `{maxmsg 4, msgsize 128}`.
impl CallArg for MqAttr {
    fn show(&self) -> String {
        format!("{{maxmsg {}, msgsize {}}}", self.maxmsg(), self.msgsize())
    }
}

impl CallArg for ProtFlags {
    fn show(&self) -> String {
        let order = [
            (ProtFlags::PROT_READ, "PROT_READ"),
            (ProtFlags::PROT_WRITE, "PROT_WRITE"),
            (ProtFlags::PROT_EXEC, "PROT_EXEC"),
        ];
        match names(*self, &order, ProtFlags::contains).as_str() {
            "0" => "PROT_NONE".to_string(),
            some => some.to_string(),
        }
    }
}

impl CallArg for MapFlags {
    fn show(&self) -> String {
        let order = [
            (MapFlags::MAP_SHARED, "MAP_SHARED"),
            (MapFlags::MAP_PRIVATE, "MAP_PRIVATE"),
            (MapFlags::MAP_ANONYMOUS, "MAP_ANONYMOUS"),
        ];
        names(*self, &order, MapFlags::contains)
    }
}

/// The flag word of `shmget` and `msgget`: `IPC_CREAT|IPC_EXCL|0600`, or `0600` alone.
impl CallArg for (IpcFlags, Mode) {
    fn show(&self) -> String {
        let order = [
            (IpcFlags::IPC_CREAT, "IPC_CREAT"),
            (IpcFlags::IPC_EXCL, "IPC_EXCL"),
        ];
        let mut out = match names(self.0, &order, IpcFlags::contains).as_str() {
            "0" => String::new(),
            some => format!("{some}|"),
        };
        let _ = write!(out, "{}", self.1.show());
        out
    }
}

impl CallArg for MsgFlags {
    fn show(&self) -> String {
        let order = [
            (MsgFlags::IPC_NOWAIT, "IPC_NOWAIT"),
            (MsgFlags::MSG_NOERROR, "MSG_NOERROR"),
        ];
        names(*self, &order, MsgFlags::contains)
    }
}

impl CallArg for ShmatFlags {
    fn show(&self) -> String {
        names(
            *self,
            &[(ShmatFlags::SHM_RDONLY, "SHM_RDONLY")],
            ShmatFlags::contains,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_are_named_as_the_lessons_write_them() {
        let mode = Mode::S_IRUSR | Mode::S_IWUSR;
        let create = OFlag::O_CREAT | OFlag::O_EXCL | OFlag::O_RDWR;
        assert_eq!(
            crate::call!("shm_open", "/x", create, mode),
            "shm_open(/x, O_RDWR|O_CREAT|O_EXCL, 0600)"
        );
        assert_eq!(
            crate::call!("shm_open", "/x", OFlag::O_RDONLY),
            "shm_open(/x, O_RDONLY)"
        );
        assert_eq!(
            creation_flags(OFlag::O_CREAT | OFlag::O_EXCL),
            "O_CREAT|O_EXCL"
        );
        assert_eq!(creation_flags(OFlag::empty()), "0");
        let mq = MQ_OFlag::O_WRONLY | MQ_OFlag::O_CREAT | MQ_OFlag::O_EXCL | MQ_OFlag::O_NONBLOCK;
        assert_eq!(mq.show(), "O_WRONLY|O_CREAT|O_EXCL|O_NONBLOCK");
        assert_eq!(MQ_OFlag::O_RDONLY.show(), "O_RDONLY");
        assert_eq!(MqAttr::new(0, 4, 128, 0).show(), "{maxmsg 4, msgsize 128}");
        assert_eq!(
            (ProtFlags::PROT_READ | ProtFlags::PROT_WRITE).show(),
            "PROT_READ|PROT_WRITE"
        );
        assert_eq!(
            (MapFlags::MAP_SHARED | MapFlags::MAP_ANONYMOUS).show(),
            "MAP_SHARED|MAP_ANONYMOUS"
        );
        assert_eq!(
            (IpcFlags::IPC_CREAT | IpcFlags::IPC_EXCL, mode).show(),
            "IPC_CREAT|IPC_EXCL|0600"
        );
        assert_eq!((IpcFlags::empty(), mode).show(), "0600");
        assert_eq!(MsgFlags::empty().show(), "0");
        assert_eq!(
            (MsgFlags::IPC_NOWAIT | MsgFlags::MSG_NOERROR).show(),
            "IPC_NOWAIT|MSG_NOERROR"
        );
        assert_eq!(ShmatFlags::SHM_RDONLY.show(), "SHM_RDONLY");
        assert_eq!(crate::call!("shmdt"), "shmdt()");
    }
}
