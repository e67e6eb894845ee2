//! Cardinal numbers in words, both ways: [`number_genitive`] writes the genitive the
//! notes need ("по истечении шестидесяти календарных дней"), [`cardinal`] reads the
//! nominative or the genitive the entry-into-force clauses use (`десяти` = 10,
//! `двадцати одного` = 21, `шестьдесят` = 60).

/// The units 0 to 9 in the genitive.
const UNITS_GENITIVE: [&str; 10] = [
    "",
    "одного",
    "двух",
    "трех",
    "четырех",
    "пяти",
    "шести",
    "семи",
    "восьми",
    "девяти",
];

/// 10 to 19 in the genitive.
const TEENS_GENITIVE: [&str; 10] = [
    "десяти",
    "одиннадцати",
    "двенадцати",
    "тринадцати",
    "четырнадцати",
    "пятнадцати",
    "шестнадцати",
    "семнадцати",
    "восемнадцати",
    "девятнадцати",
];

/// The tens 0 to 90 in the genitive.
const TENS_GENITIVE: [&str; 10] = [
    "",
    "десяти",
    "двадцати",
    "тридцати",
    "сорока",
    "пятидесяти",
    "шестидесяти",
    "семидесяти",
    "восьмидесяти",
    "девяноста",
];

/// A number in Russian words, genitive (1–99), e.g. 60 → "шестидесяти"; digits beyond.
pub fn number_genitive(n: u32) -> String {
    let at = |table: &[&str; 10], i: u32| table.get(i as usize).copied().unwrap_or("").to_string();
    match n {
        1..=9 => at(&UNITS_GENITIVE, n),
        10..=19 => at(&TEENS_GENITIVE, n - 10),
        20..=99 => {
            let (t, u) = (n / 10, n % 10);
            if u == 0 {
                at(&TENS_GENITIVE, t)
            } else {
                format!("{} {}", at(&TENS_GENITIVE, t), at(&UNITS_GENITIVE, u))
            }
        }
        _ => n.to_string(),
    }
}

/// The units 1 to 9 in the nominative (masculine and feminine `один`/`одна`, `два`/`две`
/// are both read).
const UNITS_NOMINATIVE: [&str; 10] = [
    "",
    "один",
    "два",
    "три",
    "четыре",
    "пять",
    "шесть",
    "семь",
    "восемь",
    "девять",
];

/// 10 to 19 in the nominative.
const TEENS_NOMINATIVE: [&str; 10] = [
    "десять",
    "одиннадцать",
    "двенадцать",
    "тринадцать",
    "четырнадцать",
    "пятнадцать",
    "шестнадцать",
    "семнадцать",
    "восемнадцать",
    "девятнадцать",
];

/// The tens 20 to 90 in the nominative.
pub(super) const TENS_NOMINATIVE: [&str; 10] = [
    "",
    "десять",
    "двадцать",
    "тридцать",
    "сорок",
    "пятьдесят",
    "шестьдесят",
    "семьдесят",
    "восемьдесят",
    "девяносто",
];

/// The value of one cardinal word (nominative or genitive; ё read as е), with its rank:
/// 1 for a unit, 2 for a teen or a ten, 3 for a hundred.
fn word(w: &str) -> Option<(u32, u8)> {
    let w = w.to_lowercase().replace('ё', "е");
    let w = w.trim_matches(|c: char| !c.is_alphabetic());
    let find = |table: &[&str; 10], w: &str| table.iter().position(|x| !x.is_empty() && *x == w);
    let idx = |i: usize| u32::try_from(i).unwrap_or(0);
    if let Some(i) = find(&UNITS_NOMINATIVE, w).or_else(|| find(&UNITS_GENITIVE, w)) {
        return Some((idx(i), 1));
    }
    if matches!(w, "одна" | "одной" | "одну" | "одно") {
        return Some((1, 1));
    }
    if w == "две" {
        return Some((2, 1));
    }
    if let Some(i) = find(&TEENS_NOMINATIVE, w).or_else(|| find(&TEENS_GENITIVE, w)) {
        return Some((10 + idx(i), 2));
    }
    if let Some(i) = find(&TENS_NOMINATIVE, w).or_else(|| find(&TENS_GENITIVE, w)) {
        return Some((10 * idx(i), 2));
    }
    match w {
        "сто" | "ста" => Some((100, 3)),
        _ => None,
    }
}

/// The number written by `text` in words, nominative or genitive (`десяти` = 10,
/// `двадцати одного` = 21, `сто двадцать` = 120), up to 199. Words must come in
/// falling rank (hundreds, tens, units), a unit only after a ten (not after a teen).
pub fn cardinal(text: &str) -> Option<u32> {
    let mut total = 0u32;
    let mut last_rank = u8::MAX;
    let mut last_value = 0u32;
    let mut any = false;
    for w in text.split_whitespace() {
        let (v, rank) = word(w)?;
        if rank >= last_rank || (rank == 1 && last_rank == 2 && !last_value.is_multiple_of(10)) {
            return None;
        }
        total += v;
        last_rank = rank;
        last_value = v;
        any = true;
    }
    any.then_some(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_the_genitive() {
        assert_eq!(number_genitive(60), "шестидесяти");
        assert_eq!(number_genitive(10), "десяти");
        assert_eq!(number_genitive(21), "двадцати одного");
        assert_eq!(number_genitive(99), "девяноста девяти");
        assert_eq!(number_genitive(0), "0");
        assert_eq!(number_genitive(100), "100");
    }

    #[test]
    fn reads_cardinals() {
        assert_eq!(cardinal("десяти"), Some(10));
        assert_eq!(cardinal("шестидесяти"), Some(60));
        assert_eq!(cardinal("двадцати одного"), Some(21));
        assert_eq!(cardinal("шестьдесят"), Some(60));
        assert_eq!(cardinal("Сорока пяти"), Some(45));
        assert_eq!(cardinal("сто двадцать"), Some(120));
        assert_eq!(cardinal("одного двадцати"), None);
        assert_eq!(cardinal("одиннадцати одного"), None);
        assert_eq!(cardinal("дней"), None);
        assert_eq!(cardinal(""), None);
    }

    #[test]
    fn both_ways_agree() {
        for n in 1..100 {
            assert_eq!(cardinal(&number_genitive(n)), Some(n), "{n}");
        }
    }
}
