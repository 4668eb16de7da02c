//! Completions and the man page come from the parser itself; the committed completions
//! must match what the binary generates.

use crate::common::*;

const SHELLS: [(&str, &str); 5] = [
    ("bash", "le.bash"),
    ("zsh", "_le"),
    ("fish", "le.fish"),
    ("powershell", "_le.ps1"),
    ("elvish", "le.elv"),
];

#[test]
fn committed_completions_are_current() {
    let env = Env::new();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("completions");
    let update = std::env::var_os("LE_UPDATE_COMPLETIONS").is_some();
    let mut stale = Vec::new();
    for (shell, file) in SHELLS {
        let out = env.le().args(["completions", shell]).output().unwrap();
        assert!(out.status.success());
        assert!(!out.stdout.is_empty());
        let path = dir.join(file);
        if update {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &out.stdout).unwrap();
        } else if std::fs::read(&path).ok().as_deref() != Some(&out.stdout[..]) {
            stale.push(file);
        }
    }
    assert!(
        stale.is_empty(),
        "completions/{stale:?} are stale: run `LE_UPDATE_COMPLETIONS=1 cargo test committed_completions` and commit"
    );
}

#[test]
fn man_page_names_every_command() {
    let env = Env::new();
    let out = env.le().arg("man").output().unwrap();
    assert!(out.status.success());
    let text = stdout_of(&out);
    assert!(
        text.starts_with(".ie") || text.contains(".TH"),
        "roff: {}",
        &text[..80.min(text.len())]
    );
    for cmd in ["create", "get\\-order", "watch", "sandbox", "completions"] {
        assert!(text.contains(cmd), "man page lacks {cmd}");
    }
}

#[test]
fn help_and_version() {
    let env = Env::new();
    env.le()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicates::str::contains("--sandbox"));
    env.le()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicates::str::contains(env!("CARGO_PKG_VERSION")));
    env.le().arg("frobnicate").assert().code(2);
}
