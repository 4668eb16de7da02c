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
        // What packages install: the static script, which names no path of this machine.
        let out = env
            .le()
            .args(["completions", shell, "--static"])
            .output()
            .unwrap();
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

/// The committed manual pages are what `le man --out` writes, file for file.
#[test]
fn committed_man_pages_are_current() {
    let env = Env::new();
    let out_dir = env.path("man");
    let out = env
        .le()
        .args(["man", "--out"])
        .arg(&out_dir)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let committed = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("man");
    let names = |d: &std::path::Path| {
        let mut v: Vec<String> = std::fs::read_dir(d)
            .map(|r| {
                r.filter_map(|e| e.ok())
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .filter(|n| n.ends_with(".1"))
                    .collect()
            })
            .unwrap_or_default();
        v.sort();
        v
    };
    let generated = names(&out_dir);
    for page in [
        "le.1",
        "le-create.1",
        "le-watch.1",
        "le-refund-create.1",
        "le-sandbox-serve.1",
    ] {
        assert!(
            generated.iter().any(|n| n == page),
            "{page} not written: {generated:?}"
        );
    }
    if std::env::var_os("LE_UPDATE_MAN").is_some() {
        let _ = std::fs::remove_dir_all(&committed);
        std::fs::create_dir_all(&committed).unwrap();
        for n in &generated {
            std::fs::copy(out_dir.join(n), committed.join(n)).unwrap();
        }
        return;
    }
    let stale: Vec<&String> = generated
        .iter()
        .filter(|n| std::fs::read(committed.join(n)).ok() != std::fs::read(out_dir.join(n)).ok())
        .collect();
    let extra: Vec<String> = names(&committed)
        .into_iter()
        .filter(|n| !generated.contains(n))
        .collect();
    assert!(
        stale.is_empty() && extra.is_empty(),
        "man/ is stale ({stale:?} differ, {extra:?} no longer made): run `LE_UPDATE_MAN=1 cargo test committed_man_pages` and commit"
    );
}

