//! Builds a submission's exercise files without trusting them. The crates an exercise
//! may use (those of the root `exercises` package: our libraries, nix, clap) are compiled
//! once by cargo, from the workspace's own sources and lock file; each exercise file is
//! then compiled alone by rustc, inside the sandbox, where nothing but the file, those
//! compiled crates and the toolchain is visible — so `include_str!` of a solution, or of
//! any file of the machine, finds nothing. Binaries are kept by the hash of their source
//! and of everything that goes into them: a warm grade compiles nothing.

use ipc_text::t;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Mutex, OnceLock};

use ipc_sandbox::{Bind, Spec};
use ipc_support::{IpcError, Result};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::runner::{Runner, export_text, first_line, limit_text};

/// The workspace this grader was built from: its libraries, Cargo.lock and target/.
pub fn workspace_root() -> PathBuf {
    // The one folder above this crate that holds info.toml (the list of exercises).
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .ancestors()
        .find(|dir| dir.join("info.toml").is_file())
        .unwrap_or(manifest)
        .to_path_buf()
}

/// Where the grader keeps its build and its results.
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

/// A short stable tag for a submission directory, used in file names.
pub fn tag_of(dir: &Path) -> String {
    let digest = Sha256::digest(dir.as_os_str().as_encoded_bytes());
    format!("s{}", hex::encode(&digest[..6]))
}

