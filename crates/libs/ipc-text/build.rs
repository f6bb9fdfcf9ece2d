//! Builds the Fluent files in: every language listed in `locales/languages.txt` and every
//! `.ftl` file of its folder, checked here (a syntax error fails the build, with its line).
//! From the English files it writes the table `t!` checks its ids and arguments against, so
//! an id the code uses that English lacks, or a wrong argument name, is a compile error.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[path = "src/syntax.rs"]
#[allow(dead_code)]
mod syntax;

#[path = "src/languages.rs"]
#[allow(dead_code)]
mod languages;

fn main() {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let locales = root.join("locales");
    println!("cargo::rerun-if-changed={}", locales.display());
    let list_path = locales.join("languages.txt");
    let list = std::fs::read_to_string(&list_path)
        .unwrap_or_else(|e| fail(&format!("{}: {e}", list_path.display())));
    let listed =
        languages::parse(&list).unwrap_or_else(|e| fail(&format!("{}: {e}", list_path.display())));
    for folder in folders(&locales) {
        if !listed.iter().any(|l| l.code == folder) {
            fail(&format!(
                "locales/{folder}/ is not in locales/languages.txt: add a line for it"
            ));
        }
    }

    let mut sources = String::new();
    let mut index = String::new();
    let mut problems = Vec::new();
    let mut english = Vec::new();
    for language in &listed {
        let files = ftl_files(&locales.join(language.code));
        if files.is_empty() {
            problems.push(format!("locales/{}/ has no .ftl file", language.code));
        }
        // Each message id of the language with the position of the file that declares it:
        // a program then parses only the files whose messages it prints.
        let mut ids: Vec<(String, usize)> = Vec::new();
        for (position, file) in files.iter().enumerate() {
            let name = file
                .file_name()
                .and_then(|n| n.to_str())
                .expect("a UTF-8 file name")
                .to_string();
            let shown = format!("locales/{}/{name}", language.code);
            let text =
                std::fs::read_to_string(file).unwrap_or_else(|e| fail(&format!("{shown}: {e}")));
            match syntax::messages(&shown, &text) {
                Ok(declared) => {
                    ids.extend(declared.iter().map(|d| (d.id.clone(), position)));
                    if language.code == languages::ENGLISH {
                        english.extend(declared);
                    }
                }
                Err(found) => problems.extend(found),
            }
            writeln!(
                sources,
                "    ({:?}, {:?}, include_str!({:?})),",
                language.code,
                name,
                file.display().to_string()
            )
            .expect("writing to a String");
        }
        ids.sort();
        for pair in ids.windows(2) {
            if pair[0].0 == pair[1].0 {
                problems.push(format!(
                    "locales/{}: {} is defined in two files",
                    language.code, pair[0].0
                ));
            }
        }
        writeln!(index, "    &[").expect("writing to a String");
        for (id, position) in &ids {
            writeln!(index, "        ({id:?}, {position}),").expect("writing to a String");
        }
        writeln!(index, "    ],").expect("writing to a String");
    }
    if !problems.is_empty() {
        fail(&problems.join("\n"));
    }

    let mut out = String::new();
    writeln!(out, "/// `locales/languages.txt`, built in.").unwrap();
    writeln!(
        out,
        "pub(crate) const LANGUAGE_LIST: &str = include_str!({:?});",
        list_path.display().to_string()
    )
    .unwrap();
    writeln!(
        out,
        "/// Every listed language's Fluent files: (language, file name, text)."
    )
    .unwrap();
    writeln!(
        out,
        "pub(crate) const SOURCES: &[(&str, &str, &str)] = &[\n{sources}];"
    )
    .unwrap();
    writeln!(
        out,
        "/// Per language, in the list's order: each message id, sorted, with the position of \
         its file among that language's SOURCES."
    )
    .unwrap();
    writeln!(
        out,
        "pub(crate) const INDEX: &[&[(&str, usize)]] = &[\n{index}];"
    )
    .unwrap();
    writeln!(
        out,
        "/// The English messages and their variables: what `t!` and `id!` check against."
    )
    .unwrap();
    writeln!(
        out,
        "#[doc(hidden)]\npub const __DECLARED: &[(&str, &[&str])] = &["
    )
    .unwrap();
    for message in &english {
        writeln!(out, "    ({:?}, &{:?}),", message.id, message.variables).unwrap();
    }
    writeln!(out, "];").unwrap();
    let dest = PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo")).join("locales.rs");
    std::fs::write(&dest, out).unwrap_or_else(|e| fail(&format!("{}: {e}", dest.display())));
}

/// The language folders under `locales/`.
fn folders(locales: &Path) -> Vec<String> {
    let mut found: Vec<String> = std::fs::read_dir(locales)
        .unwrap_or_else(|e| fail(&format!("{}: {e}", locales.display())))
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    found.sort();
    found
}

/// A folder's `.ftl` files, sorted so that the build is the same everywhere.
fn ftl_files(folder: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ftl"))
        .collect();
    files.sort();
    files
}

fn fail(what: &str) -> ! {
    eprintln!("ipc-text: the locales are not right:\n{what}");
    std::process::exit(1);
}
