//! Completions and the man page come from the parser itself; the committed completions
//! must match what the binary generates. The documentation stands alone: its relative
//! links resolve, and no file of the repository points at material outside it.

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

/// The README and docs/*.md, the documentation a reader follows link by link.
fn documentation_files() -> Vec<std::path::PathBuf> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![root.join("README.md")];
    let mut docs: Vec<_> = std::fs::read_dir(root.join("docs"))
        .expect("docs/ exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    docs.sort();
    files.extend(docs);
    files
}

/// The lines of Markdown outside fenced code blocks, with their line numbers.
fn prose_lines(text: &str) -> Vec<(usize, String)> {
    let mut fenced = false;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if !fenced {
            out.push((n + 1, line.to_owned()));
        }
    }
    out
}

/// A line without its `code spans`, where brackets are not links.
fn without_code(line: &str) -> String {
    let mut out = String::new();
    for (i, part) in line.split('`').enumerate() {
        if i % 2 == 0 {
            out.push_str(part);
        }
    }
    out
}

/// The targets of `[text](target)` and `[label]: target` links.
fn link_targets(line: &str) -> Vec<String> {
    let line = without_code(line);
    let mut targets = Vec::new();
    let mut rest = line.as_str();
    while let Some(i) = rest.find("](") {
        let after = &rest[i + 2..];
        let end = after.find(')').unwrap_or(after.len());
        let target = after[..end].split_whitespace().next().unwrap_or("");
        targets.push(target.trim_matches(['<', '>']).to_owned());
        rest = &after[end..];
    }
    let t = line.trim_start();
    if t.starts_with('[')
        && let Some(i) = t.find("]:")
    {
        targets.push(
            t[i + 2..]
                .split_whitespace()
                .next()
                .unwrap_or("")
                .to_owned(),
        );
    }
    targets
}

/// The anchors GitHub gives a Markdown file's headings: lower case, punctuation dropped,
/// spaces as `-`, a repeated heading numbered.
fn heading_anchors(text: &str) -> Vec<String> {
    let mut anchors: Vec<String> = Vec::new();
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (_, line) in prose_lines(text) {
        let t = line.trim_start();
        let level = t.chars().take_while(|c| *c == '#').count();
        if level == 0 || level > 6 || !t[level..].starts_with(' ') {
            continue;
        }
        let slug: String = t[level..]
            .trim()
            .to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '-' || *c == '_')
            .map(|c| if c == ' ' { '-' } else { c })
            .collect();
        let n = seen.entry(slug.clone()).or_insert(0);
        anchors.push(if *n == 0 { slug } else { format!("{slug}-{n}") });
        *n += 1;
    }
    anchors
}

#[test]
fn every_relative_link_in_the_documentation_resolves() {
    let mut broken = Vec::new();
    let mut checked = 0;
    for file in documentation_files() {
        let text = std::fs::read_to_string(&file).unwrap();
        let dir = file.parent().unwrap();
        for (n, line) in prose_lines(&text) {
            for target in link_targets(&line) {
                if target.is_empty() || target.contains("://") || target.starts_with("mailto:") {
                    continue;
                }
                checked += 1;
                let (path, anchor) = target.split_once('#').unwrap_or((&target, ""));
                let dest = if path.is_empty() {
                    file.clone()
                } else {
                    dir.join(path)
                };
                let at = format!("{}:{n}: {target}", file.display());
                if !dest.exists() {
                    broken.push(format!("{at} (no such file)"));
                    continue;
                }
                if !anchor.is_empty() && dest.extension().is_some_and(|x| x == "md") {
                    let anchors = heading_anchors(&std::fs::read_to_string(&dest).unwrap());
                    if !anchors.iter().any(|a| a == anchor) {
                        broken.push(format!("{at} (no heading with that anchor)"));
                    }
                }
            }
        }
    }
    assert!(
        checked > 20,
        "only {checked} relative links found: is the parser right?"
    );
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn the_anchor_rules_are_github_s() {
    let anchors = heading_anchors(
        "# le\n## AI assistants: `le mcp`\n```sh\n# not a heading\n```\n## `--dry-run` and `--curl`\n### Exit codes\n## Exit codes\n",
    );
    assert_eq!(
        anchors,
        [
            "le",
            "ai-assistants-le-mcp",
            "--dry-run-and---curl",
            "exit-codes",
            "exit-codes-1"
        ]
    );
    assert_eq!(
        link_targets("see [a](docs/a.md#x) and `[b](not/a/link)` or [c](<c.md> \"t\")"),
        ["docs/a.md#x", "c.md"]
    );
}

/// The files of the repository: what git tracks, or, outside a git checkout, every file
/// but build output.
fn repository_files(root: &std::path::Path) -> Vec<std::path::PathBuf> {
    let listed = std::process::Command::new("git")
        .args(["ls-files", "-z"])
        .current_dir(root)
        .output()
        .ok()
        .filter(|o| o.status.success() && !o.stdout.is_empty());
    if let Some(o) = listed {
        return o
            .stdout
            .split(|b| *b == 0)
            .filter(|p| !p.is_empty())
            .map(|p| root.join(String::from_utf8_lossy(p).as_ref()))
            .collect();
    }
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            let name = p.file_name().unwrap_or_default();
            if p.is_dir() {
                if name != "target" && name != ".git" {
                    walk(&p, out);
                }
            } else {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    walk(root, &mut out);
    out
}

#[test]
fn no_file_points_outside_the_repository() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    // Spelled in pieces, so that this file does not match itself.
    let outside = [
        concat!("..", "/shared"),
        concat!("shared/", "design.md"),
        concat!("shared/", "lightning-enable-api.md"),
        concat!("/work", "/shared"),
    ];
    let files = repository_files(root);
    assert!(files.len() > 50, "only {} files found", files.len());
    let mut found = Vec::new();
    for file in files {
        let Ok(bytes) = std::fs::read(&file) else {
            continue;
        };
        let text = String::from_utf8_lossy(&bytes);
        for (n, line) in text.lines().enumerate() {
            for o in outside {
                if line.contains(o) {
                    found.push(format!("{}:{}: {o}", file.display(), n + 1));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "the repository must stand alone; these point outside it:\n{}",
        found.join("\n")
    );
}
