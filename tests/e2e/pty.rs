//! `le` in a real pseudo-terminal of a given size, its screen read back through a VT100
//! emulator: what a person at that terminal would see.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

use crate::common::Env;

pub struct Pty {
    screen: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    // Kept so the terminal stays open until the test is done with it.
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Pty {
    /// Runs `program args…` in a terminal of `rows` × `cols`, with the test's isolated
    /// environment plus `vars`.
    pub fn run(
        env: &Env,
        program: &str,
        args: &[&str],
        vars: &[(&str, &str)],
        rows: u16,
        cols: u16,
    ) -> Pty {
        Pty::run_as(env, program, args, vars, rows, cols, None)
    }

    /// As `run`, answering the program's questions about the terminal's background
    /// colour (OSC 11, then DA1) as a terminal with that background would, e.g.
    /// `ffff/ffff/ffff` for white.
    pub fn run_as(
        env: &Env,
        program: &str,
        args: &[&str],
        vars: &[(&str, &str)],
        rows: u16,
        cols: u16,
        background: Option<&'static str>,
    ) -> Pty {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.env_clear();
        for (k, v) in env.vars_for_pty() {
            cmd.env(k, v);
        }
        cmd.env("TERM", "xterm-256color");
        for (k, v) in vars {
            cmd.env(k, v);
        }
        cmd.cwd(env.dir.path());
        let child = pair.slave.spawn_command(cmd).expect("spawn in the pty");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = Arc::new(Mutex::new(pair.master.take_writer().expect("pty writer")));
        // A generous scrollback: what scrolled away is kept apart from what is on screen.
        let screen = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 10_000)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (s, r, w) = (screen.clone(), raw.clone(), writer.clone());
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => return,
                    Ok(n) => {
                        let chunk = &buf[..n];
                        s.lock().unwrap().process(chunk);
                        r.lock().unwrap().extend_from_slice(chunk);
                        if let Some(bg) = background {
                            let has = |q: &[u8]| chunk.windows(q.len()).any(|x| x == q);
                            let mut w = w.lock().unwrap();
                            if has(b"\x1b]11;?") {
                                let _ = w.write_all(format!("\x1b]11;rgb:{bg}\x1b\\").as_bytes());
                            }
                            if has(b"\x1b[c") {
                                let _ = w.write_all(b"\x1b[?62;22c");
                            }
                            let _ = w.flush();
                        }
                    }
                }
            }
        });
        Pty {
            screen,
            raw,
            writer,
            child,
            _master: pair.master,
        }
    }

    /// `le ARGS…` in a terminal of `rows` × `cols`.
    pub fn le(env: &Env, args: &[&str], vars: &[(&str, &str)], rows: u16, cols: u16) -> Pty {
        Pty::run(env, crate::common::bin(), args, vars, rows, cols)
    }

    /// What is on the screen now, row by row.
    pub fn screen(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// The rows of the screen now, each as wide as the terminal.
    pub fn rows(&self) -> Vec<String> {
        let p = self.screen.lock().unwrap();
        let (_, cols) = p.screen().size();
        p.screen().rows(0, cols).collect()
    }

    /// Everything the program wrote, escape sequences included.
    pub fn raw(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    pub fn with_screen<T>(&self, f: impl FnOnce(&vt100::Screen) -> T) -> T {
        f(self.screen.lock().unwrap().screen())
    }

    /// Waits until the screen shows `text`.
    pub fn wait_for(&self, text: &str, limit: Duration) -> bool {
        let end = Instant::now() + limit;
        while Instant::now() < end {
            if self.screen().contains(text) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        self.screen().contains(text)
    }

    /// Waits until what the program wrote contains `text` (scrolled away or not).
    pub fn wait_for_output(&self, text: &str, limit: Duration) -> bool {
        let end = Instant::now() + limit;
        loop {
            if String::from_utf8_lossy(&self.raw()).contains(text) {
                return true;
            }
            if Instant::now() >= end {
                return false;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Sends the program a signal (`TERM`, `HUP`…), as `kill -SIGNAL` would.
    pub fn signal(&self, name: &str) {
        let pid = self.child.process_id().expect("a running program");
        // The shell's builtin kill: no procps needed on a bare CI machine.
        let ok = std::process::Command::new("sh")
            .args(["-c", &format!("kill -{name} {pid}")])
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "kill -{name} {pid}");
    }

    pub fn send(&mut self, bytes: &[u8]) {
        let mut w = self.writer.lock().unwrap();
        w.write_all(bytes).unwrap();
        w.flush().unwrap();
    }

    /// The exit code, if it has exited; it is left running otherwise.
    pub fn exited(&mut self) -> Option<u32> {
        match self.child.try_wait() {
            Ok(Some(status)) => {
                std::thread::sleep(Duration::from_millis(200));
                Some(status.exit_code())
            }
            _ => None,
        }
    }

    /// The exit code, waiting up to `limit`; `None` if it is still running (it is then
    /// killed).
    pub fn wait(&mut self, limit: Duration) -> Option<u32> {
        let end = Instant::now() + limit;
        while Instant::now() < end {
            if let Ok(Some(status)) = self.child.try_wait() {
                // Let the reader drain what was written last.
                std::thread::sleep(Duration::from_millis(200));
                return Some(status.exit_code());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        None
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// The colours a terminal shows text in by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    /// Light text on a dark background, the usual terminal.
    Dark,
    /// Dark text on a light background.
    Light,
}

impl Pty {
    /// The QR code on the screen, decoded as a phone would: each character cell is two
    /// pixels (its top and bottom half), each dark or light by the colours the cell is
    /// drawn in on a terminal of `theme`.
    pub fn qr(&self, theme: Theme) -> Option<String> {
        self.with_screen(|screen| decode_screen(screen, theme))
    }
}

fn is_light(c: vt100::Color, fg: bool, theme: Theme) -> bool {
    match c {
        vt100::Color::Default => (theme == Theme::Dark) == fg,
        vt100::Color::Idx(i) => matches!(i, 7 | 15) || (i >= 9 && i != 8 && i < 16),
        vt100::Color::Rgb(r, g, b) => u32::from(r) + u32::from(g) + u32::from(b) > 3 * 128,
    }
}

pub fn decode_screen(screen: &vt100::Screen, theme: Theme) -> Option<String> {
    let (rows, cols) = screen.size();
    let (rows, cols) = (usize::from(rows), usize::from(cols));
    // Pixels: true is dark.
    let mut px = vec![vec![false; cols]; rows * 2];
    #[allow(clippy::needless_range_loop)]
    for r in 0..rows {
        for c in 0..cols {
            let Some(cell) = screen.cell(r as u16, c as u16) else {
                continue;
            };
            let (mut fg, mut bg) = (
                !is_light(cell.fgcolor(), true, theme),
                !is_light(cell.bgcolor(), false, theme),
            );
            if cell.inverse() {
                std::mem::swap(&mut fg, &mut bg);
            }
            let (top, bottom) = match cell.contents() {
                "█" => (fg, fg),
                "▀" => (fg, bg),
                "▄" => (bg, fg),
                _ => (bg, bg),
            };
            px[2 * r][c] = top;
            px[2 * r + 1][c] = bottom;
        }
    }
    // Scaled up and bordered with light, so the finder patterns stand out.
    let scale = 4;
    let border = 8;
    let (w, h) = (cols * scale + 2 * border, rows * 2 * scale + 2 * border);
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| {
        if x < border || y < border || x >= w - border || y >= h - border {
            return 255;
        }
        if px[(y - border) / scale][(x - border) / scale] {
            0
        } else {
            255
        }
    });
    img.detect_grids()
        .into_iter()
        .find_map(|g| g.decode().ok().map(|(_, text)| text))
}
