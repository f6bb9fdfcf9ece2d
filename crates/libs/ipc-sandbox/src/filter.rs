//! The seccomp filters a sandboxed program runs under: calls that would let it leave or
//! attack the sandbox fail with EPERM, and the calls the grader watches stop the program
//! for the supervisor (SECCOMP_RET_TRACE) — and nothing else does, so tracing costs only
//! where it looks.

use std::collections::BTreeMap;

use seccompiler::{
    BpfProgram, SeccompAction, SeccompCmpArgLen, SeccompCmpOp, SeccompCondition, SeccompFilter,
    SeccompRule, TargetArch,
};

/// Calls a submission never needs and that reach outside its sandbox or into the kernel's
/// attack surface. They fail with EPERM.
const DENIED: &[i64] = &[
    libc::SYS_ptrace,
    libc::SYS_process_vm_writev,
    libc::SYS_process_vm_readv,
    libc::SYS_unshare,
    libc::SYS_setns,
    libc::SYS_mount,
    libc::SYS_umount2,
    libc::SYS_pivot_root,
    libc::SYS_chroot,
    libc::SYS_open_tree,
    libc::SYS_move_mount,
    libc::SYS_fsopen,
    libc::SYS_fsconfig,
    libc::SYS_fsmount,
    libc::SYS_fspick,
    libc::SYS_mount_setattr,
    libc::SYS_keyctl,
    libc::SYS_add_key,
    libc::SYS_request_key,
    libc::SYS_bpf,
    libc::SYS_perf_event_open,
    libc::SYS_userfaultfd,
    libc::SYS_io_uring_setup,
    libc::SYS_io_uring_enter,
    libc::SYS_io_uring_register,
    libc::SYS_kexec_load,
    libc::SYS_init_module,
    libc::SYS_finit_module,
    libc::SYS_delete_module,
    libc::SYS_acct,
    libc::SYS_swapon,
    libc::SYS_swapoff,
    libc::SYS_reboot,
    libc::SYS_syslog,
    libc::SYS_settimeofday,
    libc::SYS_clock_settime,
    libc::SYS_name_to_handle_at,
    libc::SYS_open_by_handle_at,
];

/// The flags of clone(2) that would escape the supervisor: a new namespace, or a child
/// the tracer is not told of (CLONE_UNTRACED).
const NAMESPACE_FLAGS: &[i32] = &[
    libc::CLONE_UNTRACED,
    libc::CLONE_NEWNS,
    libc::CLONE_NEWUTS,
    libc::CLONE_NEWIPC,
    libc::CLONE_NEWUSER,
    libc::CLONE_NEWPID,
    libc::CLONE_NEWNET,
    libc::CLONE_NEWCGROUP,
];

/// The calls the supervisor watches: what the lessons teach (shm, queues, semaphores),
/// the writes that attribute output to a process, the waits the gate opens on, and the
/// sleeps some contracts forbid.
pub const TRACED: &[i64] = &[
    libc::SYS_write,
    libc::SYS_writev,
    #[cfg(target_arch = "x86_64")]
    libc::SYS_open,
    libc::SYS_openat,
    #[cfg(target_arch = "x86_64")]
    libc::SYS_unlink,
    libc::SYS_unlinkat,
    #[cfg(target_arch = "x86_64")]
    libc::SYS_link,
    libc::SYS_linkat,
    libc::SYS_shmget,
    libc::SYS_shmat,
    libc::SYS_shmdt,
    libc::SYS_shmctl,
    libc::SYS_msgget,
    libc::SYS_msgsnd,
    libc::SYS_msgrcv,
    libc::SYS_msgctl,
    libc::SYS_semget,
    libc::SYS_semop,
    libc::SYS_semtimedop,
    libc::SYS_semctl,
    libc::SYS_mq_open,
    libc::SYS_mq_unlink,
    libc::SYS_mq_timedsend,
    libc::SYS_mq_timedreceive,
    libc::SYS_mq_notify,
    libc::SYS_mq_getsetattr,
    libc::SYS_nanosleep,
    libc::SYS_clock_nanosleep,
    libc::SYS_wait4,
    libc::SYS_waitid,
];

