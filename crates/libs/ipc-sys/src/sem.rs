//! `<sys/sem.h>`: System V semaphore sets, as far as `ipc-lab ls` and `clean` need them:
//! who last used each semaphore, and removing a set.

use nix::errno::Errno;

/// What `semctl` does.
#[allow(non_camel_case_types)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SemctlCmd {
    /// The pid of the process that last operated on semaphore `semnum`.
    GETPID,
    /// Remove the set at once; blocked callers get EIDRM.
    IPC_RMID,
}

/// `semctl(semid, semnum, cmd)`: the pid for GETPID, 0 for IPC_RMID.
pub fn semctl(semid: i32, semnum: i32, cmd: SemctlCmd) -> Result<i32, Errno> {
    let cmd = match cmd {
        SemctlCmd::GETPID => libc::GETPID,
        SemctlCmd::IPC_RMID => libc::IPC_RMID,
    };
    // SAFETY: neither command reads a fourth argument or touches memory of ours.
    Errno::result(unsafe { libc::semctl(semid, semnum, cmd) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_set_that_does_not_exist_is_einval() {
        // SAFETY: semget takes plain integers. (No wrapper: only ipc-lab reads sets.)
        let id = unsafe { libc::semget(libc::IPC_PRIVATE, 1, 0o600) };
        assert!(id >= 0, "semget: {}", Errno::last());
        assert_eq!(semctl(id, 0, SemctlCmd::GETPID), Ok(0));
        assert_eq!(semctl(id, 0, SemctlCmd::IPC_RMID), Ok(0));
        assert_eq!(semctl(id, 0, SemctlCmd::GETPID), Err(Errno::EINVAL));
    }
}
