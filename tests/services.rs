//! The state-services registry: passports read from the real corpus after Order No. 429,
//! and how they follow synthetic later amendments and repeals.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use nusqa::amend::{Change, Operation};
use nusqa::clause_markdown;
use nusqa::consolidate::{Status, consolidate};
use nusqa::corpus;
use nusqa::dates::{DateStatus, EffectiveRule};
use nusqa::model::{Content, EId, EventKind, Node, RegistryId};
use nusqa::services::{
    Attribute, AttributeValue, FormKind, Passport, Registry, SegmentStatus, ServiceError, ServiceId, TermUnit, Value,
};
use nusqa::{ActEntry, Library};

use crate::support::d;

const ORDER_429: &str = "V2500037008";

fn id(s: &str) -> RegistryId {
    s.parse().unwrap()
}

fn sid(s: &str) -> ServiceId {
    s.parse().unwrap()
}

fn eid(s: &str) -> EId {
    s.parse().unwrap()
}

/// The corpus as committed: Order 429's publication date not recorded.
fn unpublished() -> Library {
    let loaded = corpus::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")).unwrap();
    assert!(loaded.errors.is_empty(), "{:?}", loaded.errors);
    loaded.library
}

/// The corpus after recording Order 429's first publication on 6 October 2025.
fn published() -> Library {
    let mut lib = unpublished();
    let errors = lib
        .record_event(&id(ORDER_429), EventKind::Publication, d("2025-10-06"))
        .unwrap();
    assert!(errors.is_empty(), "{errors:?}");
    lib
}

/// The published corpus plus synthetic amending acts.
fn published_with(extra: Vec<ActEntry>) -> Library {
    let lib = published();
    let mut entries: Vec<ActEntry> = lib
        .acts()
        .map(|a| ActEntry {
            act: a.clone(),
            base: lib.base(&a.id).unwrap(),
            ops: lib.ops_by(&a.id).to_vec(),
        })
        .collect();
    entries.extend(extra);
    let (lib, errors) = Library::build(entries);
    assert!(errors.is_empty(), "{errors:?}");
    lib
}

/// A synthetic amending act (labelled synthetic) making `changes` to `target`, each
/// `(target eId or None for a whole-act repeal, change, effective date)`.
fn amending_act(act: &str, date: &str, target: &str, changes: Vec<(Option<&str>, Change, &str)>) -> ActEntry {
    let ops = changes
        .into_iter()
        .enumerate()
        .map(|(i, (t, change, eff))| Operation {
            source_act: id(act),
            source_item: format!("para_{}", i + 1),
            source_abzats: None,
            target_act: id(target),
            target: t.map(eid),
            change,
            effective: EffectiveRule::Fixed { date: d(eff) },
            instruction: None,
            origin: None,
        })
        .collect::<Vec<_>>();
    let base_md: String = (1..=ops.len())
        .map(|i| format!("# para_{i} [{i}]\nӨзгерістер.\n\n"))
        .collect();
    ActEntry {
        act: crate::support::act(act, date),
        base: clause_markdown::parse(&base_md).unwrap(),
        ops,
    }
}

fn text_node(e: &str, text: &str) -> Node {
    Node {
        eid: eid(e),
        num: None,
        heading: None,
        content: Content::of(text),
        children: vec![],
    }
}

fn chars(s: &str, n: usize) -> String {
    let mut out: String = s.chars().take(n).collect();
    if s.chars().count() > n {
        out.push('…');
    }
    out
}

/// One line per statement: `attribute: value @eid since by-act`, or per unknown
/// attribute: `attribute: unknown`. Values are cut at 60 characters.
fn compact(p: &Passport) -> Vec<String> {
    let mut out = Vec::new();
    for (a, v) in p.attributes.iter() {
        match v {
            AttributeValue::Unknown { .. } => out.push(format!("{a}: unknown")),
            AttributeValue::Known { statements } | AttributeValue::Partial { statements, .. } => {
                let partial = if matches!(v, AttributeValue::Partial { .. }) {
                    " (partial)"
                } else {
                    ""
                };
                for s in statements {
                    out.push(format!(
                        "{a}{partial}: {} @{} {} {}",
                        chars(&s.value.summary().replace('\n', " / "), 60),
                        s.eid,
                        s.since,
                        s.source.act
                    ));
                }
            }
        }
    }
    out
}

fn reason(p: &Passport, a: Attribute) -> String {
    match p.attributes.get(a) {
        Some(AttributeValue::Unknown { reason, .. }) => reason.clone(),
        other => panic!("{a} is not unknown: {other:?}"),
    }
}