/// Writes `text` to `path` through a temporary file and a rename: a reader sees the old
/// contents or the new ones, never half.
pub fn write_atomically(path: &Path, text: &[u8]) -> Result<()> {
    let tmp = path.with_extension(format!(
        "tmp{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    std::fs::write(&tmp, text)
        .and_then(|()| std::fs::rename(&tmp, path))
        .map_err(|e| {
            IpcError::refused(
                t!("grade-writing", path = path.display().to_string()),
                e.to_string(),
            )
        })
}

fn refused(what: &str, why: impl std::fmt::Display) -> IpcError {
    IpcError::refused(what.to_string(), why.to_string())
}

/// The compiler and the crates an exercise links against, found once per grader.
#[derive(Clone, Serialize, Deserialize)]
struct Toolchain {
    sysroot: PathBuf,
    rustc: PathBuf,
    /// The folder of compiled dependencies (`-L dependency=`).
    deps: PathBuf,
    /// `--extern NAME=PATH` for each crate an exercise may `use`.
    externs: Vec<(String, PathBuf)>,
    edition: String,
    /// What a cached binary depends on besides its source.
    fingerprint: String,
}

#[derive(Deserialize)]
struct Artifact {
    reason: String,
    target: Option<ArtifactTarget>,
    #[serde(default)]
    filenames: Vec<PathBuf>,
}

#[derive(Deserialize)]
struct ArtifactTarget {
    name: String,
    kind: Vec<String>,
}

#[derive(Deserialize)]
struct Metadata {
    packages: Vec<MetaPackage>,
}

#[derive(Deserialize)]
struct MetaPackage {
    name: String,
    edition: String,
    dependencies: Vec<MetaDependency>,
}

#[derive(Deserialize)]
struct MetaDependency {
    name: String,
    kind: Option<String>,
    rename: Option<String>,
}

fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

fn output_of(cmd: &mut Command, what: &str) -> Result<String> {
    let out = cmd
        .stdin(Stdio::null())
        .output()
        .map_err(|e| refused(what, e).hint(t!("grade-build-needs-toolchain")))?;
    if !out.status.success() {
        return Err(refused(
            what,
            first_line(&String::from_utf8_lossy(&out.stderr)),
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

impl Toolchain {
    fn find(root: &Path) -> Result<Toolchain> {
        let rustc_cmd = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
        let sysroot = output_of(
            Command::new(&rustc_cmd).args(["--print", "sysroot"]),
            "rustc --print sysroot",
        )?;
        let sysroot = PathBuf::from(sysroot.trim());
        let rustc = sysroot.join("bin").join("rustc");
        let version = output_of(Command::new(&rustc).arg("-vV"), "rustc -vV")?;

        // The crates the exercises package may use, as cargo resolves them.
        let meta = output_of(
            cargo()
                .args([
                    "metadata",
                    "--format-version",
                    "1",
                    "--no-deps",
                    "--manifest-path",
                ])
                .arg(root.join("Cargo.toml")),
            "cargo metadata",
        )?;
        let meta: Metadata = serde_json::from_str(&meta)
            .map_err(|e| refused(&t!("grade-build-reading-metadata"), e))?;
        let package = meta
            .packages
            .iter()
            .find(|p| p.name == "exercises")
            .ok_or_else(|| refused("cargo metadata", t!("grade-build-no-exercises-package")))?;
        let wanted: Vec<String> = package
            .dependencies
            .iter()
            .filter(|d| d.kind.is_none())
            .map(|d| d.rename.clone().unwrap_or_else(|| d.name.clone()))
            .collect();

        // cargo builds them (trusted sources only: crates.io and this workspace), for the
        // root package, exactly as rustlings would.
        let target = grade_dir().join("deps");
        let json = output_of(
            cargo()
                .args(["build", "--quiet", "--message-format=json", "--lib"])
                .args(
                    wanted
                        .iter()
                        .flat_map(|w| ["-p".to_string(), w.replace('_', "-")]),
                )
                .arg("--manifest-path")
                .arg(root.join("Cargo.toml"))
                .env("CARGO_TARGET_DIR", &target),
            &t!("grade-build-building-crates"),
        );
        let json = json?;
        let mut externs = BTreeMap::new();
        for line in json.lines() {
            let Ok(a) = serde_json::from_str::<Artifact>(line) else {
                continue;
            };
            let Some(t) = a.target else { continue };
            if a.reason != "compiler-artifact" || !t.kind.iter().any(|k| k == "lib" || k == "rlib")
            {
                continue;
            }
            let crate_name = t.name.replace('-', "_");
            if !wanted.iter().any(|w| w.replace('-', "_") == crate_name) {
                continue;
            }
            if let Some(rlib) = a
                .filenames
                .iter()
                .find(|f| f.extension().is_some_and(|e| e == "rlib"))
            {
                externs.insert(crate_name, rlib.clone());
            }
        }
        // The libraries asked for are copied up to target/debug; what they depend on
        // stays in target/debug/deps. The sandbox sees that one folder (and nothing of
        // the workspace's own build).
        let deps = externs
            .values()
            .next()
            .and_then(|p| p.parent())
            .map(Path::to_path_buf)
            .ok_or_else(|| {
                refused(
                    &t!("grade-build-building-crates"),
                    t!("grade-build-no-library"),
                )
            })?;
        let mut hasher = Sha256::new();
        hasher.update(version.as_bytes());
        for (name, path) in &externs {
            hasher.update(name.as_bytes());
            hasher.update(path.as_os_str().as_encoded_bytes());
            if let Ok(meta) = std::fs::metadata(path) {
                hasher.update(format!("{:?}{}", meta.modified().ok(), meta.len()).as_bytes());
            }
        }
        hasher.update(package.edition.as_bytes());
        Ok(Toolchain {
            sysroot,
            rustc,
            deps,
            externs: externs.into_iter().collect(),
            edition: package.edition.clone(),
            fingerprint: hex::encode(hasher.finalize()),
        })
    }
}

/// The toolchain, found once per grader process (later grades reuse it).
fn toolchain(root: &Path) -> Result<&'static Toolchain> {
    static FOUND: OnceLock<Toolchain> = OnceLock::new();
    static FINDING: Mutex<()> = Mutex::new(());
    if let Some(t) = FOUND.get() {
        return Ok(t);
    }
    let _one_at_a_time = FINDING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(t) = FOUND.get() {
        return Ok(t);
    }
    let record = grade_dir().join("toolchain.json");
    let found = match Recorded::load(root, &record) {
        Some(t) => t,
        None => {
            let t = Toolchain::find(root)?;
            Recorded::save(root, &record, &t);
            t
        }
    };
    Ok(FOUND.get_or_init(|| found))
}

/// The toolchain found by the last grader, kept in `target/grade/toolchain.json`: finding it
/// asks cargo twice and rustc twice (about 0.3 s of CPU), which every grade would pay again —
/// a class of a hundred pays it a hundred times. It is taken only when nothing it came from
/// has changed: the environment that picks the compiler and its flags, the manifests, the
/// lock file, the sources of our libraries, the compiler and the compiled crates themselves.
#[derive(Serialize, Deserialize)]
struct Recorded {
    inputs: String,
    toolchain: Toolchain,
    /// Length and modification time of the compiler and of each compiled crate.
    files: Vec<(PathBuf, u64, i64, i64)>,
}

impl Recorded {
    /// A digest of what decides which toolchain cargo and rustc would give; no process run.
    fn inputs(root: &Path) -> String {
        let mut hasher = Sha256::new();
        for var in [
            "PATH",
            "CARGO",
            "CARGO_HOME",
            "RUSTUP_HOME",
            "RUSTUP_TOOLCHAIN",
            "RUSTC",
            "RUSTC_WRAPPER",
            "RUSTFLAGS",
            "CARGO_ENCODED_RUSTFLAGS",
            "CARGO_BUILD_RUSTFLAGS",
        ] {
            hasher.update(var.as_bytes());
            if let Some(value) = std::env::var_os(var) {
                hasher.update(value.as_encoded_bytes());
            }
            hasher.update([0]);
        }
        let rustup_home = std::env::var_os("RUSTUP_HOME")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".rustup")));
        let mut files: Vec<PathBuf> = [
            "Cargo.toml",
            "Cargo.lock",
            "rust-toolchain",
            "rust-toolchain.toml",
            ".cargo/config.toml",
        ]
        .iter()
        .map(|f| root.join(f))
        .chain(rustup_home.map(|h| h.join("settings.toml")))
        .collect();
        list_files(&root.join("crates").join("libs"), &mut files);
        files.sort();
        for file in &files {
            hasher.update(file.as_os_str().as_encoded_bytes());
            if let Some((len, secs, nanos)) = std::fs::metadata(file).ok().and_then(|m| stamp(&m)) {
                hasher.update(format!("{len} {secs} {nanos}"));
            }
            hasher.update([0]);
        }
        hex::encode(hasher.finalize())
    }

    fn load(root: &Path, record: &Path) -> Option<Toolchain> {
        let text = std::fs::read(record).ok()?;
        let recorded: Recorded = serde_json::from_slice(&text).ok()?;
        let unchanged = recorded.inputs == Self::inputs(root)
            && recorded.files.iter().all(|(path, len, secs, nanos)| {
                std::fs::metadata(path)
                    .ok()
                    .and_then(|m| stamp(&m))
                    .is_some_and(|s| s == (*len, *secs, *nanos))
            });
        unchanged.then_some(recorded.toolchain)
    }

    /// Best effort: a grader that cannot keep the record finds the toolchain next time.
    fn save(root: &Path, record: &Path, toolchain: &Toolchain) {
        let files = std::iter::once(&toolchain.rustc)
            .chain(toolchain.externs.iter().map(|(_, rlib)| rlib))
            .filter_map(|path| {
                let (len, secs, nanos) = stamp(&std::fs::metadata(path).ok()?)?;
                Some((path.clone(), len, secs, nanos))
            })
            .collect();
        let recorded = Recorded {
            inputs: Self::inputs(root),
            toolchain: toolchain.clone(),
            files,
        };
        if let Ok(text) = serde_json::to_vec(&recorded) {
            let _ = write_atomically(record, &text);
        }
    }
}

/// Length and modification time (seconds, nanoseconds) of a file.
fn stamp(meta: &std::fs::Metadata) -> Option<(u64, i64, i64)> {
    use std::os::unix::fs::MetadataExt;
    meta.is_file()
        .then(|| (meta.len(), meta.mtime(), meta.mtime_nsec()))
}

/// Every file below `dir` (our libraries: a few hundred), into `out`.
fn list_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        match entry.file_type() {
            Ok(t) if t.is_dir() => list_files(&path, out),
            Ok(t) if t.is_file() => out.push(path),
            _ => {}
        }
    }
}