/// What a live trace (`ipc-lab trace`) watches besides `TRACED`: the reads and writes of
/// pipes and sockets, shared mappings, pipes and socket pairs being made, signals sent.
const LIVE_EXTRA: &[i64] = &[
    libc::SYS_read,
    libc::SYS_readv,
    libc::SYS_recvfrom,
    libc::SYS_recvmsg,
    libc::SYS_sendto,
    libc::SYS_sendmsg,
    libc::SYS_mmap,
    libc::SYS_munmap,
    libc::SYS_ftruncate,
    #[cfg(target_arch = "x86_64")]
    libc::SYS_pipe,
    libc::SYS_pipe2,
    libc::SYS_socketpair,
    libc::SYS_kill,
    libc::SYS_tkill,
    libc::SYS_tgkill,
];

/// The one filter of a live trace: nothing is refused (it is the user's own program, run
/// as the user), and only the calls worth explaining stop it — futex waits only when they
/// are shared between processes (FUTEX_WAIT or FUTEX_WAIT_BITSET without the private flag).
pub fn live_programs() -> Result<Vec<BpfProgram>, String> {
    let mut traced: BTreeMap<i64, Vec<SeccompRule>> = TRACED
        .iter()
        .chain(LIVE_EXTRA)
        .map(|&nr| (nr, Vec::new()))
        .collect();
    let shared_wait = [libc::FUTEX_WAIT, libc::FUTEX_WAIT_BITSET]
        .iter()
        .map(|&op| {
            let op = u64::from(op.unsigned_abs());
            // The low byte is the command and the private flag (128): both must match.
            SeccompCondition::new(1, SeccompCmpArgLen::Dword, SeccompCmpOp::MaskedEq(0xff), op)
                .and_then(|c| SeccompRule::new(vec![c]))
                .map_err(|e| format!("building a seccomp rule: {e}"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    traced.insert(libc::SYS_futex, shared_wait);
    Ok(vec![compile(traced, SeccompAction::Trace(0))?])
}

fn arch() -> Result<TargetArch, String> {
    std::env::consts::ARCH.try_into().map_err(|_| {
        format!(
            "seccomp filters are not built for {}",
            std::env::consts::ARCH
        )
    })
}

fn compile(
    rules: BTreeMap<i64, Vec<SeccompRule>>,
    action: SeccompAction,
) -> Result<BpfProgram, String> {
    SeccompFilter::new(rules, SeccompAction::Allow, action, arch()?)
        .and_then(BpfProgram::try_from)
        .map_err(|e| format!("building a seccomp filter: {e}"))
}

/// The filters, in the order they are installed. Compiled before fork, so the child only
/// has to load them.
pub fn programs(trace: bool) -> Result<Vec<BpfProgram>, String> {
    let mut denied: BTreeMap<i64, Vec<SeccompRule>> =
        DENIED.iter().map(|&nr| (nr, Vec::new())).collect();
    let clone_rules = NAMESPACE_FLAGS
        .iter()
        .map(|&flag| {
            let flag = u64::from(flag.unsigned_abs());
            SeccompCondition::new(
                0,
                SeccompCmpArgLen::Qword,
                SeccompCmpOp::MaskedEq(flag),
                flag,
            )
            .and_then(|c| SeccompRule::new(vec![c]))
            .map_err(|e| format!("building a seccomp rule: {e}"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    denied.insert(libc::SYS_clone, clone_rules);
    let mut programs = vec![compile(denied, SeccompAction::Errno(1))?];
    // clone3 passes its flags in memory, where a filter cannot look: ENOSYS makes the C
    // library fall back to clone(2), whose flags the rule above checks.
    let clone3 = BTreeMap::from([(libc::SYS_clone3, Vec::new())]);
    programs.push(compile(clone3, SeccompAction::Errno(38))?);
    if trace {
        let traced = TRACED.iter().map(|&nr| (nr, Vec::new())).collect();
        programs.push(compile(traced, SeccompAction::Trace(0))?);
    }
    Ok(programs)
}

/// Loads the filters into the calling thread (and sets no_new_privs, which they need).
pub fn install(programs: &[BpfProgram]) -> Result<(), String> {
    for program in programs {
        seccompiler::apply_filter(program).map_err(|e| format!("seccomp: {e}"))?;
    }
    Ok(())
}
