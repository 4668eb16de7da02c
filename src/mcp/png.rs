//! The invoice's QR code as a PNG, for clients that show images: one bit per pixel,
//! dark on light with a quiet zone, in stored (uncompressed) deflate blocks. A few dozen
//! lines instead of an image crate; the code is small enough that compression would save
//! a few kilobytes at most.

use qrcode::{Color, EcLevel, QrCode};

/// Pixels per module: enough for a phone camera to read off a screen.
const SCALE: usize = 4;
/// Modules of light margin around the code, as the QR standard asks.
const QUIET: usize = 4;

/// The PNG of `invoice`'s QR code (the same payload the terminal and SVG codes carry).
pub fn qr_png(invoice: &str) -> Result<Vec<u8>, String> {
    let payload = crate::render::qr::payload(invoice);
    let code = QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::L)
        .map_err(|e| format!("cannot make a QR code of this invoice: {e}"))?;
    let modules = code.width();
    let colors = code.to_colors();
    let side = (modules + 2 * QUIET) * SCALE;
    let row_bytes = side.div_ceil(8);
    let mut raw = Vec::with_capacity((row_bytes + 1) * side);
    for y in 0..side {
        raw.push(0); // filter: none
        let my = (y / SCALE).checked_sub(QUIET).filter(|m| *m < modules);
        let mut byte = 0u8;
        for x in 0..side {
            let mx = (x / SCALE).checked_sub(QUIET).filter(|m| *m < modules);
            let dark = matches!((mx, my), (Some(mx), Some(my)) if colors[my * modules + mx] == Color::Dark);
            // Grayscale at one bit: 1 is white.
            byte = (byte << 1) | u8::from(!dark);
            if x % 8 == 7 {
                raw.push(byte);
                byte = 0;
            }
        }
        if !side.is_multiple_of(8) {
            raw.push(byte << (8 - side % 8));
        }
    }
    Ok(png(side as u32, side as u32, &raw))
}

/// A PNG of one-bit grayscale rows, each already prefixed with its filter byte.
fn png(width: u32, height: u32, rows: &[u8]) -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::with_capacity(13);
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[1, 0, 0, 0, 0]); // bit depth 1, grayscale, deflate, no filter, no interlace
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"IDAT", &zlib_stored(rows));
    chunk(&mut out, b"IEND", &[]);
    out
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let start = out.len();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let crc = crc32(&out[start..]);
    out.extend_from_slice(&crc.to_be_bytes());
}

/// A zlib stream of stored deflate blocks.
fn zlib_stored(data: &[u8]) -> Vec<u8> {
    let mut out = vec![0x78, 0x01];
    let mut blocks = data.chunks(0xffff).peekable();
    if blocks.peek().is_none() {
        out.extend_from_slice(&[1, 0, 0, 0xff, 0xff]);
    }
    while let Some(block) = blocks.next() {
        out.push(u8::from(blocks.peek().is_none()));
        let len = block.len() as u16;
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(block);
    }
    out.extend_from_slice(&adler32(data).to_be_bytes());
    out
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xffff_ffffu32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn adler32(data: &[u8]) -> u32 {
    let (mut a, mut b) = (1u32, 0u32);
    for chunk in data.chunks(5552) {
        for &x in chunk {
            a += u32::from(x);
            b += a;
        }
        a %= 65_521;
        b %= 65_521;
    }
    (b << 16) | a
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checksums_match_known_values() {
        assert_eq!(crc32(b"IEND"), 0xae42_6082);
        assert_eq!(crc32(b"123456789"), 0xcbf4_3926);
        assert_eq!(adler32(b"Wikipedia"), 0x11e6_0398);
    }

    #[test]
    fn stored_blocks_split_at_their_limit() {
        let data = vec![7u8; 0xffff + 10];
        let z = zlib_stored(&data);
        // Header, two block headers, the data, the checksum.
        assert_eq!(z.len(), 2 + 5 + 5 + data.len() + 4);
        assert_eq!(z[2], 0, "first block is not the last");
        assert_eq!(z[2 + 5 + 0xffff], 1, "second block is the last");
    }

    #[test]
    fn the_png_has_the_code_and_its_quiet_zone() {
        let inv = "lnbcrt499900n1pjexample".repeat(8);
        let png = qr_png(&inv).unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        let side = u32::from_be_bytes(png[16..20].try_into().unwrap()) as usize;
        let code = QrCode::with_error_correction_level(
            crate::render::qr::payload(&inv).as_bytes(),
            EcLevel::L,
        )
        .unwrap();
        assert_eq!(side, (code.width() + 2 * QUIET) * SCALE);
    }
}