fn states(p: &Passport) -> String {
    p.attributes
        .iter()
        .map(|(a, v)| format!("{a}={}", v.state()))
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_corpus_governs_nine_services_named_by_their_rules() {
    let lib = published();
    let reg = Registry::new(&lib);
    let got: Vec<(String, String, &str)> = reg
        .services(d("2026-01-15"))
        .into_iter()
        .map(|s| {
            let name = s.name.kk.text().unwrap().to_string();
            let rule = match &s.name.kk {
                nusqa::services::NameValue::Known { rule, .. } => *rule,
                _ => "",
            };
            (s.id.to_string(), name, rule)
        })
        .collect();
    let want = [
        (
            "V1400010273-att_1",
            "Жарылыс жұмыстарын жүргізуге рұқсат беру",
            "name.quoted",
        ),
        (
            "V1500012479-att_1",
            "Өнеркәсіптік қауіпсіздікті декларациялайтын заңды тұлғалар басшыларының, сондай-ақ аталған заңды тұлғалардың тұрақты жұмыс істейтін емтихан комиссиялары мүшелерінің білімін тексеру",
            "name.defined",
        ),
        (
            "V2000020340-att_1",
            "Өнеркәсіптік қауіпсіздік саласындағы жұмыстарды жүргізу құқығына заңды тұлғаларды аттестаттау",
            "name.quoted",
        ),
        (
            "V2000020435-att_1",
            "Қауіпті өндірістік объектілерде және қауіпті техникалық құрылғыларда қолданылатын технологияларға рұқсат беру",
            "name.quoted",
        ),
        (
            "V2000020561-att_1",
            "Жарылғыш және пиротехникалық (азаматтықты қоспағанда) заттар мен оларды қолданылып жасалған бұйымдарды әзірлеу, өндіру, сатып алу, өткізу, сақтау жөніндегі қызметті жүзеге асыруға лицензия беру",
            "name.quoted",
        ),
        (
            "V2000020561-att_2",
            "Жарылғыш заттар мен олардың негізінде жасалған бұйымдарды тұрақты қолдануға рұқсат беру",
            "name.quoted",
        ),
        (
            "V2000020561-att_3",
            "Жарылыс жұмыстарын жүргізуге рұқсат беру",
            "name.quoted",
        ),
        (
            "V2100024508-att_1",
            "Қауіпті өндірістік объектілерді салуға, кеңейтуге, реконструкциялауға, жаңғыртуға, консервациялауға және жоюға арналған жобалау құжаттамасын келісу",
            "name.quoted",
        ),
        (
            "V2100024574-att_1",
            "Қауіпті өндірістік объектілер мен қауіпті техникалық құрылғыларды есепке қою және есептен шығару",
            "name.heading",
        ),
    ];
    let want: Vec<(String, String, &str)> = want
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), *c))
        .collect();
    assert_eq!(got, want);
    // The Order itself approves no Rules: its annex is a list of amendments.
    assert!(reg.definitions().iter().all(|s| s.id.act.as_str() != ORDER_429));
    // Without publication the services are still found, from the pending wordings.
    let raw = unpublished();
    let raw_reg = Registry::new(&raw);
    assert_eq!(raw_reg.definitions().len(), 9);
    let blasting = raw_reg.find(&sid("V1400010273-att_1")).unwrap();
    assert_eq!(blasting.classified_by.since, None);
    assert_eq!(blasting.classified_by.earliest, Some(d("2025-12-01")));
}

