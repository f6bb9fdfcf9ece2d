//! Advice for the errors of calls several programs make, one table per call: pass the table
//! to [`Hint::hints`](crate::Hint::hints) after the call's context,
//! `mq_send(...).context(...).hints(hints::mq_send)`. A hint for one program's call alone is
//! written at its call site instead.

use ipc_text::{id, t, text};
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
        Errno::ENOENT => Some(t!("core-mq-open-enoent", name = name)),
        Errno::EEXIST => Some(t!("core-mq-open-eexist", name = name)),
        Errno::EMFILE => Some(t!("core-mq-open-emfile")),
        Errno::ENOSPC => Some(t!("core-mq-open-enospc")),
        Errno::EACCES => Some(owner::name_hint(name)),
        Errno::EINVAL if created_with_attr => Some(t!("core-mq-open-einval")),
        _ => None,
    }
}

/// `mq_send` and `mq_timedsend`.
pub fn mq_send(errno: Errno) -> Option<String> {
    let key = match errno {
        Errno::EAGAIN => id!("core-mq-send-eagain"),
        Errno::EMSGSIZE => id!("core-mq-send-emsgsize"),
        Errno::EBADF => id!("core-mq-send-ebadf"),
        Errno::ETIMEDOUT => id!("core-mq-send-etimedout"),
        _ => return None,
    };
    Some(text(key))
}

/// `mq_receive` and `mq_timedreceive`.
pub fn mq_receive(errno: Errno) -> Option<String> {
    let key = match errno {
        Errno::EAGAIN => id!("core-mq-receive-eagain"),
        Errno::EMSGSIZE => id!("core-mq-receive-emsgsize"),
        Errno::EBADF => id!("core-mq-receive-ebadf"),
        Errno::ETIMEDOUT => id!("core-mq-receive-etimedout"),
        _ => return None,
    };
    Some(text(key))
}

/// `mq_unlink` of `name`.
pub fn mq_unlink(name: &ObjectName) -> impl FnOnce(Errno) -> Option<String> + '_ {
    move |errno| match errno {
        Errno::ENOENT => Some(t!("core-mq-unlink-enoent", name = name)),
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
        Errno::ENOENT => Some(t!("core-sem-enoent", name = name, bare = name.bare())),
        Errno::EEXIST => Some(t!("core-sem-eexist", path = name.fs_path())),
        Errno::EACCES => Some(owner::name_hint(name)),
        _ => None,
    }
}

/// `sem_post`.
pub fn sem_post(errno: Errno) -> Option<String> {
    (errno == Errno::EOVERFLOW).then(|| t!("core-sem-eoverflow"))
}

/// `shm_open` of `name`.
pub fn shm_open(name: &ObjectName) -> impl FnOnce(Errno) -> Option<String> + '_ {
    move |errno| match errno {
        Errno::EEXIST => Some(t!("core-shm-open-eexist", path = name.fs_path())),
        Errno::EACCES => Some(owner::name_hint(name)),
        // shm_open adds O_NOFOLLOW: a symbolic link in /dev/shm is refused.
        Errno::ELOOP => Some(t!("faults-shm-not-regular-hint", path = name.fs_path())),
        _ => None,
    }
}

/// `posix_fallocate` of `size` bytes for a shared-memory object: tmpfs had no room.
pub fn posix_fallocate(size: usize) -> impl FnOnce(Errno) -> Option<String> {
    move |errno| (errno == Errno::ENOSPC).then(|| t!("faults-shm-enospc", size = size))
}