#[derive(Deserialize)]
struct Diagnostic {
    level: String,
    rendered: Option<String>,
}

/// Prepares the crates once; call before building from several threads.
pub fn prepare() -> Result<()> {
    toolchain(&workspace_root()).map(drop)
}

/// Builds `DIR/NAME.rs` for each exercise name; returns what each gave.
pub fn build(runner: &Runner, dir: &Path, names: &[&str]) -> Result<BTreeMap<String, Built>> {
    let tools = toolchain(&workspace_root())?;
    let caches = grade_dir().join("cache");
    let cache = caches.join(&tools.fingerprint[..16.min(tools.fingerprint.len())]);
    std::fs::create_dir_all(&cache)
        .map_err(|e| refused(&t!("grade-creating", path = cache.display().to_string()), e))?;
    prune_caches(&caches, &cache, STALE);
    let mut results = BTreeMap::new();
    for &name in names {
        let source = dir.join(format!("{name}.rs"));
        let built = match read_source(&source) {
            Ok(text) => compile(runner, tools, &cache, name, &source, &text),
            Err(why) => Built::Failed(t!(
                "grade-build-cannot-read",
                path = source.display().to_string(),
                why = why
            )),
        };
        results.insert(name.to_string(), built);
    }
    Ok(results)
}

/// The largest exercise file read: the longest solution is a few KiB.
const MAX_SOURCE: u64 = 1 << 20;