/// `le man COMMAND` is that command's page, as `man` shows it: its synopsis, options,
/// examples, exit status, environment and files, without a warning from the formatter.
#[test]
fn a_command_has_its_own_manual_page() {
    let env = Env::new();
    let out = env.le().arg("man").output().unwrap();
    assert!(out.status.success());
    let top = stdout_of(&out);
    assert!(top.contains(".TH LE 1"), "{}", &top[..200.min(top.len())]);
    for cmd in ["le\\-create(1)", "le\\-get\\-order(1)", "le\\-sandbox(1)"] {
        assert!(top.contains(cmd), "le(1) lacks {cmd}");
    }
    let out = env.le().args(["man", "refund", "create"]).output().unwrap();
    assert!(out.status.success());
    assert!(stdout_of(&out).contains(".TH LE-REFUND-CREATE 1"));
    let out = env.le().args(["man", "frobnicate"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(&out).contains("no manual page for `le frobnicate`"));

    let page = env.write(
        "le-create.1",
        &stdout_of(&env.le().args(["man", "create"]).output().unwrap()),
    );
    if !has_program("man") {
        assert!(std::env::var_os("CI").is_none(), "CI must install man-db");
        return;
    }
    let shown = std::process::Command::new("man")
        .args(["--warnings", "-l"])
        .arg(&page)
        .env("MANWIDTH", "80")
        .output()
        .unwrap();
    assert!(shown.status.success());
    let warnings = String::from_utf8_lossy(&shown.stderr);
    assert!(warnings.trim().is_empty(), "man warns: {warnings}");
    // Bold and underline come as overstrikes (`S\bS`): keep what is left standing.
    let text = String::from_utf8_lossy(&shown.stdout)
        .chars()
        .fold(String::new(), |mut t, c| {
            if c == '\u{8}' {
                t.pop();
            } else {
                t.push(c);
            }
            t
        });
    for section in [
        "SYNOPSIS",
        "GLOBAL OPTIONS",
        "EXAMPLES",
        "EXIT STATUS",
        "ENVIRONMENT",
        "FILES",
        "SEE ALSO",
    ] {
        assert!(
            text.contains(section),
            "man le-create lacks {section}:\n{text}"
        );
    }
    assert!(text.contains("LIGHTNING_API_KEY"));
}

fn has_program(name: &str) -> bool {
    std::process::Command::new(name)
        .arg("--version")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok()
}

/// Every command's help: its own options first, the global ones under their own
/// heading, every option with a line of help, and examples at the end.
#[test]
fn every_help_keeps_global_options_apart_and_ends_with_examples() {
    let env = Env::new();
    for cmd in [
        &["create"][..],
        &["watch"],
        &["get-order"],
        &["refund", "create"],
        &["webhook", "send"],
        &["sandbox", "serve"],
        &["config", "set"],
        &["completions"],
    ] {
        let out = env.le().args(cmd).arg("-h").output().unwrap();
        assert!(out.status.success());
        let text = stdout_of(&out);
        let own = text.split("Global options:").next().unwrap();
        assert!(
            !own.contains("--base-url"),
            "le {cmd:?}: globals mixed in:\n{text}"
        );
        assert!(text.contains("Global options:"), "le {cmd:?}");
        assert!(
            text.trim_end()
                .split("Examples:")
                .nth(1)
                .is_some_and(|e| e.contains("le ")),
            "le {cmd:?}: no examples"
        );
        // An option line with nothing after its value name has no help.
        for line in text.lines().filter(|l| l.trim_start().starts_with("--")) {
            let words = line.split_whitespace().count();
            assert!(
                words > 2 || !line.contains('<') && words > 1,
                "le {cmd:?}: no help for `{}`",
                line.trim()
            );
        }
    }
    let out = env.le().args(["create", "--help"]).output().unwrap();
    assert!(
        stdout_of(&out)
            .contains("Usage: le create --order <ID> --amount <AMOUNT> --currency <CODE>")
    );
    // An environment variable's value is never shown in help (nor an empty one).
    let out = env
        .le()
        .env("LE_PROFILE", "secret-shop")
        .args(["get", "-h"])
        .output()
        .unwrap();
    let text = stdout_of(&out);
    assert!(
        text.contains("[env: LE_PROFILE]") && !text.contains("secret-shop"),
        "{text}"
    );
}

/// Tab completion in a real bash: the profile names of the config file, and the values
/// an option takes; the static script too, without profile names.
#[cfg(unix)]
#[test]
fn bash_completes_profiles_and_currencies() {
    use crate::pty::Pty;
    let env = Env::new();
    env.write(
        "config.toml",
        "default_profile = \"shop\"\n[profiles.shop]\n[profiles.till]\ncurrency = \"EUR\"\n",
    );
    if !has_program("bash") {
        return;
    }
    // `le` on PATH, as an installed one is.
    let bin_dir = env.path("bin");
    std::fs::create_dir_all(&bin_dir).unwrap();
    std::os::unix::fs::symlink(crate::common::bin(), bin_dir.join("le")).unwrap();
    let path = format!("{}:/usr/local/bin:/usr/bin:/bin", bin_dir.display());
    let mut bash = Pty::run(
        &env,
        "bash",
        &["--norc", "--noprofile", "-i"],
        &[("PATH", path.as_str()), ("PS1", "$ ")],
        24,
        80,
    );
    let long = std::time::Duration::from_secs(20);
    bash.send(b"source <(le completions bash)\n");
    bash.send(b"le --profile \t\t");
    assert!(bash.wait_for("till", long), "{}", bash.screen());
    assert!(bash.screen().contains("shop"));
    bash.send(b"\x15clear\n");
    bash.send(b"le create --currency \t\t");
    assert!(bash.wait_for("sats", long), "{}", bash.screen());
    for c in ["USD", "EUR", "GBP", "BTC"] {
        assert!(bash.screen().contains(c), "{}", bash.screen());
    }
    // Currencies are taken in any case, and completed in the case typed.
    bash.send(b"\x15clear\n");
    bash.send(b"le create --currency e\t");
    assert!(
        bash.wait_for("le create --currency eur", long),
        "{}",
        bash.screen()
    );
    bash.send(b"\x15clear; complete -r le; source <(le completions bash --static)\n");
    bash.send(b"le --network \t\t");
    assert!(bash.wait_for("regtest", long), "{}", bash.screen());
    bash.send(b"\x15clear\n");
    bash.send(b"le create --qr \t\t");
    assert!(bash.wait_for("always", long), "{}", bash.screen());
    bash.send(b"\x15exit\n");
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

/// The README's way to the manual pages, as a person follows it: `le` in
/// `~/.local/bin`, `le man --out ~/.local/share/man/man1`, then `man le-create` with no
/// MANPATH set finds the page.
#[test]
fn man_le_create_works_after_the_readme_s_install_steps() {
    if !has_program("man") {
        assert!(std::env::var_os("CI").is_none(), "CI must install man-db");
        return;
    }
    let env = Env::new();
    let home = env.path("home");
    let bin = home.join(".local/bin");
    std::fs::create_dir_all(&bin).unwrap();
    std::fs::copy(crate::common::bin(), bin.join("le")).unwrap();
    let path = format!("{}:/usr/local/bin:/usr/bin:/bin", bin.display());
    let out = std::process::Command::new(bin.join("le"))
        .args(["man", "--out"])
        .arg(home.join(".local/share/man/man1"))
        .env("HOME", &home)
        .env("PATH", &path)
        .env("LE_CONFIG", env.path("none.toml"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(stderr_of(&out).contains("`man le-create` reads them"));
    let found = std::process::Command::new("man")
        .args(["-w", "le-create"])
        .env_remove("MANPATH")
        .env("HOME", &home)
        .env("PATH", &path)
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&found.stdout)
            .trim()
            .ends_with(".local/share/man/man1/le-create.1"),
        "{}{}",
        String::from_utf8_lossy(&found.stdout),
        String::from_utf8_lossy(&found.stderr)
    );
}
