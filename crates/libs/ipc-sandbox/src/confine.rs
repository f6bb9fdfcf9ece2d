//! Without namespaces, a program that keeps the grader's identity (the compiler) is
//! confined with Landlock instead of a private root: it may read the system's folders and
//! what the spec binds, and write only to /tmp, /dev/shm and /dev; the grader's workspace,
//! the solutions and every home stay out of its reach. (Not used for submissions' runs:
//! Landlock refuses POSIX queues, whose files have no path to allow; they run as an
//! unprivileged uid instead.)

use std::path::{Path, PathBuf};

use landlock::{
    ABI, Access, AccessFs, Ruleset, RulesetAttr, RulesetCreatedAttr, RulesetStatus,
    path_beneath_rules,
};

use crate::spec::Spec;

/// What may be read and what may be written.
#[derive(Debug, Clone)]
pub struct Paths {
    pub read: Vec<PathBuf>,
    pub write: Vec<PathBuf>,
}

/// The paths a run without namespaces may touch.
pub fn paths(spec: &Spec, tmp: &Path) -> Paths {
    let mut read: Vec<PathBuf> = [
        "/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/etc", "/proc",
    ]
    .iter()
    .map(PathBuf::from)
    .collect();
    read.push(spec.program.clone());
    let mut write = vec![tmp.to_path_buf(), "/dev".into(), "/dev/shm".into()];
    for b in &spec.binds {
        if b.writable {
            write.push(b.host.clone());
        } else {
            read.push(b.host.clone());
        }
    }
    Paths { read, write }
}

/// Restricts the calling process (and what it will exec) to `paths`. True when the kernel
/// enforced it fully.
pub fn restrict(paths: &Paths) -> Result<bool, String> {
    let abi = ABI::V2;
    let status = Ruleset::default()
        .handle_access(AccessFs::from_all(abi))
        .and_then(Ruleset::create)
        .and_then(|r| r.add_rules(path_beneath_rules(&paths.read, AccessFs::from_read(abi))))
        .and_then(|r| r.add_rules(path_beneath_rules(&paths.write, AccessFs::from_all(abi))))
        .and_then(|r| r.restrict_self())
        .map_err(|e| format!("landlock: {e}"))?;
    Ok(status.ruleset == RulesetStatus::FullyEnforced)
}
