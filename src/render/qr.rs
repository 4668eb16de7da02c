//! The invoice as a QR code: `lightning:` + the invoice in upper case, which fits the QR
//! alphanumeric mode and gives a smaller, easier to scan code.

use std::path::Path;

use qrcode::render::{svg, unicode};
use qrcode::{EcLevel, QrCode};

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

/// The code drawn with half blocks, two modules per line. With colour, dark modules are
/// drawn black on white whatever the terminal's theme; without, light modules are drawn
/// as blocks, which reads as dark-on-light on the usual light-on-dark terminal.
pub fn terminal(invoice: &str, color: bool, columns: Option<usize>) -> Result<String, String> {
    let c = code(invoice)?;
    let need = width(&c);
    if let Some(cols) = columns
        && cols < need
    {
        return Err(format!(
            "the terminal is {cols} columns wide and the QR code needs {need}: widen it, or use --qr-svg FILE"
        ));
    }
    let (dark, light) = if color {
        (unicode::Dense1x2::Dark, unicode::Dense1x2::Light)
    } else {
        (unicode::Dense1x2::Light, unicode::Dense1x2::Dark)
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
    Ok(s)
}

/// Writes the code as an SVG file, through a temporary file so that a reader never sees
/// half of it.
pub fn write_svg(invoice: &str, path: &Path) -> Result<(), String> {
    let c = code(invoice)?;
    let image = c
        .render::<svg::Color<'_>>()
        .min_dimensions(320, 320)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .quiet_zone(true)
        .build();
    let tmp = path.with_extension("svg.tmp");
    std::fs::write(&tmp, image)
        .and_then(|_| std::fs::rename(&tmp, path))
        .map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            format!("cannot write the QR code to {}: {e}", path.display())
        })
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
            terminal(&inv, false, Some(20))
                .unwrap_err()
                .contains("20 columns")
        );
        let art = terminal(&inv, false, None).unwrap();
        assert!(art.lines().count() > 10);
    }
}