/// Reads an exercise file the way a student's folder can be trusted: a regular file of at
/// most [`MAX_SOURCE`] bytes, not a symbolic link (git keeps them: one to the solutions or
/// to a classmate's file is not the student's work), nor a FIFO or a device that would
/// block the grader or feed it without end.
fn read_source(path: &Path) -> std::result::Result<Vec<u8>, String> {
    use std::io::Read;
    use std::os::unix::fs::OpenOptionsExt;
    let file = std::fs::OpenOptions::new()
        .read(true)
        // The last component is not followed; opening a FIFO does not wait for a writer.
        .custom_flags((nix::fcntl::OFlag::O_NOFOLLOW | nix::fcntl::OFlag::O_NONBLOCK).bits())
        .open(path)
        .map_err(|e| match e.raw_os_error() {
            Some(code) if code == nix::errno::Errno::ELOOP as i32 => {
                t!("grade-build-symlink")
            }
            _ => e.to_string(),
        })?;
    let meta = file.metadata().map_err(|e| e.to_string())?;
    if !meta.is_file() {
        return Err(t!("grade-build-not-regular"));
    }
    if meta.len() > MAX_SOURCE {
        return Err(t!("grade-build-too-big", kib = MAX_SOURCE / 1024));
    }
    let mut text = Vec::new();
    file.take(MAX_SOURCE + 1)
        .read_to_end(&mut text)
        .map_err(|e| e.to_string())?;
    if text.len() as u64 > MAX_SOURCE {
        return Err(t!("grade-build-too-big", kib = MAX_SOURCE / 1024));
    }
    Ok(text)
}

