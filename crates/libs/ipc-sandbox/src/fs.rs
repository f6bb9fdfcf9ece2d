//! The file system a sandboxed program sees: a fresh read-only root holding the system's
//! programs and libraries (read-only), a private /dev/shm, /dev/mqueue, /proc and /tmp,
//! the program itself (read-only) and the binds the caller asked for. Nothing else of the
//! host: not the grader, not the solutions, not other submissions. Built by the sandbox's
//! init process, in its own mount namespace, before the program starts.

use std::os::fd::{AsRawFd, OwnedFd};
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};

use nix::fcntl::OFlag;
use nix::mount::{MntFlags, MsFlags, mount, umount2};
use nix::sched::{CloneFlags, unshare};
use nix::sys::stat::Mode;
use nix::sys::statvfs::{FsFlags, statvfs};

use crate::spec::Spec;

/// The system folders a dynamically linked program needs, made visible read-only.
const SYSTEM: &[&str] = &["/usr", "/bin", "/sbin", "/lib", "/lib64", "/lib32", "/etc"];

/// Device files a program may use.
const DEVICES: &[&str] = &["null", "zero", "full", "random", "urandom"];

/// Where the program is run from inside.
pub fn program_inside(spec: &Spec) -> PathBuf {
    if let Some(path) = &spec.run_as {
        return path.clone();
    }
    let name = spec
        .program
        .file_name()
        .map_or_else(|| "program".into(), |n| n.to_os_string());
    Path::new("/box").join(name)
}

/// One thing to mount from the host, opened before the host's /tmp is covered.
struct Source {
    fd: OwnedFd,
    inside: PathBuf,
    writable: bool,
    dir: bool,
    /// The flags of the host mount it comes from, which a bind must keep.
    locked: MsFlags,
}

fn err(what: &str, e: impl std::fmt::Display) -> String {
    format!("{what}: {e}")
}

/// The mount flags an unprivileged remount may not clear.
fn locked_flags(path: &Path) -> MsFlags {
    let Ok(vfs) = statvfs(path) else {
        return MsFlags::empty();
    };
    let f = vfs.flags();
    let mut flags = MsFlags::empty();
    for (fs, ms) in [
        (FsFlags::ST_NOSUID, MsFlags::MS_NOSUID),
        (FsFlags::ST_NODEV, MsFlags::MS_NODEV),
        (FsFlags::ST_NOEXEC, MsFlags::MS_NOEXEC),
        (FsFlags::ST_NOATIME, MsFlags::MS_NOATIME),
        (FsFlags::ST_NODIRATIME, MsFlags::MS_NODIRATIME),
        (FsFlags::ST_RELATIME, MsFlags::MS_RELATIME),
    ] {
        if f.contains(fs) {
            flags |= ms;
        }
    }
    flags
}

fn open_source(host: &Path, inside: PathBuf, writable: bool) -> Result<Source, String> {
    let fd = nix::fcntl::open(host, OFlag::O_PATH | OFlag::O_CLOEXEC, Mode::empty())
        .map_err(|e| err(&format!("opening {}", host.display()), e))?;
    let dir = std::fs::metadata(host)
        .map_err(|e| err(&format!("{}", host.display()), e))?
        .is_dir();
    Ok(Source {
        fd,
        inside,
        writable,
        dir,
        locked: locked_flags(host),
    })
}

fn none() -> Option<&'static str> {
    None
}

fn mount_fs(fstype: &str, target: &Path, flags: MsFlags, data: Option<&str>) -> Result<(), String> {
    mount(Some(fstype), target, Some(fstype), flags, data)
        .map_err(|e| err(&format!("mounting {fstype} on {}", target.display()), e))
}

/// Binds `source` at `root/inside` (creating the mount point), read-only unless writable.
fn bind(root: &Path, source: &Source) -> Result<(), String> {
    let target = root.join(source.inside.strip_prefix("/").unwrap_or(&source.inside));
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent).map_err(|e| err(&format!("{}", parent.display()), e))?;
    }
    if source.dir {
        std::fs::create_dir_all(&target).map_err(|e| err(&format!("{}", target.display()), e))?;
    } else {
        std::fs::write(&target, b"").map_err(|e| err(&format!("{}", target.display()), e))?;
    }
    let from = format!("/proc/self/fd/{}", source.fd.as_raw_fd());
    mount(
        Some(from.as_str()),
        &target,
        none(),
        MsFlags::MS_BIND | MsFlags::MS_REC,
        none(),
    )
    .map_err(|e| err(&format!("binding {}", source.inside.display()), e))?;
    if !source.writable {
        let flags = MsFlags::MS_BIND | MsFlags::MS_REMOUNT | MsFlags::MS_RDONLY | source.locked;
        mount(none(), &target, none(), flags, none())
            .map_err(|e| err(&format!("making {} read-only", source.inside.display()), e))?;
    }
    Ok(())
}

