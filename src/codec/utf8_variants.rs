//! A UTF-8 decoder that also accepts CESU-8 and Java's modified UTF-8.
//!
//! CESU-8 writes a supplementary character as its UTF-16 surrogate pair,
//! each surrogate as a 3-byte sequence (`ED A0..AF xx ED B0..BF xx`); Java
//! writes U+0000 as the overlong `C0 80`. Both show up when such bytes are
//! read as windows-1252 (`í ½í¸` for an emoji).

/// Decodes one sequence starting at `bytes[0]`, returning the character and
/// its length, or `None` if the bytes there are not UTF-8 or a variant form.
pub(crate) fn decode_one(bytes: &[u8]) -> Option<(char, usize)> {
    let b0 = *bytes.first()?;
    if b0 < 0x80 {
        return Some((char::from(b0), 1));
    }
    if b0 == 0xC0 && bytes.get(1) == Some(&0x80) {
        return Some(('\0', 2));
    }
    let (len, min) = match b0 {
        0xC2..=0xDF => (2, 0x80),
        0xE0..=0xEF => (3, 0x800),
        0xF0..=0xF4 => (4, 0x10000),
        _ => return None,
    };
    let mut cp = u32::from(b0) & (0x7F >> len);
    for i in 1..len {
        let b = *bytes.get(i)?;
        if b & 0xC0 != 0x80 {
            return None;
        }
        cp = cp << 6 | u32::from(b & 0x3F);
    }
    if cp < min || cp > 0x10FFFF {
        return None;
    }
    if (0xD800..=0xDBFF).contains(&cp) {
        // A high surrogate must be followed by an encoded low surrogate.
        let (low, _) = decode_surrogate(bytes.get(3..6)?)?;
        if !(0xDC00..=0xDFFF).contains(&low) {
            return None;
        }
        let c = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        return char::from_u32(c).map(|c| (c, 6));
    }
    char::from_u32(cp).map(|c| (c, len))
}

fn decode_surrogate(b: &[u8]) -> Option<(u32, usize)> {
    if b.len() == 3 && b[0] == 0xED && b[1] & 0xC0 == 0x80 && b[2] & 0xC0 == 0x80 {
        Some((
            0xD000 | u32::from(b[1] & 0x3F) << 6 | u32::from(b[2] & 0x3F),
            3,
        ))
    } else {
        None
    }
}

/// Decodes a whole buffer; the error is the offset of the first bad byte.
pub(crate) fn decode(bytes: &[u8]) -> Result<String, usize> {
    let mut out = String::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        // Plain UTF-8 runs go through std's validator at full speed.
        let valid = match std::str::from_utf8(&bytes[i..]) {
            Ok(s) => {
                out.push_str(s);
                return Ok(out);
            }
            Err(e) => e.valid_up_to(),
        };
        out.push_str(std::str::from_utf8(&bytes[i..i + valid]).map_err(|_| i)?);
        i += valid;
        match decode_one(&bytes[i..]) {
            Some((c, len)) => {
                out.push(c);
                i += len;
            }
            None => return Err(i),
        }
    }
    Ok(out)
}
