//! The structure that makes the trust promises hold: one writer for the terminal, no
//! command reaching into another, settings and the key read once, stdin claimed once,
//! and a login prompt that gives the terminal back.

use std::time::Duration;

use crate::common::*;
use crate::pty::Pty;

fn sources(dir: &std::path::Path, out: &mut Vec<(std::path::PathBuf, String)>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push((p.clone(), std::fs::read_to_string(&p).unwrap()));
        }
    }
}

#[test]
fn only_the_output_module_writes_to_the_terminal_and_no_command_imports_another_or_app() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&root, &mut files);
    let mut wrong = Vec::new();
    for (path, text) in &files {
        let rel = path
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let render = rel.starts_with("render/");
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for writer in [
                "eprintln!",
                "eprint!",
                "println!",
                "print!(",
                "std::io::stdout",
                "std::io::stderr",
                "console::Term",
            ] {
                if !render && code.contains(writer) {
                    wrong.push(format!("{rel}:{}: {writer}", n + 1));
                }
            }
            // app.rs parses, dispatches and shows a dry run: nothing climbs back to it.
            if rel != "main.rs" && rel != "lib.rs" && code.contains("crate::app") {
                wrong.push(format!(
                    "{rel}:{}: climbs back to app.rs: {}",
                    n + 1,
                    line.trim()
                ));
            }
            // Hints are composed with invocation::le(); no placeholder is filled later in
            // text that may hold a server's words.
            if code.contains("{{le}}") || code.contains("replace(\"{le}\"") {
                wrong.push(format!("{rel}:{}: a {{le}} placeholder", n + 1));
            }
            if rel.starts_with("commands/")
                && code.contains("super::")
                && !code.contains("super::super")
            {
                wrong.push(format!(
                    "{rel}:{}: a command importing another: {}",
                    n + 1,
                    line.trim()
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_key_is_read_once_per_run() {
    let env = Env::new();
    let server = Scripted::always(Step::json(
        404,
        r#"{"code":"SETTLEMENT_NOT_FOUND","message":"no"}"#,
    ));
    let count = env.path("runs");
    env.write(
        "config.toml",
        &format!(
            "[profiles.p]\nbase_url = \"{}\"\napi_key_command = \"echo x >> {}; echo le_merchant_cmd0123456789\"\n",
            server.url(),
            count.display()
        ),
    );
    env.le()
        .args(["--profile", "p", "doctor"])
        .assert()
        .success();
    assert_eq!(
        std::fs::read_to_string(&count).unwrap().lines().count(),
        1,
        "the key command ran more than once"
    );
    // A key piped in works for doctor, which used to read it twice.
    env.le()
        .args(["--base-url", &server.url(), "--api-key-file", "-", "doctor"])
        .write_stdin("le_merchant_piped0123456789\n")
        .assert()
        .success();
}

#[test]
fn two_things_that_want_stdin_are_told_so() {
    let env = Env::new();
    let out = env
        .le()
        .args([
            "--base-url",
            "https://api.lightningenable.com",
            "--api-key-file",
            "-",
            "create",
            "--from",
            "-",
        ])
        .write_stdin("order,amount,currency\nS-1,1,USD\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("both want to read stdin"),
        "{}",
        stderr_of(&out)
    );
}

#[test]
fn ctrl_c_at_the_key_prompt_exits_130_and_gives_the_terminal_its_echo_back() {
    let env = Env::new();
    let script = format!(
        "{} --base-url https://api.lightningenable.com login; echo \"EXIT=$?\"; stty -a",
        bin()
    );
    let mut pty = Pty::run(&env, "sh", &["-c", &script], &[], 24, 100);
    assert!(
        pty.wait_for("(not shown)", Duration::from_secs(20)),
        "{}",
        pty.screen()
    );
    pty.send(b"le_mer");
    std::thread::sleep(Duration::from_millis(300));
    assert!(!pty.screen().contains("le_mer"), "the key was echoed");
    pty.send(b"\x03");
    assert!(
        pty.wait_for("EXIT=130", Duration::from_secs(20)),
        "{}",
        pty.screen()
    );
    pty.wait(Duration::from_secs(10));
    let screen = pty.screen();
    let stty = screen.split("EXIT=130").nth(1).unwrap_or_default();
    assert!(
        stty.split_whitespace().any(|w| w == "echo"),
        "echo is still off after Ctrl-C:\n{screen}"
    );
    assert!(!env.path("config.toml").exists(), "nothing was stored");
}
