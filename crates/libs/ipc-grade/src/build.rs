//! Builds a submission's exercise files outside the student's tree: each submission gets a
//! small generated package under `target/grade/` whose binaries are compiled into one shared
//! target directory (`target/grade/build`), so the dependencies are compiled once for all.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use ipc_core::{IpcError, Result};
use serde::Deserialize;

/// The workspace this grader was built from: its ipc-core, Cargo.lock and target/.
pub fn workspace_root() -> PathBuf {
    // The one folder above this crate that holds info.toml (the list of exercises).
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .ancestors()
        .find(|dir| dir.join("info.toml").is_file())
        .unwrap_or(manifest)
        .to_path_buf()
}

/// Where the grader keeps its generated packages and its build.
pub fn grade_dir() -> PathBuf {
    workspace_root().join("target").join("grade")
}

/// What building one exercise gave.
#[derive(Debug, Clone)]
pub enum Built {
    Binary(PathBuf),
    /// The file is missing or does not compile; the text says why.
    Failed(String),
}

#[derive(Deserialize)]
struct Target {
    name: String,
}

#[derive(Deserialize)]
struct Message {
    rendered: Option<String>,
    level: String,
}

#[derive(Deserialize)]
struct CargoLine {
    reason: String,
    target: Option<Target>,
    executable: Option<PathBuf>,
    message: Option<Message>,
}

/// A short stable tag for a submission directory, used in package and binary names.
pub fn tag_of(dir: &Path) -> String {
    // FNV-1a: stable across runs and Rust versions, unlike the std hasher.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in dir.as_os_str().as_encoded_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("s{:08x}", h as u32)
}

/// The dependencies the exercises may use (the same as the root `exercises` package that
/// rustlings builds: ipc-core, nix, clap), taken from the workspace's own manifest so
/// versions and features always match what the workspace resolved.
fn dependency_lines(root: &Path) -> Result<String> {
    let manifest = std::fs::read_to_string(root.join("Cargo.toml"))
        .map_err(|e| IpcError::refused("reading the workspace Cargo.toml", e.to_string()))?;
    let mut out = format!(
        "ipc-core = {{ path = {:?} }}\n",
        root.join("crates/libs/ipc-core").display().to_string()
    );
    for dep in ["nix", "clap"] {
        if let Some(line) = manifest
            .lines()
            .find(|l| l.starts_with(&format!("{dep} = ")))
        {
            out.push_str(line);
            out.push('\n');
        }
    }
    Ok(out)
}

/// Writes `text` to `path` only when it differs, so cargo's fingerprints stay fresh and
/// a warm grade rebuilds nothing.
pub fn write_if_changed(path: &Path, text: &[u8]) -> Result<()> {
    if std::fs::read(path).ok().as_deref() == Some(text) {
        return Ok(());
    }
    write_atomically(path, text)
}

/// Writes `text` to `path` through a temporary file and a rename: a reader sees the old
/// contents or the new ones, never half.
pub fn write_atomically(path: &Path, text: &[u8]) -> Result<()> {
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    std::fs::write(&tmp, text)
        .and_then(|()| std::fs::rename(&tmp, path))
        .map_err(|e| IpcError::refused(format!("writing {}", path.display()), e.to_string()))
}

/// Builds `DIR/NAME.rs` for each exercise name; returns what each gave.
pub fn build(dir: &Path, names: &[&str]) -> Result<BTreeMap<String, Built>> {
    let root = workspace_root();
    let tag = tag_of(dir);
    let pkg = grade_dir().join(format!("pkg-{tag}"));
    std::fs::create_dir_all(&pkg)
        .map_err(|e| IpcError::refused(format!("creating {}", pkg.display()), e.to_string()))?;

    let mut results = BTreeMap::new();
    let mut bins = String::new();
    let mut wanted = Vec::new();
    // The manifest lists every exercise file present, not only the ones asked for, so two
    // grades of the same directory write the same manifest and never break each other.
    for &(name, _) in super::EXERCISES {
        let source = dir.join(format!("{name}.rs"));
        let bin = format!("{tag}-{name}");
        match std::fs::read(&source) {
            Ok(text) => {
                write_if_changed(&pkg.join(format!("{name}.rs")), &text)?;
                bins.push_str(&format!(
                    "[[bin]]\nname = \"{bin}\"\npath = \"{name}.rs\"\n\n"
                ));
                if names.contains(&name) {
                    wanted.push((name.to_string(), bin));
                }
            }
            Err(e) if names.contains(&name) => {
                results.insert(
                    name.to_string(),
                    Built::Failed(format!("cannot read {}: {e}", source.display())),
                );
            }
            Err(_) => {}
        }
    }
    if wanted.is_empty() {
        return Ok(results);
    }
    let manifest = format!(
        "# Generated by `ipc-lab grade` for {}; rewritten on every run.\n\
         [package]\nname = \"grade-{tag}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         [workspace]\n\n[dependencies]\n{}\n{bins}\
         [profile.dev]\ndebug = \"line-tables-only\"\n",
        dir.display(),
        dependency_lines(&root)?
    );
    write_if_changed(&pkg.join("Cargo.toml"), manifest.as_bytes())?;
    if !pkg.join("Cargo.lock").exists() {
        if let Ok(lock) = std::fs::read(root.join("Cargo.lock")) {
            write_if_changed(&pkg.join("Cargo.lock"), &lock)?;
        }
    }

    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut cmd = Command::new(cargo);
    cmd.arg("build")
        .arg("--keep-going")
        .arg("--message-format=json")
        .arg("--manifest-path")
        .arg(pkg.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", grade_dir().join("build"))
        .stdin(Stdio::null())
        .stderr(Stdio::piped());
    for (_, bin) in &wanted {
        cmd.arg("--bin").arg(bin);
    }
    let output = cmd.output().map_err(|e| {
        IpcError::refused("running cargo to build the submission", e.to_string())
            .hint("ipc-lab grade needs cargo on the PATH")
    })?;

    let mut executables = BTreeMap::new();
    let mut errors: BTreeMap<String, String> = BTreeMap::new();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let Ok(msg) = serde_json::from_str::<CargoLine>(line) else {
            continue;
        };
        let Some(target) = msg.target else { continue };
        match msg.reason.as_str() {
            "compiler-artifact" => {
                if let Some(exe) = msg.executable {
                    executables.insert(target.name, exe);
                }
            }
            "compiler-message" => {
                if let Some(m) = msg.message.filter(|m| m.level == "error") {
                    let text = errors.entry(target.name).or_default();
                    if text.len() < 4000 {
                        text.push_str(m.rendered.as_deref().unwrap_or(""));
                    }
                }
            }
            _ => {}
        }
    }
    for (name, bin) in wanted {
        let built = match executables.remove(&bin) {
            Some(exe) => Built::Binary(exe),
            None => Built::Failed(match errors.remove(&bin) {
                Some(text) => {
                    let text = text.replace(
                        &format!("{name}.rs"),
                        &dir.join(format!("{name}.rs")).display().to_string(),
                    );
                    let first = text.lines().next().unwrap_or("");
                    format!(
                        "does not compile: {}\n{text}",
                        first.trim_start_matches("error: ")
                    )
                }
                None => format!(
                    "{name}.rs could not be built: {}",
                    super::runner::first_line(&String::from_utf8_lossy(&output.stderr))
                ),
            }),
        };
        results.insert(name.to_string(), built);
    }
    Ok(results)
}
