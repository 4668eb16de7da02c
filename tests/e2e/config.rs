//! Where the key and the base URL come from, and what happens when they are missing or bad.

use predicates::prelude::*;

use crate::common::*;

fn key_seen(
    env: &Env,
    server: &Scripted,
    setup: impl FnOnce(&mut assert_cmd::Command),
) -> Option<String> {
    let mut c = env.le();
    c.args(["--json", "get", "inv_1"]);
    setup(&mut c);
    let before = server.seen().len();
    let out = c.output().unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    server.seen()[before..]
        .first()?
        .header("x-api-key")
        .map(str::to_owned)
}

#[test]
fn key_precedence_flag_env_profile() {
    let env = Env::new();
    let server = Scripted::always(Step::json(200, &payment_body("inv_1", "paid")));
    let file_key = env.write("file.key", "key-from-file\n");
    let profile_key = env.write("profile.key", "key-from-profile");
    env.write(
        "config.toml",
        &format!(
            "default_profile = \"p\"\n[profiles.p]\nbase_url = \"{}\"\napi_key_file = \"{}\"\n",
            server.url(),
            profile_key.display()
        ),
    );
    assert_eq!(
        key_seen(&env, &server, |_| {}).as_deref(),
        Some("key-from-profile")
    );
    assert_eq!(
        key_seen(&env, &server, |c| {
            c.env("LIGHTNING_API_KEY", "key-from-env");
        })
        .as_deref(),
        Some("key-from-env")
    );
    assert_eq!(
        key_seen(&env, &server, |c| {
            c.env("LIGHTNING_API_KEY", "key-from-env")
                .arg("--api-key-file")
                .arg(&file_key);
        })
        .as_deref(),
        Some("key-from-file")
    );
    assert_eq!(
        key_seen(&env, &server, |c| {
            c.args(["--api-key-file", "-"])
                .write_stdin("key-from-stdin\n");
        })
        .as_deref(),
        Some("key-from-stdin")
    );
}

#[test]
fn profiles_key_env_and_key_command() {
    let env = Env::new();
    let server = Scripted::always(Step::json(200, &payment_body("inv_1", "paid")));
    env.write(
        "config.toml",
        &format!(
            "[profiles.a]\nbase_url = \"{0}\"\napi_key_env = \"MY_KEY\"\n[profiles.b]\nbase_url = \"{0}\"\napi_key_command = \"echo key-from-command\"\n",
            server.url()
        ),
    );
    assert_eq!(
        key_seen(&env, &server, |c| {
            c.args(["--profile", "a"]).env("MY_KEY", "key-from-my-env");
        })
        .as_deref(),
        Some("key-from-my-env")
    );
    assert_eq!(
        key_seen(&env, &server, |c| {
            c.env("LE_PROFILE", "b");
        })
        .as_deref(),
        Some("key-from-command")
    );
    env.le()
        .args(["--profile", "a", "get", "inv_1"])
        .assert()
        .code(4)
        .stderr(predicate::str::contains("$MY_KEY, which is not set"));
}

#[test]
fn base_url_flag_beats_env_beats_profile() {
    let env = Env::new();
    let flag = Scripted::always(Step::json(200, &payment_body("inv_1", "paid")));
    let envs = Scripted::always(Step::json(200, &payment_body("inv_1", "paid")));
    let profile = Scripted::always(Step::json(200, &payment_body("inv_1", "paid")));
    env.write(
        "config.toml",
        &format!(
            "default_profile = \"p\"\n[profiles.p]\nbase_url = \"{}\"\n",
            profile.url()
        ),
    );
    let run = |c: &mut assert_cmd::Command| {
        c.env("LIGHTNING_API_KEY", TEST_KEY)
            .args(["get", "inv_1", "--json"])
            .assert()
            .success();
    };
    run(&mut env.le());
    run(env.le().env("LE_BASE_URL", envs.url()));
    run(env
        .le()
        .env("LE_BASE_URL", envs.url())
        .args(["--base-url", &flag.url()]));
    assert_eq!(
        (flag.seen().len(), envs.seen().len(), profile.seen().len()),
        (1, 1, 1)
    );
}

#[test]
fn a_sandbox_profile_needs_no_key() {
    let env = Env::new();
    env.write(
        "config.toml",
        "default_profile = \"sb\"\n[profiles.sb]\nbase_url = \"sandbox\"\n",
    );
    env.le()
        .args([
            "--json",
            "create",
            "--order",
            "PROF-1",
            "--amount",
            "1",
            "--currency",
            "USD",
        ])
        .assert()
        .success();
}

#[test]
fn no_key_says_how_to_provide_one() {
    let env = Env::new();
    env.le().args(["get", "inv_1"]).assert().code(4).stderr(
        predicate::str::contains("LIGHTNING_API_KEY")
            .and(predicate::str::contains("--api-key-file"))
            .and(predicate::str::contains("le --sandbox")),
    );
    env.le()
        .args(["get", "inv_1", "--json"])
        .assert()
        .code(4)
        .stderr(predicate::str::contains("\"code\":\"API_KEY_ERROR\""));
}

#[test]
fn key_file_problems_exit_4() {
    let env = Env::new();
    let empty = env.write("empty.key", "\n");
    env.le()
        .arg("--api-key-file")
        .arg(&empty)
        .args(["get", "inv_1"])
        .assert()
        .code(4)
        .stderr(predicate::str::contains("is empty"));
    env.le()
        .args(["--api-key-file", "/nonexistent/key", "get", "inv_1"])
        .assert()
        .code(4)
        .stderr(predicate::str::contains("/nonexistent/key"));
}

#[test]
fn a_key_file_readable_by_others_gets_a_warning() {
    let env = Env::new();
    let server = Scripted::always(Step::json(200, &payment_body("inv_1", "paid")));
    let key = env.write("open.key", "k");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o644)).unwrap();
    }
    env.le()
        .arg("--api-key-file")
        .arg(&key)
        .args(["--base-url", &server.url(), "get", "inv_1", "--json"])
        .assert()
        .success()
        .stderr(predicate::str::contains("chmod 600"));
}

#[test]
fn bad_config_files_exit_2() {
    let env = Env::new();
    for (text, says) in [
        ("this is = = not toml", "not valid"),
        ("[profiles.p]\nbase_ur = \"https://x\"\n", "unknown field"),
        ("colour = true\n", "unknown field"),
        ("default_profile = \"ghost\"\n", "no [profiles.ghost]"),
    ] {
        env.write("config.toml", text);
        env.le()
            .env("LIGHTNING_API_KEY", TEST_KEY)
            .args(["get", "inv_1"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(says));
    }
    env.write("config.toml", "[profiles.real]\n");
    env.le()
        .env("LIGHTNING_API_KEY", TEST_KEY)
        .args(["--profile", "missing", "get", "inv_1"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("no profile named 'missing'")
                .and(predicate::str::contains("real")),
        );
}

#[test]
fn keys_never_travel_over_plain_http_to_other_hosts() {
    let env = Env::new();
    env.le()
        .env("LIGHTNING_API_KEY", TEST_KEY)
        .args(["--base-url", "http://example.com", "get", "inv_1"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("only over https"));
}

#[test]
fn config_example_is_accepted() {
    let env = Env::new();
    let example =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/config.example.toml"))
            .unwrap();
    env.write("config.toml", &example);
    // The example's "sandbox" profile works as documented.
    env.le()
        .args([
            "--profile",
            "sandbox",
            "--json",
            "create",
            "--order",
            "EX-1",
            "--amount",
            "1",
            "--currency",
            "USD",
        ])
        .assert()
        .success();
}
