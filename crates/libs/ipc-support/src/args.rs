//! Value parsers for the options many programs share: sizes and permission modes.

use ipc_text::t;
use nix::sys::stat::Mode;

/// The largest object any lesson program creates: more is almost surely a typo.
pub const MAX_OBJECT_SIZE: usize = 1 << 30;

/// The permission bits every program gives a new object unless told otherwise: 0600.
pub const PRIVATE_MODE: Mode = Mode::S_IRUSR.union(Mode::S_IWUSR);

/// clap value parser for `--size`: bytes, with an optional k/KiB or m/MiB suffix, 1 B to 1 GiB.
pub fn parse_size(raw: &str) -> Result<usize, String> {
    let s = raw.trim();
    let split = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let (digits, suffix) = s.split_at(split);
    let unit: usize = match suffix {
        "" => 1,
        "k" | "K" | "KiB" | "kiB" => 1 << 10,
        "m" | "M" | "MiB" => 1 << 20,
        _ => 0,
    };
    let bytes = match unit {
        0 => None,
        _ => digits.parse::<usize>().ok().map(|n| n.saturating_mul(unit)),
    };
    match bytes {
        Some(n @ 1..=MAX_OBJECT_SIZE) => Ok(n),
        Some(0) => Err(t!("core-arg-size-zero", value = raw)),
        Some(_) => Err(t!(
            "core-arg-size-big",
            value = raw,
            limit = MAX_OBJECT_SIZE
        )),
        None => Err(t!("core-arg-size-bad", value = raw)),
    }
}

/// clap value parser for `--mode`: permission bits in octal (`600`, `0600`, `0o600`).
pub fn parse_mode(raw: &str) -> Result<Mode, String> {
    let s = raw.trim();
    let digits = s.strip_prefix("0o").unwrap_or(s);
    match u32::from_str_radix(digits, 8) {
        Ok(m) if m <= 0o777 && !digits.is_empty() => Ok(Mode::from_bits_truncate(m)),
        _ => Err(t!("core-arg-mode-bad", value = raw)),
    }
}

/// A warning when `mode` lets every user on the machine write the object.
pub fn mode_warning(mode: Mode) -> Option<String> {
    mode.contains(Mode::S_IWOTH).then(|| {
        t!(
            "core-arg-mode-warning",
            mode = format!("0{:o}", mode.bits())
        )
    })
}

/// Prints `PROGRAM: warning: …` on stderr when `mode` lets every user write the object:
/// how every program that takes `--mode` warns.
pub fn warn_if_world_writable(program: &str, mode: Mode) {
    if let Some(warning) = mode_warning(mode) {
        crate::warn(&format!("{program}: {warning}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        ipc_text::set_lang(ipc_text::Lang::EN);
        assert_eq!(parse_size("1024"), Ok(1024));
        assert_eq!(parse_size("4k"), Ok(4096));
        assert_eq!(parse_size("1MiB"), Ok(1 << 20));
        assert!(parse_size("0").unwrap_err().contains("at least 1 byte"));
        assert!(parse_size("2048m").unwrap_err().contains("1 GiB"));
        assert!(
            parse_size("99999999999999999999999")
                .unwrap_err()
                .contains("not a size")
        );
        for bad in ["-5", "abc", "", "1.5", "10x"] {
            assert!(parse_size(bad).unwrap_err().contains("not a size"), "{bad}");
        }
    }

    #[test]
    fn modes() {
        ipc_text::set_lang(ipc_text::Lang::EN);
        assert_eq!(parse_mode("600"), Ok(PRIVATE_MODE));
        assert_eq!(parse_mode("0666").map(|m| m.bits()), Ok(0o666));
        assert_eq!(parse_mode("0o644").map(|m| m.bits()), Ok(0o644));
        for bad in ["888", "01000", "rw", ""] {
            assert!(parse_mode(bad).is_err(), "{bad}");
        }
        assert!(
            mode_warning(Mode::from_bits_truncate(0o666))
                .unwrap()
                .contains("every user")
        );
        assert_eq!(mode_warning(PRIVATE_MODE), None);
    }
}
