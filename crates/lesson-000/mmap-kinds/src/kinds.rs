//! The four mappings. In each, the parent prepares the memory or the file, a forked child
//! writes into its mapping, and the parent reports what it sees afterwards.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use ipc_support::message::{read_c_string, write_c_string};
use ipc_support::process::{ChildEnd, fork_child};
use ipc_support::unique::unique_name;
use ipc_support::{Cleanup, Context, Hint, IpcError, Result, call};
use ipc_sys::mman::{mmap, mmap_anonymous};
use ipc_text::{Id, id, t, text};
use nix::sys::mman::{MapFlags, ProtFlags};

/// Bytes mapped in every demo: room for the short texts below and their NUL.
const LEN: usize = 64;
const BEFORE: &str = "original";
const CHILD_TEXT: &str = "written by the child";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Backing {
    Anonymous,
    File,
}

/// One kind of mapping: what it is called and what the parent must see.
struct Kind {
    /// Its name, and why the parent sees what it sees.
    label: Id,
    why: Id,
    /// MAP_PRIVATE (copy-on-write: changes stay in the writer) or MAP_SHARED (changes reach
    /// the object and every process mapping it).
    sharing: MapFlags,
    backing: Backing,
}

const KINDS: [Kind; 4] = [
    Kind {
        label: id!("mmap-kinds-private-anonymous-label"),
        why: id!("mmap-kinds-private-anonymous-why"),
        sharing: MapFlags::MAP_PRIVATE,
        backing: Backing::Anonymous,
    },
    Kind {
        label: id!("mmap-kinds-shared-anonymous-label"),
        why: id!("mmap-kinds-shared-anonymous-why"),
        sharing: MapFlags::MAP_SHARED,
        backing: Backing::Anonymous,
    },
    Kind {
        label: id!("mmap-kinds-private-file-label"),
        why: id!("mmap-kinds-private-file-why"),
        sharing: MapFlags::MAP_PRIVATE,
        backing: Backing::File,
    },
    Kind {
        label: id!("mmap-kinds-shared-file-label"),
        why: id!("mmap-kinds-shared-file-why"),
        sharing: MapFlags::MAP_SHARED,
        backing: Backing::File,
    },
];

/// Runs the four demos, one line each; Err if this machine did not behave as the lesson says.
pub fn show_all(dir: &Path) -> Result<()> {
    for kind in &KINDS {
        let seen = match kind.backing {
            Backing::Anonymous => anonymous(kind.sharing)?,
            Backing::File => file(kind.sharing, dir)?,
        };
        let expected = if kind.sharing == MapFlags::MAP_SHARED {
            CHILD_TEXT
        } else {
            BEFORE
        };
        let (label, why) = (text(kind.label), text(kind.why));
        let line = match kind.backing {
            Backing::Anonymous => {
                t!(
                    "mmap-kinds-parent-saw",
                    kind = label,
                    wrote = CHILD_TEXT,
                    seen = seen,
                    why = why
                )
            }
            Backing::File => {
                t!(
                    "mmap-kinds-file-held",
                    kind = label,
                    wrote = CHILD_TEXT,
                    seen = seen,
                    why = why
                )
            }
        };
        println!("{line}");
        if seen != expected {
            return Err(IpcError::refused(
                label,
                t!("mmap-kinds-unexpected", expected = expected, seen = seen),
            ));
        }
    }
    Ok(())
}

/// Both mappings read and write.
const PROT: ProtFlags = ProtFlags::PROT_READ.union(ProtFlags::PROT_WRITE);

/// The child writes into a mapping made before fork; the parent then reads its own.
fn anonymous(sharing: MapFlags) -> Result<String> {
    let mapping = mmap_anonymous(LEN, PROT, sharing)
        .context(|| call!("mmap", LEN, PROT, sharing | MapFlags::MAP_ANONYMOUS))?;
    write_c_string(&mapping, BEFORE.as_bytes())?;
    in_child(|| write_c_string(&mapping, CHILD_TEXT.as_bytes()))?;
    Ok(read_c_string(&mapping).lossy().into_owned())
}

/// The child maps the file itself and writes; the parent then reads the file with read(2).
fn file(sharing: MapFlags, dir: &Path) -> Result<String> {
    let path = dir.join(unique_name("mmap-kinds"));
    let mut file = create(&path)?;
    let remove = {
        let path = path.clone();
        Cleanup::new(path.display().to_string(), move || {
            std::fs::remove_file(&path).context(|| call!("unlink", path.display()))
        })
    };
    let mut contents = BEFORE.as_bytes().to_vec();
    contents.resize(LEN, 0);
    file.write_all(&contents)
        .context(|| call!("write", path.display()))?;
    in_child(|| {
        let mapping =
            mmap(LEN, PROT, sharing, &file, 0).context(|| call!("mmap", LEN, PROT, sharing))?;
        write_c_string(&mapping, CHILD_TEXT.as_bytes())
    })?;
    let now = std::fs::read(&path).context(|| call!("read", path.display()))?;
    remove.run_now()?;
    let end = now.iter().position(|&b| b == 0).unwrap_or(now.len());
    Ok(String::from_utf8_lossy(&now[..end]).into_owned())
}

fn create(path: &PathBuf) -> Result<File> {
    File::options()
        .read(true)
        .write(true)
        .create_new(true)
        .open(path)
        .context(|| call!("open", path.display()))
        .hint_on(nix::errno::Errno::ENOENT, || t!("mmap-kinds-no-dir"))
}

/// Runs `body` in a forked child and waits; Err if the child failed.
fn in_child(body: impl FnOnce() -> Result<()>) -> Result<()> {
    let child = fork_child(|| match body() {
        Ok(()) => 0,
        Err(e) => {
            ipc_support::error::report("mmap-kinds (child)", &e);
            1
        }
    })?;
    match child.wait()? {
        ChildEnd::Exited(0) => Ok(()),
        end => Err(IpcError::refused(
            "child",
            t!("mmap-kinds-child-failed", end = end),
        )),
    }
}
