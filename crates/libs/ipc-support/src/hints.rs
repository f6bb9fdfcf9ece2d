//! Advice for the errors of calls several programs make, one table per call: pass the table
//! to [`Hint::hints`](crate::Hint::hints) after the call's context,
//! `mq_send(...).context(...).hints(hints::mq_send)`. A hint for one program's call alone is
//! written at its call site instead.

use ipc_text::{text, text_with};
use nix::errno::Errno;

use crate::name::ObjectName;
use crate::owner;

/// `mq_open` of `name`; `created_with_attr` when it had O_CREAT and attributes, the only
/// case where EINVAL is about the attributes.
pub fn mq_open(
    name: &ObjectName,
    created_with_attr: bool,
) -> impl FnOnce(Errno) -> Option<String> + '_ {
    move |errno| match errno {
        Errno::ENOENT => Some(text_with("core.mq.open.enoent", &[name])),
        Errno::EEXIST => Some(text_with("core.mq.open.eexist", &[name])),
        Errno::EMFILE => Some(text("core.mq.open.emfile")),
        Errno::ENOSPC => Some(text("core.mq.open.enospc")),
        Errno::EACCES => Some(owner::name_hint(name)),
        Errno::EINVAL if created_with_attr => Some(text("core.mq.open.einval")),
        _ => None,
    }
}

/// `mq_send` and `mq_timedsend`.
pub fn mq_send(errno: Errno) -> Option<String> {
    let key = match errno {
        Errno::EAGAIN => "core.mq.send.eagain",
        Errno::EMSGSIZE => "core.mq.send.emsgsize",
        Errno::EBADF => "core.mq.send.ebadf",
        Errno::ETIMEDOUT => "core.mq.send.etimedout",
        _ => return None,
    };
    Some(text(key))
}

/// `mq_receive` and `mq_timedreceive`.
pub fn mq_receive(errno: Errno) -> Option<String> {
    let key = match errno {
        Errno::EAGAIN => "core.mq.receive.eagain",
        Errno::EMSGSIZE => "core.mq.receive.emsgsize",
        Errno::EBADF => "core.mq.receive.ebadf",
        Errno::ETIMEDOUT => "core.mq.receive.etimedout",
        _ => return None,
    };
    Some(text(key))
}

/// `mq_unlink` of `name`.
pub fn mq_unlink(name: &ObjectName) -> impl FnOnce(Errno) -> Option<String> + '_ {
    move |errno| match errno {
        Errno::ENOENT => Some(text_with("core.mq.unlink.enoent", &[name])),
        errno => unlink(name)(errno),
    }
}

/// `shm_unlink`, `sem_unlink` or `mq_unlink` of `name` refused: /dev/shm (and an mqueue
/// mount) is sticky, so only the object's owner may remove it.
pub fn unlink(name: &ObjectName) -> impl FnOnce(Errno) -> Option<String> + '_ {
    move |errno| {
        matches!(errno, Errno::EACCES | Errno::EPERM).then(|| {
            let owner = owner::Owner::of_path(std::path::Path::new(&name.fs_path()));
            owner::removal_hint(name.as_str(), owner)
        })
    }
}

/// `sem_open` of `name`, with or without O_CREAT.
pub fn sem_open(name: &ObjectName) -> impl FnOnce(Errno) -> Option<String> + '_ {
    move |errno| match errno {
        Errno::ENOENT => Some(text_with("core.sem.enoent", &[name, &name.bare()])),
        Errno::EEXIST => Some(text_with("core.sem.eexist", &[&name.fs_path()])),
        Errno::EACCES => Some(owner::name_hint(name)),
        _ => None,
    }
}

/// `sem_post`.
pub fn sem_post(errno: Errno) -> Option<String> {
    (errno == Errno::EOVERFLOW).then(|| text("core.sem.eoverflow"))
}

/// `shm_open` of `name`.
pub fn shm_open(name: &ObjectName) -> impl FnOnce(Errno) -> Option<String> + '_ {
    move |errno| match errno {
        Errno::EEXIST => Some(text_with("core.shm_open.eexist", &[&name.fs_path()])),
        Errno::EACCES => Some(owner::name_hint(name)),
        // shm_open adds O_NOFOLLOW: a symbolic link in /dev/shm is refused.
        Errno::ELOOP => Some(text_with("faults.shm.not-regular.hint", &[&name.fs_path()])),
        _ => None,
    }
}

/// `posix_fallocate` of `size` bytes for a shared-memory object: tmpfs had no room.
pub fn posix_fallocate(size: usize) -> impl FnOnce(Errno) -> Option<String> {
    move |errno| (errno == Errno::ENOSPC).then(|| text_with("faults.shm.enospc", &[&size]))
}
