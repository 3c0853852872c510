//! How half-width katakana are spelt: which marks and small kana may
//! follow which kana. Shift_JIS reads the bytes A1-DF as half-width
//! katakana, so another codec's text read with it (GBK's `安徽省` is
//! `ｰｲｻﾕﾊ｡`) is strewn with them in any order, while real half-width text
//! (receipts, bank transfers, old terminals: `ｷﾞｭｳﾆｭｳ`, `ﾌｧｲﾙ`) puts a
//! prolonged sound mark after a kana, a voicing mark after a kana that
//! takes one, and a small kana after one it can follow. Marks after
//! anything but kana are left alone: emoticons use them (`(ﾟ∀ﾟ)`,
//! `(ｰ_ｰ)`).

/// How many half-width kana in `text` stand where Japanese spelling
/// puts none (see [`Speller::step`]).
pub(super) fn misspellings(text: impl Iterator<Item = char>) -> i32 {
    let mut speller = Speller::default();
    text.map(|c| i32::from(speller.step(c))).sum()
}

/// Half-width kana spelling, one character at a time.
#[derive(Clone, Copy, Default)]
pub(super) struct Speller {
    /// The character before, if any.
    pub(super) prev: Option<char>,
    /// Corner brackets open.
    open: u32,
}

impl Speller {
    /// Whether `c` stands where Japanese spelling puts none: a prolonged
    /// sound mark, voicing mark or small kana after a kana that cannot
    /// take it (`ｻｬ`, `ﾒｪ`, `ｱﾞ`), a prolonged sound mark or small kana at
    /// the start or after an ideograph or a mark of punctuation, or a
    /// closing corner bracket with none open.
    pub(super) fn step(&mut self, c: char) -> bool {
        let prev = self.prev.replace(c);
        match c {
            // ｰ
            '\u{FF70}' => prev.is_none_or(|p| !after_prolonged(p) && !p.is_ascii()),
            // ﾞ, ﾟ
            '\u{FF9E}' => prev.is_some_and(|p| kana_or_ideograph(p) && !takes_voicing(p)),
            '\u{FF9F}' => prev.is_some_and(|p| kana_or_ideograph(p) && !takes_half_voicing(p)),
            // ｧｨｩｪｫ
            '\u{FF67}'..='\u{FF6B}' => prev.is_none_or(|p| !takes_small_vowel(p)),
            // ｬｭｮ
            '\u{FF6C}'..='\u{FF6E}' => prev.is_none_or(|p| !takes_small_y(p)),
            // ｯ
            '\u{FF6F}' => prev.is_none_or(|p| !after_prolonged(p)),
            // ｢, ｣
            '\u{FF62}' => {
                self.open += 1;
                false
            }
            '\u{FF63}' => match self.open.checked_sub(1) {
                Some(rest) => {
                    self.open = rest;
                    false
                }
                None => true,
            },
            _ => false,
        }
    }
}

/// A half-width kana, voicing mark or prolonged sound mark: what a
/// prolonged sound mark or a small `tsu` may follow.
fn after_prolonged(c: char) -> bool {
    matches!(c, '\u{FF66}'..='\u{FF6F}' | '\u{FF70}'..='\u{FF9F}')
}

/// Kana of either width and ideographs: a voicing mark after one of these
/// is part of a word, not of an emoticon.
fn kana_or_ideograph(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}' | '\u{FF66}'..='\u{FF9D}')
}

/// ｳ, ｶ-ﾄ, ﾊ-ﾎ, ﾜ, ｦ.
fn takes_voicing(c: char) -> bool {
    matches!(c, '\u{FF73}' | '\u{FF76}'..='\u{FF84}' | '\u{FF8A}'..='\u{FF8E}' | '\u{FF9C}' | '\u{FF66}')
}

/// ﾊ-ﾎ.
fn takes_half_voicing(c: char) -> bool {
    matches!(c, '\u{FF8A}'..='\u{FF8E}')
}

/// The kana a small vowel follows in loanwords (`ﾌｧ`, `ﾃｨ`, `ｼｪ`, `ｳｫ`),
/// and the voicing marks after them (`ﾃﾞｨ`).
fn takes_small_vowel(c: char) -> bool {
    matches!(
        c,
        'ｲ' | 'ｳ'
            | 'ｷ'
            | 'ｸ'
            | 'ｼ'
            | 'ｽ'
            | 'ﾁ'
            | 'ﾂ'
            | 'ﾃ'
            | 'ﾄ'
            | 'ﾆ'
            | 'ﾋ'
            | 'ﾌ'
            | 'ﾐ'
            | 'ﾘ'
            | 'ﾞ'
            | 'ﾟ'
    )
}

/// The kana a small `ya`, `yu` or `yo` follows (the `i` row, and `ﾃｭ`,
/// `ﾌｭ` in loanwords), and the voicing marks after them (`ｷﾞｭ`).
fn takes_small_y(c: char) -> bool {
    matches!(
        c,
        'ｷ' | 'ｼ' | 'ﾁ' | 'ﾆ' | 'ﾋ' | 'ﾐ' | 'ﾘ' | 'ﾃ' | 'ﾌ' | 'ｲ' | 'ﾞ' | 'ﾟ'
    )
}

#[cfg(test)]
mod tests {
    use super::misspellings;

    fn count(text: &str) -> i32 {
        misspellings(text.chars())
    }

    #[test]
    fn real_half_width_text_is_spelt_right() {
        for text in [
            "ｷﾞｭｳﾆｭｳ 1L ¥198",
            "ｴﾗｰ: ﾌｧｲﾙｶﾞ ﾐﾂｶﾘﾏｾﾝ",
            "ﾊﾟﾝ ｸﾛﾜｯｻﾝ 2ｺ ¥280",
            "ﾄﾞﾘﾝｸ ｱｲｽﾃｨｰ ¥150",
            "ｼｮｳﾋｾﾞｲ(10%) ¥116",
            "ｸﾚｼﾞｯﾄ ｲｯｶﾂ",
            "｢ﾃﾞｰﾀﾍﾞｰｽ｣ﾆ ｾﾂｿﾞｸ",
            "(ﾟ∀ﾟ) (ｰ_ｰ) (ﾉ◕ヮ◕)ﾉ*:･ﾟ✧",
        ] {
            assert_eq!(count(text), 0, "{text}");
        }
    }

    /// GBK's bytes read as Shift_JIS.
    #[test]
    fn gbk_read_as_shift_jis_is_not() {
        for (text, wrong) in [
            // 安徽省亳州市: a prolonged sound mark to begin with.
            ("ｰｲｻﾕﾊ｡ﾙﾝﾊﾐ", 1),
            // 小心地滑！: `sa` and a small `ya`, a closing bracket.
            ("ﾐ｡ﾐﾄｵﾘｻｬ｣｡", 2),
            // 【重要通知】
            ("｡ｾﾖﾘﾒｪﾍｨﾖｪ｡ｿ", 3),
            // ＡＢＣ公司
            ("｣ﾁ｣ﾂ｣ﾃｹｫﾋｾ", 4),
        ] {
            assert_eq!(count(text), wrong, "{text}");
        }
    }
}
