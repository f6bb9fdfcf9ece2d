//! The four mappings. In each, the parent prepares the memory or the file, a forked child
//! writes into its mapping, and the parent reports what it sees afterwards.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use ipc_core::process::{ChildEnd, fork_child};
use ipc_core::text::{text, text_with};
use ipc_core::unique::unique_name;
use ipc_core::{Access, Cleanup, IpcError, Mapping, Result, Sharing};

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
    key: &'static str,
    sharing: Sharing,
    backing: Backing,
}

const KINDS: [Kind; 4] = [
    Kind {
        key: "private-anonymous",
        sharing: Sharing::Private,
        backing: Backing::Anonymous,
    },
    Kind {
        key: "shared-anonymous",
        sharing: Sharing::Shared,
        backing: Backing::Anonymous,
    },
    Kind {
        key: "private-file",
        sharing: Sharing::Private,
        backing: Backing::File,
    },
    Kind {
        key: "shared-file",
        sharing: Sharing::Shared,
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
        let expected = match kind.sharing {
            Sharing::Private => BEFORE,
            Sharing::Shared => CHILD_TEXT,
        };
        let label = text(&format!("mmap-kinds.{}.label", kind.key));
        let line_key = match kind.backing {
            Backing::Anonymous => "mmap-kinds.parent-saw",
            Backing::File => "mmap-kinds.file-held",
        };
        let why = text(&format!("mmap-kinds.{}.why", kind.key));
        println!(
            "{}",
            text_with(line_key, &[&label, &CHILD_TEXT, &seen, &why])
        );
        if seen != expected {
            return Err(IpcError::refused(
                label,
                text_with("mmap-kinds.unexpected", &[&expected, &seen]),
            ));
        }
    }
    Ok(())
}

/// The child writes into a mapping made before fork; the parent then reads its own.
fn anonymous(sharing: Sharing) -> Result<String> {
    let mapping = Mapping::anonymous(LEN, sharing)?;
    mapping.write_c_string(BEFORE.as_bytes())?;
    in_child(|| mapping.write_c_string(CHILD_TEXT.as_bytes()))?;
    Ok(mapping.read_c_string().lossy().into_owned())
}

/// The child maps the file itself and writes; the parent then reads the file with read(2).
fn file(sharing: Sharing, dir: &Path) -> Result<String> {
    let path = dir.join(unique_name("mmap-kinds"));
    let mut file = create(&path)?;
    let remove = {
        let path = path.clone();
        Cleanup::new(path.display().to_string(), move || {
            std::fs::remove_file(&path).map_err(|e| io_error("unlink", &path, e))
        })
    };
    let mut contents = BEFORE.as_bytes().to_vec();
    contents.resize(LEN, 0);
    file.write_all(&contents)
        .map_err(|e| io_error("write", &path, e))?;
    in_child(|| {
        let mapping = Mapping::file(&file, LEN, Access::ReadWrite, sharing)?;
        mapping.write_c_string(CHILD_TEXT.as_bytes())
    })?;
    let now = std::fs::read(&path).map_err(|e| io_error("read", &path, e))?;
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
        .map_err(|e| {
            io_error("open", path, e).hint_if(nix::errno::Errno::ENOENT, text("mmap-kinds.no-dir"))
        })
}

fn io_error(call: &str, path: &Path, e: std::io::Error) -> IpcError {
    let errno = nix::errno::Errno::from_raw(e.raw_os_error().unwrap_or(0));
    IpcError::sys(format!("{call}({})", path.display()), errno)
}

/// Runs `body` in a forked child and waits; Err if the child failed.
fn in_child(body: impl FnOnce() -> Result<()>) -> Result<()> {
    let child = fork_child(|| match body() {
        Ok(()) => 0,
        Err(e) => {
            ipc_core::error::report("mmap-kinds (child)", &e);
            1
        }
    })?;
    match child.wait()? {
        ChildEnd::Exited(0) => Ok(()),
        end => Err(IpcError::refused(
            "child",
            text_with("mmap-kinds.child-failed", &[&end]),
        )),
    }
}
