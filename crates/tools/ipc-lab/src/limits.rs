//! `ipc-lab limits`: the kernel limits that shape the lessons, each with its value, what it
//! means, how much of it is in use now, and how to change it.

use std::fs;

use ipc_lab::objects::{self, IpcObject, ObjectKind};
use ipc_text::{Id, id, t, text};

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    lang: ipc_support::cli::LangArg,
}

/// One limit as printed: `name = value`, then its meaning, use and how to change it.
struct Limit {
    /// What it limits.
    meaning: Id,
    name: String,
    value: String,
    /// What is in use now, already worded; None when the kernel does not tell.
    used: Option<String>,
    change: String,
}

/// ` (≈ 2^64)` after a value so large it means "no limit" (the kernel's default shmmax and
/// shmall are ULONG_MAX minus a little), so nobody reads 18446744073692774399 as a size.
fn near_u64_max(value: &str) -> &'static str {
    match value.trim().parse::<u64>() {
        Ok(v) if v >= 1 << 62 => " (≈ 2^64)",
        _ => "",
    }
}

pub fn run(args: Args) -> ipc_support::Result<()> {
    args.lang.apply();
    let listing = objects::list_all();
    for limit in gather(&listing.objects, listing.mqueue_dir.is_some()) {
        println!(
            "{} = {}{}",
            limit.name,
            limit.value,
            near_u64_max(&limit.value)
        );
        println!("    {}", text(limit.meaning));
        let used = limit
            .used
            .unwrap_or_else(|| t!("front-limits-used-unknown"));
        println!("    {}", t!("front-limits-used", used = used));
        println!("    {}", t!("front-limits-change", command = limit.change));
    }
    println!();
    let cap = if ipc_support::mq::has_cap_sys_resource() {
        id!("front-limits-cap-yes")
    } else if nix::unistd::geteuid().is_root() {
        id!("front-limits-cap-no")
    } else {
        // An ordinary user: "being root is not enough" would mislead.
        id!("faults-limits-cap-no-user")
    };
    println!("{}", text(cap));
    Ok(())
}

fn read_proc(path: &str) -> String {
    fs::read_to_string(path)
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".to_string())
}

fn sysctl(name: &'static str, meaning: Id, used: Option<String>) -> Limit {
    let path = format!("/proc/sys/{}", name.replace('.', "/"));
    Limit {
        meaning,
        name: name.to_string(),
        value: read_proc(&path),
        used,
        change: format!("sysctl -w {name}=N"),
    }
}

fn gather(all: &[IpcObject], mqueue_mounted: bool) -> Vec<Limit> {
    let of = |kind: ObjectKind| all.iter().filter(move |o| o.kind == kind);
    let count = |kind| t!("front-limits-used-count", count = of(kind).count());
    let largest = |kind| {
        let max = of(kind).filter_map(|o| o.bytes).max().unwrap_or(0);
        t!("front-limits-used-largest", size = max)
    };
    let page = nix::unistd::sysconf(nix::unistd::SysconfVar::PAGE_SIZE)
        .ok()
        .flatten()
        .and_then(|p| u64::try_from(p).ok())
        .unwrap_or(4096);
    let pages: u64 = of(ObjectKind::SysvShm)
        .filter_map(|o| o.bytes)
        .map(|b| b.div_ceil(page))
        .sum();
    let nsems: Vec<u64> = of(ObjectKind::SysvSem).filter_map(|o| o.nsems).collect();
    let sem_fields: Vec<String> = read_proc("/proc/sys/kernel/sem")
        .split(' ')
        .map(str::to_string)
        .collect();
    let sem = |i: usize, meaning: Id, label: &str, used: Option<String>| Limit {
        meaning,
        name: format!("kernel.sem ({label})"),
        value: sem_fields.get(i).cloned().unwrap_or_else(|| "?".into()),
        used,
        change: "sysctl -w kernel.sem=\"SEMMSL SEMMNS SEMOPM SEMMNI\"".to_string(),
    };
    let queues = mqueue_mounted.then(|| count(ObjectKind::PosixMq));
    let mut limits = vec![
        sysctl(
            "kernel.shmmax",
            id!("front-limits-shmmax-meaning"),
            Some(largest(ObjectKind::SysvShm)),
        ),
        sysctl(
            "kernel.shmall",
            id!("front-limits-shmall-meaning"),
            Some(t!(
                "front-limits-used-pages",
                pages = pages,
                page_size = page
            )),
        ),
        sysctl(
            "kernel.shmmni",
            id!("front-limits-shmmni-meaning"),
            Some(count(ObjectKind::SysvShm)),
        ),
        sysctl("kernel.msgmax", id!("front-limits-msgmax-meaning"), None),
        sysctl(
            "kernel.msgmnb",
            id!("front-limits-msgmnb-meaning"),
            Some(largest(ObjectKind::SysvMsg)),
        ),
        sysctl(
            "kernel.msgmni",
            id!("front-limits-msgmni-meaning"),
            Some(count(ObjectKind::SysvMsg)),
        ),
        sem(
            0,
            id!("front-limits-semmsl-meaning"),
            "SEMMSL",
            Some(t!(
                "front-limits-used-largest-set",
                count = nsems.iter().max().unwrap_or(&0)
            )),
        ),
        sem(
            1,
            id!("front-limits-semmns-meaning"),
            "SEMMNS",
            Some(t!(
                "front-limits-used-sems",
                count = nsems.iter().sum::<u64>()
            )),
        ),
        sem(2, id!("front-limits-semopm-meaning"), "SEMOPM", None),
        sem(
            3,
            id!("front-limits-semmni-meaning"),
            "SEMMNI",
            Some(count(ObjectKind::SysvSem)),
        ),
        sysctl(
            "fs.mqueue.msg_max",
            id!("front-limits-msg-max-meaning"),
            None,
        ),
        sysctl(
            "fs.mqueue.msgsize_max",
            id!("front-limits-msgsize-max-meaning"),
            None,
        ),
        sysctl(
            "fs.mqueue.queues_max",
            id!("front-limits-queues-max-meaning"),
            queues,
        ),
    ];
    limits.push(rlimit_msgqueue());
    limits.push(dev_shm());
    limits
}

fn rlimit_msgqueue() -> Limit {
    let value = match ipc_support::mq::rlimit_msgqueue() {
        Ok((soft, hard)) => t!("front-limits-soft-hard", soft = soft, hard = hard),
        Err(_) => "?".to_string(),
    };
    Limit {
        meaning: id!("front-limits-rlimit-msgqueue-meaning"),
        name: "RLIMIT_MSGQUEUE".to_string(),
        value,
        used: None,
        change: "ulimit -q BYTES".to_string(),
    }
}

fn dev_shm() -> Limit {
    let (value, used) = match nix::sys::statvfs::statvfs(objects::SHM_DIR) {
        Ok(st) => {
            let block = st.fragment_size();
            let total = st.blocks() * block;
            let free = st.blocks_available() * block;
            (
                t!("core-bytes", size = total),
                Some(t!("core-bytes", size = total.saturating_sub(free))),
            )
        }
        Err(_) => ("?".to_string(), None),
    };
    Limit {
        meaning: id!("front-limits-dev-shm-meaning"),
        name: format!("{} (tmpfs size)", objects::SHM_DIR),
        value,
        used,
        change: "mount -o remount,size=2G /dev/shm".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_near_u64_max_is_marked() {
        assert_eq!(near_u64_max("18446744073692774399"), " (≈ 2^64)");
        assert_eq!(near_u64_max("4096"), "");
        assert_eq!(near_u64_max("32000 1024000000 500 32000"), "");
    }
}
