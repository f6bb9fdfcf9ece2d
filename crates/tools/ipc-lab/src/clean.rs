//! `ipc-lab clean`: removes the IPC objects the user selects (by name pattern, by being
//! dangling, or both), prints each one, and never touches anything else.

use clap::ArgGroup;
use ipc_lab::objects::{self, IpcObject, ObjectKind};
use ipc_support::key::parse_key;
use ipc_support::{Context, Hint, IpcError, ObjectName, call, hints, mq};
use ipc_text::t;
use nix::errno::Errno;

#[derive(clap::Args)]
#[command(
    group(ArgGroup::new("selector").required(true).multiple(true).args(["dangling", "name"]))
)]
pub struct Args {
    #[arg(long)]
    dry_run: bool,
    #[arg(long)]
    dangling: bool,
    #[arg(long, value_name = "PATTERN")]
    name: Vec<String>,
    #[command(flatten)]
    lang: ipc_support::cli::LangArg,
}

pub fn run(args: Args) -> ipc_support::Result<()> {
    args.lang.apply();
    let listing = objects::list_all();
    // Only what this user may remove is selected, so that the dry run lists exactly what
    // the real run removes; the others are named, and left alone.
    let (mut selected, others): (Vec<IpcObject>, Vec<IpcObject>) = listing
        .objects
        .into_iter()
        .filter(|o| selects(&args, o))
        .partition(IpcObject::removable);
    for o in &others {
        println!(
            "{}",
            t!(
                "faults-clean-not-yours",
                what = describe(o),
                user = o.owner,
                uid = o.uid
            )
        );
    }
    if listing.mqueue_dir.is_none() {
        // Their owner cannot be seen: the removal itself will tell.
        selected.extend(unlisted_queues(&args, &selected));
    }
    if selected.is_empty() {
        println!("{}", t!("front-clean-nothing"));
        return Ok(());
    }
    let mut failed = 0;
    for obj in &selected {
        let what = describe(obj);
        if args.dry_run {
            println!("{}", t!("front-clean-would-remove", what = what));
            continue;
        }
        match remove(obj) {
            Ok(()) => println!("{}", t!("core-removed", what = what)),
            Err(e) if gone(&e) => println!("{}", t!("front-clean-already-gone", what = what)),
            Err(e) => {
                failed += 1;
                ipc_support::error::report("ipc-lab clean", &e);
            }
        }
    }
    if failed > 0 {
        return Err(IpcError::refused(
            "clean",
            t!(
                "front-clean-failed",
                failed = failed,
                selected = selected.len()
            ),
        ));
    }
    Ok(())
}

fn selects(args: &Args, o: &IpcObject) -> bool {
    (!args.dangling || o.dangling)
        && (args.name.is_empty() || args.name.iter().any(|p| name_matches(p, o)))
}

/// POSIX queues cannot be listed without an mqueue file system, but one named exactly (no
/// wildcard) can still be found with `mq_open`: `clean --name /jobs` removes the queue
/// `posix-mq create /jobs` made. Whether it is dangling cannot be known, so `--dangling`
/// never selects one this way.
fn unlisted_queues(args: &Args, already: &[IpcObject]) -> Vec<IpcObject> {
    if args.dangling {
        return Vec::new();
    }
    let mut found: Vec<IpcObject> = Vec::new();
    for pattern in &args.name {
        if pattern.contains(['*', '?']) || parse_key(pattern).is_ok() {
            continue;
        }
        let with_slash = format!("/{}", pattern.trim_start_matches('/'));
        let Ok(name) = ObjectName::parse_mq(&with_slash) else {
            continue;
        };
        let listed = |o: &IpcObject| o.kind == ObjectKind::PosixMq && o.name == name.as_str();
        if already.iter().any(listed) || found.iter().any(listed) || !mq::exists(&name) {
            continue;
        }
        found.push(unlisted_queue(&name));
    }
    found
}

/// What is known of a queue found by name alone: its name.
fn unlisted_queue(name: &ObjectName) -> IpcObject {
    IpcObject {
        kind: ObjectKind::PosixMq,
        name: name.as_str().to_string(),
        key: None,
        id: None,
        path: None,
        uid: 0,
        owner: String::new(),
        mode: 0,
        bytes: None,
        messages: None,
        nsems: None,
        nattch: None,
        creator_pid: None,
        creator_uid: None,
        creator_alive: None,
        time: None,
        used_by: Vec::new(),
        users_known: false,
        dangling: false,
    }
}

/// `kind name (id N)`, as the removal lines print it.
fn describe(o: &IpcObject) -> String {
    match o.id {
        Some(id) => format!("{} {} (id {id})", o.kind.label(), o.name),
        None => format!("{} {}", o.kind.label(), o.name),
    }
}

/// A System V object matches its key, as a glob over `0x%08x` or as a key number (`0x1234`
/// selects 0x00001234); a POSIX object matches its name with or without the leading slash.
fn name_matches(pattern: &str, o: &IpcObject) -> bool {
    match o.key {
        Some(key) => {
            glob(&pattern.to_ascii_lowercase(), &o.name)
                || parse_key(pattern).is_ok_and(|k| k == key)
        }
        None => glob(pattern, &o.name) || glob(pattern, o.name.trim_start_matches('/')),
    }
}

/// Shell-style matching: `*` any run of characters, `?` one character, the rest literally.
fn glob(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some((pi, ti));
            pi += 1;
        } else if let Some((sp, st)) = star {
            pi = sp + 1;
            ti = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|c| *c == '*')
}

pub(crate) fn remove(o: &IpcObject) -> ipc_support::Result<()> {
    let bad_name = |why: String| IpcError::refused(&o.name, why);
    match o.kind {
        ObjectKind::SysvShm | ObjectKind::SysvMsg | ObjectKind::SysvSem => {
            objects::remove_sysv(o.kind, o.id.unwrap_or(-1))
        }
        ObjectKind::PosixShm => {
            let name = ObjectName::parse_shm(&o.name).map_err(bad_name)?;
            nix::sys::mman::shm_unlink(name.as_str())
                .context(|| call!("shm_unlink", name))
                .hints(hints::unlink(&name))
        }
        ObjectKind::PosixSem => {
            let name = ObjectName::parse_sem(&o.name).map_err(bad_name)?;
            ipc_sys::semaphore::sem_unlink(name.as_str())
                .context(|| call!("sem_unlink", name))
                .hints(hints::unlink(&name))
        }
        ObjectKind::PosixMq => {
            let name = ObjectName::parse_mq(&o.name).map_err(bad_name)?;
            nix::mqueue::mq_unlink(name.as_str())
                .context(|| call!("mq_unlink", name))
                .hints(hints::mq_unlink(&name))
        }
    }
}

/// Someone removed the object between the listing and the removal.
fn gone(e: &IpcError) -> bool {
    matches!(
        e.errno(),
        Some(Errno::ENOENT) | Some(Errno::EINVAL) | Some(Errno::EIDRM)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glob_handles_stars_and_question_marks() {
        assert!(glob("demo*", "demo_leak"));
        assert!(glob("*leak", "demo_leak"));
        assert!(glob("d?mo*k", "demo_leak"));
        assert!(glob("*", ""));
        assert!(!glob("demo", "demo_leak"));
        assert!(!glob("x*", "demo"));
        assert!(glob("a*b*c", "aXXbYYc"));
        assert!(!glob("a*b*c", "aXXbYY"));
    }
}
