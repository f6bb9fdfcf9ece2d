//! System V IPC keys: from `ftok(path, proj_id)` as the lesson does, or given as a number.

use std::ffi::CString;
use std::fmt;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use nix::errno::Errno;

use crate::error::{IpcError, Result};
use crate::text::{text, text_with};

/// A System V key (`key_t`), printed in hex as `ipcs` shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SysvKey(pub libc::key_t);

impl SysvKey {
    pub fn raw(self) -> libc::key_t {
        self.0
    }
}

impl fmt::Display for SysvKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "0x{:08x}", self.0 as u32)
    }
}

/// clap value parser for `--key`: hex with `0x` (as `ipcs` prints keys) or decimal.
pub fn parse_key(raw: &str) -> std::result::Result<SysvKey, String> {
    let s = raw.trim();
    let parsed = match s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        Some(hex) if !hex.is_empty() && hex.len() <= 8 => u32::from_str_radix(hex, 16).ok(),
        Some(_) => None,
        None if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) => s.parse::<u32>().ok(),
        None => None,
    };
    match parsed {
        None => Err(text_with("core.arg.key-bad", &[&raw])),
        Some(0) => Err(text("core.arg.key-zero")),
        Some(k) => Ok(SysvKey(k as libc::key_t)),
    }
}

/// clap value parser for `--proj-id`: ftok keeps only the low 8 bits, and 0 is not allowed.
pub fn parse_proj_id(raw: &str) -> std::result::Result<u8, String> {
    match raw.trim().parse::<u32>() {
        Ok(n @ 1..=255) => Ok(n as u8),
        _ => Err(text_with("core.arg.proj-id-bad", &[&raw])),
    }
}

/// `ftok(path, proj_id)`: the key is built from the file's inode and device, so the file must exist.
pub fn ftok(path: &Path, proj_id: u8) -> Result<SysvKey> {
    let call = format!("ftok({}, {proj_id})", path.display());
    let c_path = CString::new(path.as_os_str().as_bytes())
        .map_err(|_| IpcError::refused(&call, text("core.nul-in-path")))?;
    // SAFETY: c_path is a valid NUL-terminated string that outlives the call.
    let key = unsafe { libc::ftok(c_path.as_ptr(), libc::c_int::from(proj_id)) };
    if key == -1 {
        return Err(IpcError::last(call).hint_if(
            Errno::ENOENT,
            text_with("core.ftok.enoent", &[&path.display()]),
        ));
    }
    Ok(SysvKey(key))
}

/// The key options every System V program shares: `--key`, or `--path` with `--proj-id`.
#[derive(clap::Args, Debug, Clone)]
pub struct KeyArgs {
    /// Use this key directly (hex as ipcs shows it, e.g. 0x1234) instead of ftok
    #[arg(long, value_parser = parse_key, conflicts_with_all = ["path", "proj_id"], allow_hyphen_values = true)]
    pub key: Option<SysvKey>,
    /// File whose inode ftok turns into the key (it must exist)
    #[arg(long, default_value = "./shmfile")]
    pub path: PathBuf,
    /// Project id for ftok, 1-255 (only the low 8 bits count)
    #[arg(long, default_value = "65", value_parser = parse_proj_id, allow_hyphen_values = true)]
    pub proj_id: u8,
}

impl KeyArgs {
    /// The key the options name: the given one, or `ftok(path, proj_id)`.
    pub fn resolve(&self) -> Result<SysvKey> {
        match self.key {
            Some(key) => Ok(key),
            None => ftok(&self.path, self.proj_id),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_parse_in_hex_and_decimal() {
        assert_eq!(parse_key("0x1234").unwrap(), SysvKey(0x1234));
        assert_eq!(parse_key("0XFFFFFFFF").unwrap(), SysvKey(-1));
        assert_eq!(parse_key("1234").unwrap(), SysvKey(1234));
        assert_eq!(SysvKey(0x41012345).to_string(), "0x41012345");
    }

    #[test]
    fn bad_keys_are_refused() {
        for bad in ["0xZZ", "hello", "", "0x", "0x123456789", "-5", "12a"] {
            assert!(
                parse_key(bad).unwrap_err().contains("is not a key"),
                "{bad}"
            );
        }
        assert!(parse_key("0x0").unwrap_err().contains("IPC_PRIVATE"));
    }

    #[test]
    fn proj_id_is_one_to_255() {
        assert_eq!(parse_proj_id("65").unwrap(), 65);
        assert!(parse_proj_id("0").is_err());
        assert!(parse_proj_id("256").is_err());
        assert!(parse_proj_id("x").is_err());
    }

    #[test]
    fn ftok_of_missing_file_says_how_to_fix() {
        let err = ftok(Path::new("/nonexistent/shmfile"), 65).unwrap_err();
        assert_eq!(err.errno(), Some(Errno::ENOENT));
        assert!(
            err.to_string().contains("touch /nonexistent/shmfile"),
            "{err}"
        );
    }

    #[test]
    fn ftok_is_stable_for_one_file() {
        let a = ftok(Path::new("/"), 65).unwrap();
        assert_eq!(a, ftok(Path::new("/"), 65).unwrap());
        assert_ne!(a, ftok(Path::new("/"), 66).unwrap());
    }
}
