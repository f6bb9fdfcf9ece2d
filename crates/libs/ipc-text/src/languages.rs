//! `locales/languages.txt`: the languages, one a line, `CODE Name`: the code is the name of
//! the language's folder and what `LANG` starts with (`vi` for `vi_VN.UTF-8`), the name is
//! how the language calls itself (`--lang`'s help shows it). English is the first line: every
//! other language falls back to it, message by message. Shared by the build script and the
//! loader.

/// The language every other one falls back to.
pub const ENGLISH: &str = "en";

/// One line of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Listed<'a> {
    pub code: &'a str,
    pub name: &'a str,
}

/// The list's languages, in its order; blank lines and `#` comments are skipped.
pub fn parse(list: &str) -> Result<Vec<Listed<'_>>, String> {
    let mut listed: Vec<Listed<'_>> = Vec::new();
    for (n, line) in list.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (code, name) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
        let name = name.trim();
        let at = n + 1;
        if code.is_empty() || !code.chars().all(|c| c.is_ascii_lowercase()) {
            return Err(format!(
                "line {at}: '{code}' is not a language code (lowercase letters, e.g. vi)"
            ));
        }
        if name.is_empty() {
            return Err(format!(
                "line {at}: {code} needs the language's own name after its code"
            ));
        }
        if listed.iter().any(|l| l.code == code) {
            return Err(format!("line {at}: {code} is listed twice"));
        }
        listed.push(Listed { code, name });
    }
    match listed.first() {
        Some(first) if first.code == ENGLISH => Ok(listed),
        _ => Err(format!(
            "the first language must be {ENGLISH}: the others fall back to it"
        )),
    }
}
