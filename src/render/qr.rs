//! The invoice as a QR code: `lightning:` + the invoice in upper case, which fits the QR
//! alphanumeric mode and gives a smaller, easier to scan code.
//!
//! On a terminal the code is drawn with half blocks, two modules to a character cell, so
//! its modules are square. A scanner needs dark modules on a light ground, with a light
//! margin around: with colour that is explicit black on white, whatever the terminal's
//! theme; without colour, the blocks are drawn in the terminal's own text colour, so
//! which modules get blocks depends on whether that colour is dark (a light theme) or
//! light (a dark theme). `le` asks the terminal when it can.

use std::path::Path;

use qrcode::render::svg;
use qrcode::{Color, EcLevel, QrCode};

use super::Screen;

/// What the code encodes, per BOLT11's advice for QR codes.
pub fn payload(invoice: &str) -> String {
    format!("lightning:{invoice}").to_ascii_uppercase()
}

fn code(invoice: &str) -> Result<QrCode, String> {
    QrCode::with_error_correction_level(payload(invoice).as_bytes(), EcLevel::L)
        .map_err(|e| format!("cannot make a QR code of this invoice: {e}"))
}

/// The light margin the QR standard asks for, in modules.
pub const MARGIN: usize = 4;

/// How the blocks of the code are inked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ink {
    /// Black on white with colour codes, whatever the terminal's theme.
    Color,
    /// Dark modules as blocks: for paper, files and light terminals.
    Dark,
    /// Light modules (and the margin) as blocks: for the usual light-on-dark terminal.
    Light,
}

/// The size of a code on a terminal, margin included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    pub cols: usize,
    pub rows: usize,
}

/// How many columns and rows the code of `invoice` takes on a terminal.
pub fn size(invoice: &str) -> Result<Size, String> {
    let n = code(invoice)?.width() + 2 * MARGIN;
    Ok(Size {
        cols: n,
        rows: n.div_ceil(2),
    })
}

/// The code drawn with half blocks, two modules per character, margin included; each
/// line ends in a line break.
pub fn terminal(invoice: &str, ink: Ink) -> Result<Screen, String> {
    let c = code(invoice)?;
    let w = c.width();
    let n = w + 2 * MARGIN;
    let modules = c.to_colors();
    // Dark or not, margin included.
    let dark = |x: usize, y: usize| {
        if x < MARGIN || y < MARGIN || x >= MARGIN + w || y >= MARGIN + w {
            return false;
        }
        modules[(y - MARGIN) * w + (x - MARGIN)] == Color::Dark
    };
    let mut s = String::with_capacity(n * n * 2);
    for row in 0..n.div_ceil(2) {
        if ink == Ink::Color {
            s.push_str("\x1b[30;107m");
        }
        for x in 0..n {
            let top = dark(x, 2 * row);
            let bottom = 2 * row + 1 < n && dark(x, 2 * row + 1);
            // Which half gets the block: the dark modules with dark ink, the light ones
            // with light ink. Past the last row (an odd count), nothing is drawn.
            let (t, b) = match ink {
                Ink::Color | Ink::Dark => (top, bottom),
                Ink::Light => (!top, 2 * row + 1 < n && !bottom),
            };
            s.push(match (t, b) {
                (true, true) => '█',
                (true, false) => '▀',
                (false, true) => '▄',
                (false, false) => ' ',
            });
        }
        if ink == Ink::Color {
            s.push_str("\x1b[0m");
        }
        s.push('\n');
    }
    Ok(Screen::new(s))
}

/// Writes the code as an SVG file, whole or not at all.
pub fn write_svg(invoice: &str, path: &Path) -> Result<(), String> {
    let image = svg_text(invoice, 320)?;
    crate::files::write_atomic(path, image.as_bytes(), crate::files::Mode::Shared)
        .map_err(|e| format!("cannot write the QR code to {}: {e}", path.display()))
}

/// The code as SVG text, at least `min` pixels square, black on white with its margin.
pub fn svg_text(invoice: &str, min: u32) -> Result<String, String> {
    Ok(code(invoice)?
        .render::<svg::Color<'_>>()
        .min_dimensions(min, min)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .quiet_zone(true)
        .build())
}

/// The terminal's theme, when it says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    Dark,
    Light,
}

/// Asks the terminal whether its background is dark or light (OSC 11). Only for a
/// terminal that understands escape sequences; `None` when it does not answer in time.
pub fn ask_theme() -> Option<Theme> {
    if std::env::var("TERM").is_ok_and(|t| t == "dumb") {
        return None;
    }
    let mut o = terminal_colorsaurus::QueryOptions::default();
    o.timeout = std::time::Duration::from_millis(300);
    // The background alone says it; asking for the text colour too would fail on
    // terminals that answer only this.
    let bg = terminal_colorsaurus::background_color(o).ok()?;
    Some(if bg.perceived_lightness() < 0.5 {
        Theme::Dark
    } else {
        Theme::Light
    })
}

/// How to ink a code for a stream, and whether that is a guess the person should know
/// about: colour when allowed; for a file or a printer, dark; for a terminal without
/// colour, what `LE_QR_INK` (`dark` or `light`) or the terminal itself says, else light
/// ink for the common dark theme, as a guess.
pub fn choose_ink(color: bool, tty: bool) -> (Ink, bool) {
    if color {
        return (Ink::Color, false);
    }
    if !tty {
        return (Ink::Dark, false);
    }
    match std::env::var("LE_QR_INK").ok().as_deref() {
        Some("dark") => return (Ink::Dark, false),
        Some("light") => return (Ink::Light, false),
        _ => {}
    }
    match ask_theme() {
        Some(Theme::Light) => (Ink::Dark, false),
        Some(Theme::Dark) => (Ink::Light, false),
        None => (Ink::Light, true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payload_is_upper_case_uri() {
        assert_eq!(payload("lnbcrt1abc"), "LIGHTNING:LNBCRT1ABC");
    }

    #[test]
    fn inks_and_sizes() {
        let inv = "lnbcrt1".repeat(40);
        let sz = size(&inv).unwrap();
        let dark = terminal(&inv, Ink::Dark).unwrap();
        let light = terminal(&inv, Ink::Light).unwrap();
        assert_eq!(dark.lines(), sz.rows);
        assert_eq!(
            dark.as_str().lines().next().unwrap().chars().count(),
            sz.cols
        );
        // The margin is light: blank with dark ink, solid with light ink.
        assert!(dark.as_str().lines().next().unwrap().trim().is_empty());
        assert!(
            light
                .as_str()
                .lines()
                .next()
                .unwrap()
                .chars()
                .all(|c| c == '█')
        );
    }
}