/// Builds the sandbox's root and enters it. Runs in the sandbox's init process (pid 1 of
/// the new pid namespace), which may mount: it is root, or the owner of its user namespace.
pub fn enter_root(spec: &Spec, tmpfs_bytes: u64) -> Result<(), String> {
    unshare(CloneFlags::CLONE_NEWNS).map_err(|e| err("unshare(CLONE_NEWNS)", e))?;
    // Nothing mounted from here on reaches the host's namespace.
    mount(
        none(),
        "/",
        none(),
        MsFlags::MS_REC | MsFlags::MS_PRIVATE,
        none(),
    )
    .map_err(|e| err("making / private", e))?;

    let mut sources = Vec::new();
    let mut links = Vec::new();
    for dir in SYSTEM {
        let path = Path::new(dir);
        match std::fs::symlink_metadata(path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = std::fs::read_link(path).map_err(|e| err(dir, e))?;
                links.push((PathBuf::from(dir), target));
            }
            Ok(meta) if meta.is_dir() => sources.push(open_source(path, path.into(), false)?),
            _ => {}
        }
    }
    if spec.run_as.is_none() {
        sources.push(open_source(&spec.program, program_inside(spec), false)?);
    }
    for b in &spec.binds {
        sources.push(open_source(&b.host, b.inside.clone(), b.writable)?);
    }
    let mut devices = Vec::new();
    for dev in DEVICES {
        let host = Path::new("/dev").join(dev);
        if host.exists() {
            devices.push(open_source(&host, Path::new("/dev").join(dev), true)?);
        }
    }

    // The new root lives on a small tmpfs over the host's /tmp, in this namespace only.
    let root = Path::new("/tmp/.ipc-sandbox-root");
    mount_fs(
        "tmpfs",
        Path::new("/tmp"),
        MsFlags::MS_NOSUID | MsFlags::MS_NODEV,
        Some("size=4m,mode=0755"),
    )?;
    std::fs::create_dir_all(root).map_err(|e| err("creating the root", e))?;
    mount_fs(
        "tmpfs",
        root,
        MsFlags::MS_NOSUID | MsFlags::MS_NODEV,
        Some("size=4m,mode=0755"),
    )?;
    for (link, target) in &links {
        symlink(target, root.join(link.strip_prefix("/").unwrap_or(link)))
            .map_err(|e| err(&format!("linking {}", link.display()), e))?;
    }
    for source in sources.iter().chain(&devices) {
        bind(root, source)?;
    }
    let make = |dir: &str, mode: u32| -> Result<PathBuf, String> {
        let path = root.join(dir);
        std::fs::create_dir_all(&path).map_err(|e| err(dir, e))?;
        std::fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(mode))
            .map_err(|e| err(dir, e))?;
        Ok(path)
    };
    let scratch = format!("size={tmpfs_bytes},mode=1777");
    let quiet = MsFlags::MS_NOSUID | MsFlags::MS_NODEV;
    mount_fs("tmpfs", &make("dev/shm", 0o1777)?, quiet, Some(&scratch))?;
    mount_fs("tmpfs", &make("tmp", 0o1777)?, quiet, Some(&scratch))?;
    mount_fs(
        "mqueue",
        &make("dev/mqueue", 0o1777)?,
        quiet | MsFlags::MS_NOEXEC,
        None,
    )?;
    mount_fs(
        "proc",
        &make("proc", 0o555)?,
        quiet | MsFlags::MS_NOEXEC,
        None,
    )?;
    for (name, target) in [
        ("fd", "/proc/self/fd"),
        ("stdin", "/proc/self/fd/0"),
        ("stdout", "/proc/self/fd/1"),
        ("stderr", "/proc/self/fd/2"),
    ] {
        symlink(target, root.join("dev").join(name)).map_err(|e| err(name, e))?;
    }

    let old = make(".old-root", 0o700)?;
    nix::unistd::pivot_root(root, &old).map_err(|e| err("pivot_root", e))?;
    nix::unistd::chdir("/").map_err(|e| err("chdir /", e))?;
    umount2("/.old-root", MntFlags::MNT_DETACH).map_err(|e| err("detaching the host's root", e))?;
    std::fs::remove_dir("/.old-root").map_err(|e| err("removing /.old-root", e))?;
    // The root itself becomes read-only: only /tmp and /dev/shm take writes.
    mount(
        none(),
        "/",
        none(),
        MsFlags::MS_BIND | MsFlags::MS_REMOUNT | MsFlags::MS_RDONLY | quiet,
        none(),
    )
    .map_err(|e| err("making / read-only", e))?;
    let _ = nix::unistd::sethostname("ipc-lab-sandbox");
    Ok(())
}
