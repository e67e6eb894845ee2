//! The little Russian the notes need: numbers in words in the genitive
//! ("по истечении шестидесяти календарных дней").

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
}