/// Compiles one exercise file (or finds it compiled already).
fn compile(
    runner: &Runner,
    tools: &Toolchain,
    cache: &Path,
    name: &str,
    source: &Path,
    text: &[u8],
) -> Built {
    let mut hasher = Sha256::new();
    hasher.update(tools.fingerprint.as_bytes());
    hasher.update(name.as_bytes());
    hasher.update(text);
    let key = hex::encode(&hasher.finalize()[..16]);
    let binary = cache.join(format!("{name}-{key}"));
    if binary.is_file() {
        return Built::Binary(binary);
    }
    let work = match tempdir(cache, name) {
        Ok(dir) => dir,
        Err(e) => return Built::Failed(e),
    };
    let file = work.path.join(format!("{name}.rs"));
    if let Err(e) = std::fs::write(&file, text) {
        return Built::Failed(t!(
            "grade-build-cannot-copy",
            path = source.display().to_string(),
            why = e
        ));
    }
    // With namespaces the compiler sees only /deps, /box/src and its own /tmp; without,
    // it sees the host's paths (and writes into the shared /tmp under a name of its own).
    let namespaced = runner.namespaced();
    let deps = if namespaced {
        PathBuf::from("/deps")
    } else {
        tools.deps.clone()
    };
    let out_inside = if namespaced {
        PathBuf::from(format!("/tmp/{name}"))
    } else {
        std::env::temp_dir().join(format!(
            "ipc-lab-build-{}-{}",
            std::process::id(),
            work.path
                .file_name()
                .map_or_else(String::new, |f| f.to_string_lossy().into_owned())
        ))
    };
    let mut args = vec![
        format!("--edition={}", tools.edition),
        "--crate-type=bin".into(),
        format!("--crate-name={name}"),
        "--error-format=json".into(),
        "--json=diagnostic-short".into(),
        "-Cdebuginfo=line-tables-only".into(),
        // One codegen thread: the compiler's address space then does not grow with the
        // machine's CPUs (each thread adds a stack and a malloc arena), so the limit below
        // can stay low enough to stop a compile bomb early on any machine.
        "-Ccodegen-units=1".into(),
        format!("--sysroot={}", tools.sysroot.display()),
        "-L".into(),
        format!("dependency={}", deps.join("deps").display()),
    ];
    for (crate_name, rlib) in &tools.externs {
        let file_name = rlib
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default();
        args.push("--extern".into());
        args.push(format!("{crate_name}={}", deps.join(file_name).display()));
    }
    args.push("-o".into());
    args.push(out_inside.display().to_string());
    if namespaced {
        args.push(format!("{name}.rs"));
    } else {
        // Messages still name the file as the student knows it.
        args.push(format!("--remap-path-prefix={}/=", work.path.display()));
        args.push(file.display().to_string());
    }
    let mut spec = Spec::new(&tools.rustc, args);
    spec.run_as = Some(tools.rustc.clone());
    // Without namespaces, the compiler keeps the grader's identity to reach the toolchain;
    // Landlock still keeps it to the binds below.
    spec.keep_identity = true;
    spec.cwd = PathBuf::from("/box/src");
    spec.binds = vec![
        Bind {
            host: tools.sysroot.clone(),
            inside: tools.sysroot.clone(),
            writable: false,
        },
        Bind {
            host: tools.deps.clone(),
            inside: PathBuf::from("/deps"),
            writable: false,
        },
        Bind {
            host: work.path.clone(),
            inside: PathBuf::from("/box/src"),
            writable: false,
        },
    ];
    let tmp_binary = work.path.join(name);
    spec.export = vec![(out_inside, tmp_binary.clone())];
    // A compiler needs more than a submission: it maps large files and starts threads.
    spec.limits.wall_ms = 300_000;
    spec.limits.cpu_seconds = 300;
    // An exercise builds in under 600 MiB; a bomb is stopped when it reaches 2 GiB.
    spec.limits.memory_bytes = 2 << 30;
    spec.limits.file_bytes = 256 << 20;
    spec.limits.tasks = 128;
    spec.limits.tmpfs_bytes = 512 << 20;
    spec.limits.output_bytes = 16 << 20;
    let wall_seconds = spec.limits.wall_ms / 1000;
    let report = runner.sandbox(&spec);
    if !namespaced {
        let _ = std::fs::remove_file(&spec.export[0].0);
    }
    let file = format!("{name}.rs");
    let report = match report {
        Ok(r) => r,
        Err(e) => return Built::Failed(t!("grade-build-failed", file = file, why = e)),
    };
    if report.end == ipc_sandbox::End::Exited(0) && tmp_binary.is_file() {
        // Another grade may have made the same binary meanwhile: either copy is right.
        return match std::fs::rename(&tmp_binary, &binary) {
            Ok(()) => Built::Binary(binary),
            Err(e) => Built::Failed(t!("grade-build-cannot-keep", file = file, why = e)),
        };
    }
    let mut errors = String::new();
    for line in report.stderr.text.lines() {
        match serde_json::from_str::<Diagnostic>(line) {
            Ok(d) if d.level == "error" => {
                if errors.len() < 4000 {
                    errors.push_str(d.rendered.as_deref().unwrap_or(""));
                }
            }
            Ok(_) => {}
            Err(_) if !line.trim().is_empty() && errors.len() < 4000 => {
                errors.push_str(line);
                errors.push('\n');
            }
            Err(_) => {}
        }
    }
    match &report.end {
        ipc_sandbox::End::TimedOut => Built::Failed(t!(
            "grade-build-over-limits",
            file = file,
            why = t!("grade-build-took-too-long", seconds = wall_seconds)
        )),
        ipc_sandbox::End::OverLimit(limit) => Built::Failed(t!(
            "grade-build-over-limits",
            file = file,
            why = limit_text(limit)
        )),
        ipc_sandbox::End::Exited(0) => Built::Failed(t!(
            "grade-build-not-taken-out",
            file = file,
            why = report
                .missing_exports
                .iter()
                .map(export_text)
                .collect::<Vec<_>>()
                .join("; ")
        )),
        _ if errors.trim().is_empty() => Built::Failed(t!(
            "grade-build-compiler-ended",
            file = file,
            end = compiler_end(&report.end),
            why = first_line(&report.stderr.text)
        )),
        _ => Built::Failed(format!(
            "{}\n{}",
            t!(
                "grade-build-does-not-compile",
                what = what_failed(errors.lines().next().unwrap_or(""))
            ),
            errors.trim_end()
        )),
    }
}

