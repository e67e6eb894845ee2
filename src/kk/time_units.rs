//! The units of time in which texts state terms: `жұмыс күні` (working day),
//! `күнтізбелік күн` (calendar day), `сағат` (hour), `минут` (minute), in any case form
//! (`5 (бес) жұмыс күнін`, `10 (он) жұмыс күні ішінде`).

/// A unit of time.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub enum TimeUnit {
    /// жұмыс күні.
    WorkingDay,
    /// күнтізбелік күн.
    CalendarDay,
    /// сағат.
    Hour,
    /// минут.
    Minute,
}

impl TimeUnit {
    /// Every unit.
    pub const ALL: [TimeUnit; 4] = [
        TimeUnit::WorkingDay,
        TimeUnit::CalendarDay,
        TimeUnit::Hour,
        TimeUnit::Minute,
    ];

    /// The unit's name after a number (`5 (бес) жұмыс күні`, `30 күнтізбелік күн`).
    pub fn name(self) -> &'static str {
        match self {
            TimeUnit::WorkingDay => "жұмыс күні",
            TimeUnit::CalendarDay => "күнтізбелік күн",
            TimeUnit::Hour => "сағат",
            TimeUnit::Minute => "минут",
        }
    }

    /// What every case form of the unit begins with, its words separated by one space
    /// (`жұмыс күн` for `жұмыс күні`, `жұмыс күнін`, `жұмыс күннен`).
    pub fn stem(self) -> &'static str {
        match self {
            TimeUnit::WorkingDay => "жұмыс күн",
            TimeUnit::CalendarDay => "күнтізбелік күн",
            TimeUnit::Hour => "сағат",
            TimeUnit::Minute => "минут",
        }
    }

    /// The first word of [`TimeUnit::stem`], which tells the units apart.
    pub fn first_word(self) -> &'static str {
        self.stem().split(' ').next().unwrap_or("")
    }

    /// The unit whose first word `text` begins with (any letter case): `Жұмыс күнін` is
    /// a working day.
    pub fn of(text: &str) -> Option<TimeUnit> {
        let text = text.to_lowercase();
        TimeUnit::ALL.into_iter().find(|u| text.starts_with(u.first_word()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units() {
        for u in TimeUnit::ALL {
            assert!(u.name().starts_with(u.stem()), "{u:?}");
            assert_eq!(TimeUnit::of(u.name()), Some(u));
            assert_eq!(TimeUnit::of(u.stem()), Some(u));
        }
        assert_eq!(TimeUnit::of("Жұмыс күнін"), Some(TimeUnit::WorkingDay));
        assert_eq!(TimeUnit::of("күнтізбелік күннен"), Some(TimeUnit::CalendarDay));
        assert_eq!(TimeUnit::of("апта"), None);
    }
}
