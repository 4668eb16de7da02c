//! The invoice as a QR code: `lightning:` + the invoice in upper case, which fits the QR
//! alphanumeric mode and gives a smaller, easier to scan code.

use std::path::Path;

use qrcode::render::{svg, unicode};
use qrcode::{EcLevel, QrCode};

use super::Screen;

/// What the code encodes, per BOLT11's advice for QR codes.
pub fn payload(invoice: &str) -> String {
    format!("lightning:{invoice}").to_ascii_uppercase()
}

fn code(invoice: &str) -> Result<QrCode, String> {
    QrCode::with_error_correction_level(payload(invoice).as_bytes(), EcLevel::L)
        .map_err(|e| format!("cannot make a QR code of this invoice: {e}"))
}

/// Columns a terminal needs for the code, quiet zone included.
pub fn width(code: &QrCode) -> usize {
    code.width() + 8
}

/// How the blocks of the code are inked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ink {
    /// Black on white with colour codes, whatever the terminal's theme.
    Color,
    /// Dark modules as blocks: for paper, files and light backgrounds.
    Dark,
    /// Light modules as blocks: dark-on-light on the usual light-on-dark terminal.
    Light,
}

impl Ink {
    /// Colour when allowed; without it, the usual dark terminal gets light ink and
    /// anything that is not a terminal (a file, a receipt printer) gets dark ink.
    pub fn choose(color: bool, tty: bool) -> Ink {
        match (color, tty) {
            (true, _) => Ink::Color,
            (false, true) => Ink::Light,
            (false, false) => Ink::Dark,
        }
    }
}

/// Columns of the terminal on stdout, when it is one.
pub fn terminal_columns() -> Option<usize> {
    console::Term::stdout()
        .size_checked()
        .map(|(_rows, cols)| cols as usize)
}

/// The code drawn with half blocks, two modules per line.
pub fn terminal(invoice: &str, ink: Ink, columns: Option<usize>) -> Result<Screen, String> {
    let color = ink == Ink::Color;
    let c = code(invoice)?;
    let need = width(&c);
    if let Some(cols) = columns
        && cols < need
    {
        return Err(format!(
            "the terminal is {cols} columns wide and the QR code needs {need}: widen it, or use --qr-svg FILE"
        ));
    }
    let (dark, light) = if ink == Ink::Light {
        (unicode::Dense1x2::Light, unicode::Dense1x2::Dark)
    } else {
        (unicode::Dense1x2::Dark, unicode::Dense1x2::Light)
    };
    let art = c
        .render::<unicode::Dense1x2>()
        .dark_color(dark)
        .light_color(light)
        .quiet_zone(true)
        .build();
    let mut s = String::with_capacity(art.len() * 2);
    for line in art.lines() {
        if color {
            s.push_str("\x1b[30;107m");
            s.push_str(line);
            s.push_str("\x1b[0m\n");
        } else {
            s.push_str(line);
            s.push('\n');
        }
    }
    Ok(Screen::new(s))
}

/// Writes the code as an SVG file, whole or not at all.
pub fn write_svg(invoice: &str, path: &Path) -> Result<(), String> {
    let c = code(invoice)?;
    let image = c
        .render::<svg::Color<'_>>()
        .min_dimensions(320, 320)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .quiet_zone(true)
        .build();
    crate::files::write_atomic(path, image.as_bytes(), crate::files::Mode::Shared)
        .map_err(|e| format!("cannot write the QR code to {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payload_is_upper_case_uri() {
        assert_eq!(payload("lnbcrt1abc"), "LIGHTNING:LNBCRT1ABC");
    }

    #[test]
    fn refuses_narrow_terminals() {
        let inv = "lnbcrt1".repeat(40);
        assert!(
            terminal(&inv, Ink::Dark, Some(20))
                .unwrap_err()
                .contains("20 columns")
        );
        let dark = terminal(&inv, Ink::Dark, None).unwrap().as_str().to_owned();
        let light = terminal(&inv, Ink::Light, None)
            .unwrap()
            .as_str()
            .to_owned();
        assert!(dark.lines().count() > 10);
        // The quiet zone is light: blank with dark ink, solid with light ink.
        assert!(dark.lines().next().unwrap().trim().is_empty());
        assert!(light.lines().next().unwrap().chars().all(|c| c == '█'));
    }
}
