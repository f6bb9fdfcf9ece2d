//! System V keys on the command line: `--key`, or `--path` and `--proj-id` for ftok, as the
//! lesson makes its key (`ftok("./shmfile", 65)`).

use std::path::PathBuf;

use ipc_sys::ipc::{SysvKey, ftok};
use ipc_text::t;
use nix::errno::Errno;

use crate::call;
use crate::error::{Context, Hint, Result};

/// The file the lesson's System V programs give ftok.
pub const LESSON_FTOK_PATH: &str = "./shmfile";
/// The project id the lesson gives ftok.
pub const LESSON_PROJ_ID: u8 = 65;
/// The lesson's message-queue key: `key_t key = 1234;`.
pub const LESSON_MSG_KEY: SysvKey = SysvKey(1234);

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
        None => Err(t!("core-arg-key-bad", value = raw)),
        Some(0) => Err(t!("core-arg-key-zero")),
        // A key is the 32 bits ipcs prints; key_t holds them signed.
        Some(k) => Ok(SysvKey(libc_key(k))),
    }
}

/// The 32 bits of `bits` as a `key_t` (which is signed: 0xffffffff is -1).
fn libc_key(bits: u32) -> i32 {
    i32::from_ne_bytes(bits.to_ne_bytes())
}

/// clap value parser for `--proj-id`: ftok keeps only the low 8 bits, and 0 is not allowed.
pub fn parse_proj_id(raw: &str) -> std::result::Result<u8, String> {
    match raw.trim().parse::<u8>() {
        Ok(n @ 1..=255) => Ok(n),
        _ => Err(t!("core-arg-proj-id-bad", value = raw)),
    }
}

#[derive(clap::Args, Debug, Clone)]
pub struct KeyArgs {
    #[arg(long, value_parser = parse_key, conflicts_with_all = ["path", "proj_id"], allow_hyphen_values = true)]
    pub key: Option<SysvKey>,
    #[arg(long, default_value = LESSON_FTOK_PATH)]
    pub path: PathBuf,
    #[arg(long, default_value = "65", value_parser = parse_proj_id, allow_hyphen_values = true)]
    pub proj_id: u8,
}

impl KeyArgs {
    /// The key the options name: the given one, or `ftok(path, proj_id)`.
    pub fn resolve(&self) -> Result<SysvKey> {
        match self.key {
            Some(key) => Ok(key),
            None => ftok(&self.path, self.proj_id)
                .context(|| call!("ftok", self.path.display(), self.proj_id))
                .hint_on(Errno::ENOENT, || {
                    t!("core-ftok-enoent", path = self.path.display())
                }),
        }
    }

    /// True when the options are the lesson's own (`./shmfile`, 65, no --key).
    pub fn is_lessons(&self) -> bool {
        self.key.is_none()
            && self.path.as_os_str() == LESSON_FTOK_PATH
            && self.proj_id == LESSON_PROJ_ID
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
    }

    #[test]
    fn bad_keys_are_refused() {
        ipc_text::set_lang(ipc_text::Lang::EN);
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
    fn ftok_of_a_missing_file_says_how_to_fix_it() {
        ipc_text::set_lang(ipc_text::Lang::EN);
        let args = KeyArgs {
            key: None,
            path: PathBuf::from("/nonexistent/shmfile"),
            proj_id: 65,
        };
        let err = args.resolve().unwrap_err();
        assert_eq!(err.errno(), Some(Errno::ENOENT));
        assert!(
            err.to_string()
                .starts_with("ftok(/nonexistent/shmfile, 65): ENOENT"),
            "{err}"
        );
        assert!(
            err.to_string().contains("touch /nonexistent/shmfile"),
            "{err}"
        );
    }
}