/// How the compiler ended, when it failed without a diagnostic.
fn compiler_end(end: &ipc_sandbox::End) -> String {
    match end {
        ipc_sandbox::End::Exited(code) => t!("grade-build-end-exited", status = code),
        ipc_sandbox::End::Signaled(sig) => t!(
            "grade-build-end-killed",
            signal = nix::sys::signal::Signal::try_from(*sig)
                .map_or_else(|_| sig.to_string(), |s| s.as_str().to_string())
        ),
        ipc_sandbox::End::NotStarted => t!("grade-build-end-not-started"),
        // Both have an arm of their own before this is asked.
        ipc_sandbox::End::TimedOut | ipc_sandbox::End::OverLimit(_) => {
            t!("grade-build-end-stopped")
        }
    }
}

/// The message of a short diagnostic (`FILE:LINE:COL: error[E0425]: MESSAGE`).
fn what_failed(line: &str) -> &str {
    let after = line.split_once("error").map_or(line, |(_, rest)| rest);
    let after = after.split_once("]: ").map_or(after, |(_, rest)| rest);
    after.trim_start_matches([':', ' ']).trim()
}

/// A fresh folder removed on drop.
struct TempDir {
    path: PathBuf,
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

fn tempdir(parent: &Path, name: &str) -> std::result::Result<TempDir, String> {
    static COUNT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = COUNT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let path = parent.join(format!(".build-{name}-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&path).map_err(|e| {
        t!(
            "grade-build-cannot-create",
            path = path.display().to_string(),
            why = e
        )
    })?;
    // The sandboxed compiler runs as another user: it must read the source.
    let _ = std::fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(0o755));
    Ok(TempDir { path })
}