#[test]
fn blasting_permit_passport_of_order_350_after_order_429() {
    let lib = published();
    let p = Registry::new(&lib)
        .passport(&sid("V1400010273-att_1"), d("2026-01-15"))
        .unwrap();
    let want = [
        "provider: өнеркәсіптік қауіпсіздік саласындағы уәкілетті орган ведомст… @att_1__para_4 2025-12-06 V2500037008",
        "provider: Өнеркәсіптік қауіпсіздік саласындағы уәкілетті орган ведомст… @att_1__att_2__table_1__row_1 2025-12-06 V2500037008",
        "channels: www.egov.kz @att_1__para_6 2025-12-06 V2500037008",
        "term: 5 (бес) жұмыс күні @att_1__para_6__abz_9 2025-12-06 V2500037008",
        "form: unknown",
        "result: unknown",
        "fee: unknown",
        "schedule: unknown",
        "documents: 1) осы Қағидаларға 1-қосымшаға сәйкес нысан бойынша көрсетіл… @att_1__para_6__subpara_1 2025-12-06 V2500037008",
        "documents: 2) жарылыс жұмыстарын қауіпсіз жүргізу шарттарын нақтылайтын… @att_1__para_6__subpara_2 2025-12-06 V2500037008",
        "documents: 3) жарылыс жұмыстарын жүргізу кезінде / жер бетінде жарылыс … @att_1__para_6__abz_5 2025-12-06 V2500037008",
        "documents: 3) жарылыс жұмыстарын жүргізу кезінде / жер асты жағдайларын… @att_1__para_6__abz_6 2025-12-06 V2500037008",
        "documents: Жарылғыш материалдарды пайдалана отырып сейсмикалық барлау ж… @att_1__para_6__abz_7 2025-12-06 V2500037008",
        "refusal_grounds: unknown",
        "other_requirements: unknown",
    ];
    assert_eq!(compact(&p), want);
    let provider = &p.attributes.get(Attribute::Provider).unwrap().statements()[0];
    assert_eq!(
        provider.value,
        Value::Text {
            text: "өнеркәсіптік қауіпсіздік саласындағы уәкілетті орган ведомствосының аумақтық бөлімшесі".into()
        }
    );
    assert_eq!(provider.source.item.as_deref(), Some("att_1__para_1"));
    assert_eq!(provider.rule, "provider.clause");
    let term = &p.attributes.get(Attribute::Term).unwrap().statements()[0];
    assert!(matches!(
        &term.value,
        Value::Term { case: None, amount: 5, words: Some(w), unit: TermUnit::WorkingDays, .. } if w == "бес"
    ));
    // The unknown ones say where the value would be: the requirements list of annex 2,
    // of which the registry holds row 1 only.
    let form = reason(&p, Attribute::Form);
    assert!(form.contains("att_1__para_6__abz_8"), "{form}");
    assert!(form.contains("annex 2 to the Rules (att_1__att_2)"), "{form}");
    assert!(form.contains("only row 1"), "{form}");
    match p.attributes.get(Attribute::Form).unwrap() {
        AttributeValue::Unknown { see, .. } => {
            assert_eq!(see.len(), 1);
            assert_eq!(see[0].points_to.as_str(), "att_1__att_2");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(p.name.kk.text(), Some("Жарылыс жұмыстарын жүргізуге рұқсат беру"));
    assert!(p.name.ru.text().is_none(), "no Russian text is held: no Russian name");
    assert_eq!(p.authority.office, "Minister of Investment and Development");
    assert_eq!(p.rules.eid.as_str(), "att_1");
}

#[test]
fn before_order_429_the_blasting_permit_attributes_are_unknown_because_not_held() {
    let lib = published();
    let p = Registry::new(&lib)
        .passport(&sid("V1400010273-att_1"), d("2025-10-05"))
        .unwrap();
    assert!(p.attributes.iter().all(|(_, v)| v.is_unknown()), "{:#?}", compact(&p));
    let provider = reason(&p, Attribute::Provider);
    assert!(
        provider.starts_with(
            "paragraph 4 of the Rules (att_1__para_4) is not held by the registry; its wording in force from 2025-12-06 states the provider"
        ),
        "{provider}"
    );
    assert!(
        provider.contains("att_1__att_2__table_1__row_1) is not held"),
        "{provider}"
    );
    for a in [Attribute::Channels, Attribute::Term, Attribute::Documents] {
        let r = reason(&p, a);
        assert!(
            r.starts_with("paragraph 6 of the Rules (att_1__para_6) is not held by the registry"),
            "{a}: {r}"
        );
    }
    assert!(reason(&p, Attribute::Term).contains("(in att_1__para_6__abz_9)"));
    assert_eq!(
        reason(&p, Attribute::Fee),
        "the requirements list (att_1__att_2__table_1) is not held by the registry"
    );
    // The name comes from the Rules' heading until paragraph 4 names the service.
    match &p.name.kk {
        nusqa::services::NameValue::Known { rule, eid, since, .. } => {
            assert_eq!(
                (*rule, eid.as_str(), *since),
                ("name.heading", "att_1", d("2014-12-30"))
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn order_234_blasting_permit_has_a_full_passport_from_its_new_annex_2() {
    let lib = published();
    let p = Registry::new(&lib)
        .passport(&sid("V2000020561-att_3"), d("2026-01-15"))
        .unwrap();
    assert!(
        p.attributes
            .iter()
            .all(|(_, v)| matches!(v, AttributeValue::Known { .. })),
        "{}",
        states(&p)
    );
    let row = |n: u32| format!("att_3__att_2__table_1__row_{n}");
    let from_rows = |a: Attribute| -> Vec<String> {
        p.attributes
            .get(a)
            .unwrap()
            .statements()
            .iter()
            .filter(|s| s.rule == "requirements.row")
            .map(|s| s.eid.to_string())
            .collect()
    };
    for (a, n) in [
        (Attribute::Provider, 1),
        (Attribute::Channels, 2),
        (Attribute::Term, 3),
        (Attribute::Form, 4),
        (Attribute::Result, 5),
        (Attribute::Fee, 6),
        (Attribute::Schedule, 7),
        (Attribute::OtherRequirements, 10),
    ] {
        assert_eq!(from_rows(a), vec![row(n)], "{a}");
    }
    assert_eq!(from_rows(Attribute::RefusalGrounds).len(), 4, "four grounds in row 9");
    assert_eq!(
        from_rows(Attribute::Documents).len(),
        5,
        "row 8: three items, the third by two cases, and the seismic one"
    );
    let channels = p.attributes.get(Attribute::Channels).unwrap().statements();
    for s in channels {
        assert!(
            matches!(&s.value, Value::Channels { portals, .. } if portals == &["www.egov.kz", "www.elicense.kz"]),
            "{s:?}"
        );
    }
    assert_eq!(
        channels[0].eid.as_str(),
        "att_3__para_6",
        "the clause first, then the row"
    );
    let form = &p.attributes.get(Attribute::Form).unwrap().statements()[0];
    assert!(matches!(&form.value, Value::Form { kinds, .. } if kinds == &[FormKind::Electronic]));
    let fee = &p.attributes.get(Attribute::Fee).unwrap().statements()[0];
    assert_eq!(fee.value.text(), "Тегін");
    assert_eq!(p.name.kk.text(), Some("Жарылыс жұмыстарын жүргізуге рұқсат беру"));
}

#[test]
fn licence_terms_documents_and_grounds_by_case() {
    let lib = published();
    let p = Registry::new(&lib)
        .passport(&sid("V2000020561-att_1"), d("2026-01-15"))
        .unwrap();
    let terms: Vec<(Option<String>, u32)> = p
        .attributes
        .get(Attribute::Term)
        .unwrap()
        .statements()
        .iter()
        .map(|s| match &s.value {
            Value::Term { case, amount, .. } => (case.clone(), *amount),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        terms,
        vec![
            (Some("лицензия және (немесе) лицензияға қосымшаны алу кезінде".into()), 10),
            (Some("лицензияны және (немесе) лицензияға қосымшаны қайта ресімдеу кезінде".into()), 3),
            (
                Some("көрсетілетін қызметті алушы бөлініп шығу немесе бөліну нысанында қайта ұйымдастырылған жағдайда лицензияны және (немесе) лицензияға қосымшаны қайта ресімдеу кезінде".into()),
                10
            ),
        ]
    );
    let cases: Vec<Option<String>> = p
        .attributes
        .get(Attribute::Documents)
        .unwrap()
        .statements()
        .iter()
        .map(|s| match &s.value {
            Value::Item { case, .. } => case.clone(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(cases.len(), 12);
    assert_eq!(cases[0].as_deref(), Some("1) лицензия алу үшін"));
    assert_eq!(cases[3].as_deref(), Some("2) лицензияға қосымша алу үшін"));
    let grounds = p.attributes.get(Attribute::RefusalGrounds).unwrap().statements();
    assert_eq!(grounds.len(), 7);
    assert!(grounds.iter().all(|s| s.eid.as_str() == "att_1__att_5__table_1__row_9"));
    let r = reason(&p, Attribute::Provider);
    assert!(
        r.contains("annex 5 to the Rules (att_1__att_5)") && r.contains("only row 9"),
        "{r}"
    );
}

#[test]
fn every_passport_in_brief() {
    let lib = published();
    let reg = Registry::new(&lib);
    let got: Vec<String> = reg
        .definitions()
        .iter()
        .map(|s| format!("{}: {}", s.id, states(&reg.passport(&s.id, d("2026-01-15")).unwrap())))
        .collect();
    let u = "unknown";
    let k = "known";
    let line = |id: &str, v: [&str; 10]| {
        let names = Attribute::ALL.iter().zip(v).map(|(a, s)| format!("{a}={s}"));
        format!("{id}: {}", names.collect::<Vec<_>>().join(" "))
    };
    let want = vec![
        line("V1400010273-att_1", [k, k, k, u, u, u, u, k, u, u]),
        line("V1500012479-att_1", [k, u, u, u, u, u, u, u, u, u]),
        line("V2000020340-att_1", [u, u, u, u, k, u, u, u, u, u]),
        line("V2000020435-att_1", [u, u, u, u, k, u, u, "partial", u, u]),
        line("V2000020561-att_1", [u, k, k, u, k, k, u, k, k, u]),
        line("V2000020561-att_2", [u, k, k, u, u, u, u, k, u, u]),
        line("V2000020561-att_3", [k; 10]),
        line("V2100024508-att_1", [k, u, u, u, u, u, u, u, u, u]),
        line("V2100024574-att_1", [k, u, u, u, u, u, u, u, u, u]),
    ];
    assert_eq!(got, want);
}

#[test]
fn known_values_are_verbatim_from_clauses_in_force_and_nothing_is_guessed() {
    let lib = published();
    let reg = Registry::new(&lib);
    let mut checked = 0;
    for def in reg.definitions() {
        let tl = lib.timeline(&def.id.act).unwrap();
        let history = reg.history(&def.id, None).unwrap();
        let mut dates: Vec<NaiveDate> = history.segments.iter().map(|s| s.from).collect();
        dates.push(d("2025-10-05"));
        for date in dates {
            let Ok(p) = reg.passport(&def.id, date) else { continue };
            let c = consolidate(tl, date).unwrap();
            for (a, v) in p.attributes.iter() {
                if let AttributeValue::Unknown { reason, .. } = v {
                    assert!(!reason.is_empty(), "{} {a} on {date}: an unknown says why", def.id);
                }
                for s in v.statements() {
                    let node = c.find(s.eid.as_str()).unwrap();
                    // A row's words are in its cells.
                    let mut words = String::new();
                    let mut cell_since = Vec::new();
                    c.walk(&mut |n| {
                        if n.eid.is_within(&s.eid)
                            && let Some(t) = n.text
                        {
                            words.push_str(t);
                            words.push('\n');
                            cell_since.push(n.since);
                        }
                    });
                    assert!(
                        matches!(node.status, Status::InForce | Status::Pending),
                        "{} {a} {}",
                        def.id,
                        s.eid
                    );
                    let said = match &s.value {
                        Value::Item { text, .. } => text.clone(),
                        other => other.text().to_string(),
                    };
                    for line in said.lines() {
                        assert!(
                            words.contains(line),
                            "{} {a} on {date}: `{line}` is not in {}",
                            def.id,
                            s.eid
                        );
                    }
                    assert!(
                        cell_since.contains(&s.since),
                        "{} {a}: since {} is no version of {}",
                        def.id,
                        s.since,
                        s.eid
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 50, "{checked}");
}

#[test]
fn a_later_amendment_changes_the_term_and_the_provider_and_nothing_else() {
    let synthetic = amending_act(
        "V2600000001",
        "2026-02-01",
        "V1400010273",
        vec![
            (
                Some("att_1__para_6__abz_9"),
                Change::Replace {
                    content: text_node(
                        "att_1__para_6__abz_9",
                        "Мемлекеттік қызметті көрсету жалпы мерзімі 3 (үш) жұмыс күнін құрайды.",
                    ),
                },
                "2026-03-01",
            ),
            (
                Some("att_1__att_2__table_1__row_1"),
                Change::ReplaceWords {
                    words: "аумақтық бөлімшесі".into(),
                    replacement: "аумақтық департаменті".into(),
                },
                "2026-04-01",
            ),
            (
                Some("att_1__para_11"),
                Change::Replace {
                    content: text_node("att_1__para_11", "Көрсетілетін қызметті беруші деректерді енгізеді."),
                },
                "2026-04-01",
            ),
            (
                Some("att_1__para_5"),
                Change::ReplaceWords {
                    words: "мерзімі".into(),
                    replacement: "нысаны".into(),
                },
                "2026-04-01",
            ),
        ],
    );
    let lib = published_with(vec![synthetic]);
    let reg = Registry::new(&lib);
    let blasting = sid("V1400010273-att_1");
    let term_on = |date: &str| -> Vec<(String, u32, NaiveDate, String)> {
        let p = reg.passport(&blasting, d(date)).unwrap();
        p.attributes
            .get(Attribute::Term)
            .unwrap()
            .statements()
            .iter()
            .map(|s| match &s.value {
                Value::Term { amount, .. } => (s.eid.to_string(), *amount, s.since, s.source.act.to_string()),
                other => panic!("{other:?}"),
            })
            .collect()
    };
    assert_eq!(
        term_on("2026-02-28"),
        vec![("att_1__para_6__abz_9".into(), 5, d("2025-12-06"), ORDER_429.into())]
    );
    assert_eq!(
        term_on("2026-03-01"),
        vec![("att_1__para_6__abz_9".into(), 3, d("2026-03-01"), "V2600000001".into())]
    );
    let p = reg.passport(&blasting, d("2026-04-01")).unwrap();
    let providers: Vec<(String, &str)> = p
        .attributes
        .get(Attribute::Provider)
        .unwrap()
        .statements()
        .iter()
        .map(|s| (s.eid.to_string(), s.value.text()))
        .collect();
    assert_eq!(providers[0].0, "att_1__para_4");
    assert!(
        providers[0].1.ends_with("аумақтық бөлімшесі"),
        "paragraph 4 is untouched"
    );
    assert_eq!(providers[1].0, "att_1__att_2__table_1__row_1");
    assert!(providers[1].1.contains("аумақтық департаменті"), "{}", providers[1].1);
    // Unknown attributes stay unknown: rewording paragraph 11 and touching the words of
    // the not-held paragraph 5 state nothing new.
    let before = reg.passport(&blasting, d("2026-03-31")).unwrap();
    for a in [
        Attribute::Form,
        Attribute::Result,
        Attribute::Fee,
        Attribute::Schedule,
        Attribute::RefusalGrounds,
        Attribute::OtherRequirements,
    ] {
        assert!(before.attributes.get(a).unwrap().is_unknown(), "{a}");
        assert!(
            p.attributes.get(a).unwrap().is_unknown(),
            "{a} became known without a clause stating it"
        );
    }
    // History: by which act, from which date.
    let h = reg.history(&blasting, Some(Attribute::Term)).unwrap();
    let segs: Vec<(NaiveDate, Option<NaiveDate>, Vec<String>, &str)> = h
        .segments
        .iter()
        .map(|s| {
            (
                s.from,
                s.to,
                s.changed_by.iter().map(ToString::to_string).collect(),
                s.attributes.get(Attribute::Term).unwrap().state(),
            )
        })
        .collect();
    assert_eq!(
        segs,
        vec![
            (
                d("2014-12-30"),
                Some(d("2025-12-06")),
                vec!["V1400010273".to_string()],
                "unknown"
            ),
            (
                d("2025-12-06"),
                Some(d("2026-03-01")),
                vec![ORDER_429.to_string()],
                "known"
            ),
            (d("2026-03-01"), None, vec!["V2600000001".to_string()], "known"),
        ]
    );
    let h = reg.history(&blasting, Some(Attribute::Provider)).unwrap();
    let froms: Vec<NaiveDate> = h.segments.iter().map(|s| s.from).collect();
    assert_eq!(froms, vec![d("2014-12-30"), d("2025-12-06"), d("2026-04-01")]);
    // Impact: the term from 1 March, the provider from 1 April; paragraph 11 and the
    // not-held paragraph 5 change no attribute.
    let imp = reg.impact(&id("V2600000001")).unwrap();
    assert_eq!(imp.services.len(), 1);
    let changes: Vec<(Option<NaiveDate>, Vec<Attribute>, Vec<String>)> = imp.services[0]
        .changes
        .iter()
        .map(|c| {
            (
                c.date,
                c.attributes.iter().map(|a| a.attribute).collect(),
                c.clauses.iter().map(ToString::to_string).collect(),
            )
        })
        .collect();
    assert_eq!(
        changes,
        vec![
            (
                Some(d("2026-03-01")),
                vec![Attribute::Term],
                vec!["att_1__para_6__abz_9".to_string()]
            ),
            (
                Some(d("2026-04-01")),
                vec![Attribute::Provider],
                vec![
                    "att_1__para_5".to_string(),
                    "att_1__para_11".to_string(),
                    "att_1__att_2__table_1__row_1__cell_3".to_string()
                ]
            ),
        ]
    );
}

#[test]
fn a_repealed_service_disappears_from_that_date_and_its_history_remains() {
    let repeal = amending_act(
        "V2600000002",
        "2026-02-01",
        "V2100024574",
        vec![(None, Change::Repeal, "2026-06-01")],
    );
    let delete = amending_act(
        "V2600000003",
        "2026-02-01",
        "V2000020561",
        vec![(Some("att_2"), Change::Delete, "2026-07-01")],
    );
    let lib = published_with(vec![repeal, delete]);
    let reg = Registry::new(&lib);
    let ids = |date: &str| -> Vec<String> { reg.services(d(date)).iter().map(|s| s.id.to_string()).collect() };
    assert_eq!(ids("2026-05-31").len(), 9);
    let june = ids("2026-06-01");
    assert_eq!(june.len(), 8);
    assert!(!june.contains(&"V2100024574-att_1".to_string()));
    let july = ids("2026-07-01");
    assert_eq!(july.len(), 7);
    assert!(!july.contains(&"V2000020561-att_2".to_string()));
    assert!(
        july.contains(&"V2000020561-att_1".to_string()),
        "the other Rules of Order 234 stay"
    );
    let registration = sid("V2100024574-att_1");
    match reg.passport(&registration, d("2026-06-01")) {
        Err(ServiceError::Repealed { since, by, .. }) => {
            assert_eq!((since, by.as_str()), (d("2026-06-01"), "V2600000002"));
        }
        other => panic!("{other:?}"),
    }
    assert!(reg.passport(&registration, d("2026-05-31")).is_ok());
    let h = reg.history(&registration, None).unwrap();
    let last = h.segments.last().unwrap();
    assert_eq!(last.status, SegmentStatus::Repealed);
    assert_eq!((last.from, last.to), (d("2026-06-01"), None));
    assert_eq!(last.changed_by, vec![id("V2600000002")]);
    let before = &h.segments[h.segments.len() - 2];
    assert_eq!(before.status, SegmentStatus::InForce);
    assert_eq!(before.to, Some(d("2026-06-01")));
    assert!(!before.attributes.get(Attribute::Provider).unwrap().is_unknown());
    let imp = reg.impact(&id("V2600000002")).unwrap();
    let c = &imp.services[0].changes[0];
    assert!(c.ends_service);
    assert_eq!(c.date, Some(d("2026-06-01")));
    assert_eq!(
        c.attributes.iter().map(|a| a.attribute).collect::<Vec<_>>(),
        vec![Attribute::Provider]
    );
}

#[test]
fn impact_of_order_429_names_every_affected_service() {
    let all = [
        "V1400010273-att_1",
        "V1500012479-att_1",
        "V2000020340-att_1",
        "V2000020435-att_1",
        "V2000020561-att_1",
        "V2000020561-att_2",
        "V2000020561-att_3",
        "V2100024508-att_1",
        "V2100024574-att_1",
    ];
    let lib = published();
    let imp = Registry::new(&lib).impact(&id(ORDER_429)).unwrap();
    let ids: Vec<String> = imp.services.iter().map(|s| s.id.to_string()).collect();
    assert_eq!(ids, all);
    assert!(imp.outside.is_empty(), "{:?}", imp.outside);
    let by_id: BTreeMap<String, &nusqa::services::ServiceImpact> =
        imp.services.iter().map(|s| (s.id.to_string(), s)).collect();
    let summary = |s: &str| -> Vec<(Option<NaiveDate>, Vec<&str>)> {
        by_id[s]
            .changes
            .iter()
            .map(|c| (c.date, c.attributes.iter().map(|a| a.attribute.as_str()).collect()))
            .collect()
    };
    assert_eq!(
        summary("V1400010273-att_1"),
        vec![(Some(d("2025-12-06")), vec!["provider", "channels", "term", "documents"])]
    );
    assert_eq!(
        summary("V2000020340-att_1"),
        vec![(Some(d("2025-12-06")), vec!["result"]), (Some(d("2026-01-01")), vec![])]
    );
    assert_eq!(summary("V2000020561-att_3")[0].1.len(), 10);
    let blasting = &by_id["V1400010273-att_1"].changes[0];
    let provider = &blasting.attributes[0];
    assert!(provider.before.is_unknown());
    assert_eq!(provider.after.statements().len(), 2);
    assert_eq!(
        by_id["V2000020340-att_1"].changes[1].clauses,
        vec![eid("att_1__para_2")],
        "the 1 January change rewrites paragraph 2"
    );

    // Unpublished, the sixty-day changes are pending from 1 December 2025 at the
    // earliest; paragraph 2 of the attestation Rules is scheduled for 1 January 2026.
    let raw = unpublished();
    let imp = Registry::new(&raw).impact(&id(ORDER_429)).unwrap();
    let ids: Vec<String> = imp.services.iter().map(|s| s.id.to_string()).collect();
    assert_eq!(ids, all);
    for s in &imp.services {
        let pending: Vec<_> = s.changes.iter().filter(|c| c.status == DateStatus::Pending).collect();
        assert_eq!(pending.len(), 1, "{}", s.id);
        assert_eq!(pending[0].earliest, Some(d("2025-12-01")), "{}", s.id);
        assert_eq!(pending[0].date, None);
        assert!(!pending[0].clauses.is_empty(), "{}", s.id);
    }
    let attestation = imp
        .services
        .iter()
        .find(|s| s.id.to_string() == "V2000020340-att_1")
        .unwrap();
    assert_eq!(attestation.changes[0].status, DateStatus::Scheduled);
    assert_eq!(attestation.changes[0].date, Some(d("2026-01-01")));
    let blasting = &imp.services[0].changes[0];
    let attrs: Vec<&str> = blasting.attributes.iter().map(|a| a.attribute.as_str()).collect();
    assert_eq!(attrs, vec!["provider", "channels", "term", "documents"]);
}

#[test]
fn unpublished_passports_say_which_pending_amendment_states_the_attribute() {
    let raw = unpublished();
    let p = Registry::new(&raw)
        .passport(&sid("V1400010273-att_1"), d("2026-01-15"))
        .unwrap();
    assert!(p.attributes.iter().all(|(_, v)| v.is_unknown()));
    assert_eq!(
        reason(&p, Attribute::Provider).split("; row 1").next().unwrap(),
        "paragraph 4 of the Rules (att_1__para_4) is not held by the registry; an amendment by V2500037008 whose date is not yet known (earliest 2025-12-01) gives it a wording that states the provider"
    );
    assert_eq!(p.pending.len(), 5, "{:?}", p.pending);
}

#[test]
fn passport_json_has_the_documented_shape() {
    let lib = published();
    let p = Registry::new(&lib)
        .passport(&sid("V1400010273-att_1"), d("2026-01-15"))
        .unwrap();
    let j = serde_json::to_value(&p).unwrap();
    assert_eq!(j["id"], "V1400010273-att_1");
    assert_eq!(j["name"]["kk"]["state"], "known");
    assert_eq!(j["name"]["ru"]["state"], "unknown");
    let keys: Vec<&str> = j["attributes"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, Attribute::ALL.map(|a| a.as_str()));
    let term = &j["attributes"]["term"]["statements"][0];
    assert_eq!(term["value"]["type"], "term");
    assert_eq!(term["value"]["amount"], 5);
    assert_eq!(term["value"]["unit"], "working_days");
    assert_eq!(term["eid"], "att_1__para_6__abz_9");
    assert_eq!(term["since"], "2025-12-06");
    assert_eq!(term["source"]["act"], ORDER_429);
    assert_eq!(j["attributes"]["form"]["state"], "unknown");
    assert_eq!(j["attributes"]["form"]["see"][0]["points_to"], "att_1__att_2");
}

mod cli {
    //! The four commands as users run them.

    use std::path::Path;
    use std::process::Output;

    use crate::support::nusqa;

    fn json(o: &Output) -> serde_json::Value {
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        serde_json::from_slice(&o.stdout).unwrap()
    }

    use crate::support::copy_dir;

    #[test]
    fn services_service_history_and_impact_on_a_published_copy() {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"), dir.path());
        let c = dir.path();
        let rec = nusqa(c, &["event", "V2500037008", "publication", "2025-10-06"]);
        assert!(rec.status.success());

        let list = json(&nusqa(c, &["services", "--as-of", "2026-01-15", "--json"]));
        assert_eq!(list["date"], "2026-01-15");
        assert_eq!(list["services"].as_array().unwrap().len(), 9);

        let p = json(&nusqa(
            c,
            &["service", "V1400010273-att_1", "--as-of", "2026-01-15", "--json"],
        ));
        assert_eq!(
            p["attributes"]["channels"]["statements"][0]["value"]["portals"][0],
            "www.egov.kz"
        );
        let text = nusqa(c, &["service", "V1400010273-att_1", "--as-of", "2025-10-05"]);
        let text = String::from_utf8_lossy(&text.stdout);
        assert!(
            text.contains("provider: unknown — paragraph 4 of the Rules (att_1__para_4) is not held by the registry"),
            "{text}"
        );

        let h = json(&nusqa(c, &["service-history", "V1400010273-att_1", "term", "--json"]));
        assert_eq!(h["attribute"], "term");
        assert_eq!(h["segments"][1]["from"], "2025-12-06");
        assert_eq!(h["segments"][1]["changed_by"][0], "V2500037008");

        let i = json(&nusqa(c, &["impact", "V2500037008", "--json"]));
        assert_eq!(i["services"].as_array().unwrap().len(), 9);

        let bad = nusqa(c, &["service", "V1400010273"]);
        assert_eq!(bad.status.code(), Some(2), "a malformed id is a bad argument");
        let unknown = nusqa(c, &["service", "V1400010273-att_9", "--as-of", "2026-01-15"]);
        assert_eq!(unknown.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&unknown.stderr).contains("no state service"));
        let attr = nusqa(c, &["service-history", "V1400010273-att_1", "price"]);
        assert_eq!(attr.status.code(), Some(2));
    }
}
