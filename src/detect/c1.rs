//! C1 controls where windows-1252 was meant: text decoded as true Latin-1
//! that should have been windows-1252 (`\u{93}quoted\u{94}`).

use super::{Candidate, Chars};
use crate::codec::{sb_tables, single_byte, Codec};

pub(super) fn propose(chars: &Chars<'_>) -> Option<Candidate> {
    let mut ranges = Vec::new();
    let mut gain = 0;
    let items = &chars.items;
    let mut i = 0;
    while i < items.len() {
        if !is_fixable(items[i].c) {
            i += 1;
            continue;
        }
        let start = i;
        while i < items.len() && is_fixable(items[i].c) {
            i += 1;
        }
        let range = start..i;
        let fixed = items[range.clone()].iter().filter_map(|it| to_1252(it.c));
        let delta = chars.cost(&range) - chars.cost_as(&range, fixed);
        if delta > 0 {
            gain += delta;
            ranges.push(range);
        }
    }
    if ranges.is_empty() {
        return None;
    }
    Some(Candidate {
        encode: Codec::Latin1,
        repairs: Vec::new(),
        decode: Codec::Windows1252,
        ranges,
        rank: gain,
    })
}

fn to_1252(c: char) -> Option<char> {
    let u = c as u32;
    if !(0x80..0xA0).contains(&u) {
        return None;
    }
    single_byte::decode_byte(sb_tables::WINDOWS_1252, u as u8).filter(|&d| d != c)
}

fn is_fixable(c: char) -> bool {
    to_1252(c).is_some()
}
