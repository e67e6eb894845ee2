//! Citations on pages: a clause in words in the UI's language, the amending act's item
//! that made a version, linked to that item, and "from D" with the date written out.
//! The words come from [`crate::citation`]; this file only looks up what they need in
//! the library (the amending act's kind, number, date, and the name of its annex).

use std::cell::RefCell;
use std::collections::HashMap;

use chrono::NaiveDate;

use super::i18n::code;
use super::pages::url_encode;
use crate::Library;
use crate::citation::{self, DocName};
use crate::kk::{Base, Case, inflect};
use crate::model::{EId, Lang, NodeKind, RegistryId};

/// Cites clauses of the library's acts in one language, remembering annex names.
pub(super) struct Citer<'a> {
    lib: &'a Library,
    lang: Lang,
    docs: RefCell<HashMap<(RegistryId, EId), Option<DocName>>>,
}

impl<'a> Citer<'a> {
    /// A citer for pages in `lang`.
    pub(super) fn new(lib: &'a Library, lang: Lang) -> Self {
        Citer {
            lib,
            lang,
            docs: RefCell::new(HashMap::new()),
        }
    }

    /// The name of the document `eid`'s annex holds in `act`.
    fn doc(&self, act: &RegistryId, eid: &EId) -> Option<DocName> {
        let top = eid.as_str().split("__").next()?.parse::<EId>().ok()?;
        if top.kind() != NodeKind::Attachment {
            return None;
        }
        let key = (*act, top);
        if let Some(d) = self.docs.borrow().get(&key) {
            return *d;
        }
        let d = self.lib.timeline(act).and_then(|tl| citation::doc_name(tl, &key.1));
        self.docs.borrow_mut().insert(key, d);
        d
    }

    /// Clause `eid` of `act` in words.
    pub(super) fn clause(&self, act: &RegistryId, eid: &EId) -> String {
        citation::clause(eid, self.lang, self.doc(act, eid))
    }

    /// Item `item` of amending act `act` in words, with the act ("№ 429 бұйрық
    /// (30.09.2025), Тізбенің 1-тармағы"), and a link to it; `None` for an act not in
    /// the library.
    pub(super) fn source(&self, act: &RegistryId, item: Option<&str>) -> Option<(String, String)> {
        let a = self.lib.act(act)?;
        let enc = url_encode(&act.to_string());
        let lang = code(self.lang);
        let cited = citation::act(a.kind, &a.number, a.date, self.lang);
        Some(match item.and_then(|i| i.parse::<EId>().ok()) {
            Some(eid) => (
                format!("{cited}, {}", self.clause(act, &eid)),
                format!("/acts/{enc}?lang={lang}#{}", url_encode(eid.as_str())),
            ),
            None => (cited, format!("/acts/{enc}?lang={lang}")),
        })
    }

    /// `d` written out.
    pub(super) fn date(&self, d: NaiveDate) -> String {
        citation::date(d, self.lang)
    }

    /// A change whose day is not known yet: "date not yet known, at the earliest D"
    /// (without the earliest day when none is known).
    pub(super) fn waiting(&self, earliest: Option<NaiveDate>) -> String {
        let t = super::i18n::Words(self.lang);
        match earliest {
            Some(e) => format!("{}, {} {}", t.pending_date(), t.at_the_earliest(), self.date(e)),
            None => t.pending_date().to_string(),
        }
    }

    /// "From D": "2025 жылғы 6 желтоқсаннан бастап", "с 6 декабря 2025 г.", "from 6
    /// December 2025".
    pub(super) fn since(&self, d: NaiveDate) -> String {
        let w = self.date(d);
        match self.lang {
            Lang::Kk => format!("{} бастап", inflect(&w, Case::Ablative, Base::Bare)),
            Lang::Ru => format!("с {w}"),
            Lang::En => format!("from {w}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn since_takes_the_ablative_in_kazakh() {
        let lib = Library::default();
        let d = NaiveDate::from_ymd_opt(2025, 12, 6).expect("a date");
        assert_eq!(Citer::new(&lib, Lang::Kk).since(d), "2025 жылғы 6 желтоқсаннан бастап");
        assert_eq!(Citer::new(&lib, Lang::Ru).since(d), "с 6 декабря 2025 г.");
        let d = NaiveDate::from_ymd_opt(2026, 1, 1).expect("a date");
        assert_eq!(Citer::new(&lib, Lang::Kk).since(d), "2026 жылғы 1 қаңтардан бастап");
    }
}