/// How long a binary built by another toolchain is kept: a grader that built with it a
/// moment ago may still be running it.
const STALE: std::time::Duration = std::time::Duration::from_secs(3600);

/// Removes what no grader will use again: the folders of binaries built by another toolchain
/// (another compiler, or our libraries changed) and anything else in `caches` (binaries and
/// build folders left by older graders), once untouched for `stale`. Without it the cache
/// keeps every source ever graded with every toolchain: gigabytes on a course's machine.
/// Best effort: what cannot be removed now is tried again by the next grader.
fn prune_caches(caches: &Path, current: &Path, stale: std::time::Duration) {
    let Ok(entries) = std::fs::read_dir(caches) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path == current {
            continue;
        }
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age >= stale);
        if old {
            let _ = std::fs::remove_dir_all(&path).or_else(|_| std::fs::remove_file(&path));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Another toolchain's folder and an old loose binary go once stale; the current
    /// toolchain's folder stays, and so does what is younger than the limit.
    #[test]
    fn stale_caches_of_other_toolchains_are_removed_and_the_current_one_kept() {
        let caches = std::env::temp_dir().join(ipc_support::unique::unique_name("ipc-grade-cache"));
        let current = caches.join("aaaa");
        touch(&current.join("ex01-1"), "binary");
        touch(&caches.join("bbbb/ex01-2"), "binary");
        touch(&caches.join("ex01-3"), "binary");
        prune_caches(&caches, &current, std::time::Duration::from_secs(3600));
        assert!(caches.join("bbbb/ex01-2").exists(), "young: kept");
        assert!(caches.join("ex01-3").exists(), "young: kept");
        prune_caches(&caches, &current, std::time::Duration::ZERO);
        assert!(!caches.join("bbbb").exists());
        assert!(!caches.join("ex01-3").exists());
        assert!(
            current.join("ex01-1").exists(),
            "the current toolchain's folder stays"
        );
        std::fs::remove_dir_all(&caches).unwrap();
    }

    fn touch(path: &Path, text: &str) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// The record is taken while nothing changed, and not once a library's source, the lock
    /// file, or a compiled crate changed.
    #[test]
    fn the_recorded_toolchain_is_taken_only_while_nothing_changed() {
        let root = std::env::temp_dir().join(ipc_support::unique::unique_name("ipc-grade-record"));
        let rlib = root.join("deps/libx.rlib");
        touch(&root.join("Cargo.lock"), "lock");
        touch(&root.join("crates/libs/x/src/lib.rs"), "pub fn x() {}");
        touch(&rlib, "rlib");
        let toolchain = Toolchain {
            sysroot: root.clone(),
            rustc: root.join("Cargo.lock"),
            deps: root.join("deps"),
            externs: vec![("x".into(), rlib.clone())],
            edition: "2024".into(),
            fingerprint: "f".into(),
        };
        let record = root.join("toolchain.json");
        assert!(
            Recorded::load(&root, &record).is_none(),
            "nothing recorded yet"
        );
        Recorded::save(&root, &record, &toolchain);
        let again = Recorded::load(&root, &record).expect("unchanged: taken");
        assert_eq!(again.externs, toolchain.externs);

        let changes: [(&str, &dyn Fn()); 3] = [
            ("a library's source", &|| {
                touch(&root.join("crates/libs/x/src/lib.rs"), "pub fn x() { }")
            }),
            ("the lock file", &|| {
                touch(&root.join("Cargo.lock"), "lock 2")
            }),
            ("a compiled crate", &|| touch(&rlib, "rlib 2")),
        ];
        for (what, change) in changes {
            Recorded::save(&root, &record, &toolchain);
            assert!(Recorded::load(&root, &record).is_some());
            change();
            assert!(
                Recorded::load(&root, &record).is_none(),
                "taken after {what} changed"
            );
        }
        std::fs::remove_dir_all(&root).unwrap();
    }
}
